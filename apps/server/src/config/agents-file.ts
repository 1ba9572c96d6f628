import { z } from 'zod';
import { IconNameSchema } from '@threadline/server/protocol';
import { BUILTIN_TOOL_NAMES } from '../assistant/tools/names.js';

/** Agent ids travel in URLs (`/chatkit?agent_id=…`) and thread metadata. */
const AgentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'use 1-64 letters, digits, "-" or "_"');

/** A model the composer's model picker offers (`composer.models`). */
export const ModelChoiceSchema = z.union([
  z
    .string()
    .min(1)
    .transform((id) => ({ id, label: id })),
  z
    .strictObject({
      id: z.string().min(1),
      label: z.string().min(1).optional(),
      description: z.string().optional(),
    })
    .transform((m) => ({ ...m, label: m.label ?? m.id })),
]);

/** A composer tool (`composer.tools`); picking it sends `inference_options.tool_choice.id`. */
export const ComposerToolSchema = z.strictObject({
  id: AgentIdSchema,
  label: z.string().min(1),
  icon: IconNameSchema.default('sparkle'),
  shortLabel: z.string().optional(),
  placeholderOverride: z.string().optional(),
  pinned: z.boolean().optional(),
  /** Extra instructions for the turn when this tool is picked. */
  instructions: z.string().optional(),
  /** A built-in tool the model must call when this composer tool is picked. */
  forceTool: z.enum(BUILTIN_TOOL_NAMES).optional(),
});

/** A start-screen prompt (`startScreen.prompts`). */
export const StartPromptSchema = z.strictObject({
  label: z.string().min(1),
  prompt: z.string().min(1),
  icon: IconNameSchema.optional(),
});

/** A searchable note for the `search_resources` tool. */
export const ResourceSchema = z.strictObject({
  title: z.string().min(1),
  content: z.string().min(1),
  url: z.url().optional(),
});

/** MCP server and tool names: the `mcpServers` keys, `mcpAllow`/`mcpDeny` entries. */
const McpServerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use 1-64 letters, digits, ".", "-" or "_"');

/** Tool-call time limit in milliseconds. */
const McpTimeoutSchema = z
  .number()
  .int()
  .min(100, 'expected at least 100 ms')
  .max(600_000, 'expected at most 600000 ms');

/** An MCP server started as a child process (stdin/stdout). */
export const McpStdioServerSchema = z.strictObject({
  transport: z.literal('stdio'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  /** Extra environment variables (the child does not inherit the server's environment). */
  env: z.record(z.string(), z.string()).optional(),
  /** Working directory; relative paths resolve against the config file's directory. */
  cwd: z.string().min(1).optional(),
  timeoutMs: McpTimeoutSchema.optional(),
});

/** An MCP server reached over streamable HTTP. */
export const McpHttpServerSchema = z.strictObject({
  transport: z.literal('http'),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  /** Fixed headers (a configured credential). */
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'expected an HTTP header name'), z.string())
    .optional(),
  /** Send the caller's own `Authorization: Bearer …` token to this server. */
  forwardUserToken: z.boolean().default(false),
  timeoutMs: McpTimeoutSchema.optional(),
});

export const McpServerSchema = z.discriminatedUnion(
  'transport',
  [McpStdioServerSchema, McpHttpServerSchema],
  {
    error: 'expected "transport": "stdio" (with "command") or "http" (with "url")',
  },
);

/** Collection names (as `threadline kb add --collection` creates them). */
const CollectionNameSchema = z
  .string()
  .regex(/^[\w][\w .:@-]{0,99}$/u, 'expected a collection name');

/**
 * The knowledge base an agent searches with `search_knowledge`: `true` for every collection the
 * user may read, a list of collection names, or the names with search options.
 */
export const AgentKnowledgeSchema = z.union([
  z.literal(true).transform(() => ({ collections: undefined, limit: 5, uploads: true })),
  z
    .array(CollectionNameSchema)
    .min(1)
    .transform((collections) => ({ collections, limit: 5, uploads: true })),
  z.strictObject({
    collections: z.array(CollectionNameSchema).min(1).optional(),
    limit: z.number().int().min(1).max(20).default(5),
    /**
     * The `add_to_knowledge` tool (when uploads are enabled): files the user attached in a thread
     * go to their own private `uploads` collection, which this agent then also searches.
     */
    uploads: z.boolean().default(true),
  }),
]);

export const AgentSchema = z.strictObject({
  id: AgentIdSchema,
  name: z.string().min(1),
  instructions: z.string().default('You are a helpful assistant. Answer concisely.'),
  /** Default model; falls back to the `THREADLINE_MODEL` setting. */
  model: z.string().min(1).optional(),
  /** Models the user may pick; the default model is always allowed. */
  models: z.array(ModelChoiceSchema).default([]),
  tools: z.array(z.enum(BUILTIN_TOOL_NAMES)).default([]),
  composerTools: z.array(ComposerToolSchema).default([]),
  greeting: z.string().optional(),
  startPrompts: z.array(StartPromptSchema).default([]),
  placeholder: z.string().optional(),
  resources: z.array(ResourceSchema).default([]),
  /** MCP servers (names from the top-level `mcpServers`) whose tools this agent may use. */
  mcpServers: z.array(McpServerNameSchema).default([]),
  /** Only these MCP tools (`tool`, or `server/tool`). */
  mcpAllow: z.array(z.string().min(1)).optional(),
  /** Never these MCP tools. */
  mcpDeny: z.array(z.string().min(1)).optional(),
  /** Time limit of one MCP tool call for this agent. */
  mcpTimeoutMs: McpTimeoutSchema.optional(),
  /** The human-in-the-loop form tool (`ask_user_form`). */
  forms: z.boolean().default(false),
  /** Ingested documents the agent searches (`search_knowledge`), citing them in its answers. */
  knowledge: AgentKnowledgeSchema.optional(),
});

export const AgentsFileSchema = z.strictObject({
  /** Optional pointer for editors. */
  $schema: z.string().optional(),
  defaultAgent: AgentIdSchema.optional(),
  /** MCP servers by name; agents pick them with `mcpServers`. */
  mcpServers: z.record(McpServerNameSchema, McpServerSchema).default({}),
  agents: z.array(AgentSchema).min(1, 'define at least one agent'),
});

export type AgentDefinition = z.output<typeof AgentSchema>;
export type AgentsFile = z.output<typeof AgentsFileSchema>;
export type ComposerToolDefinition = z.output<typeof ComposerToolSchema>;
export type ModelChoice = z.output<typeof ModelChoiceSchema>;
export type McpServerDefinition = z.output<typeof McpServerSchema>;

/** The agent used when no config file is given. */
export const DEFAULT_AGENTS: AgentsFile = AgentsFileSchema.parse({
  defaultAgent: 'assistant',
  agents: [
    {
      id: 'assistant',
      name: 'Threadline Assistant',
      instructions:
        'You are a helpful assistant. Answer concisely. Use the tools when they help: ' +
        'get_current_time for dates and times, calculate for arithmetic, remember and recall for ' +
        'facts the user asks you to keep, and show_card to present a short summary as a card.',
      tools: ['get_current_time', 'calculate', 'remember', 'recall', 'show_card'],
      greeting: 'How can I help today?',
      startPrompts: [
        { label: 'What time is it?', prompt: 'What time is it in UTC right now?', icon: 'clock' },
        { label: 'Do some math', prompt: 'What is (17 * 23) + 4?', icon: 'analytics' },
        {
          label: 'Show a card',
          prompt: 'Summarize what you can do as a card.',
          icon: 'square-text',
        },
      ],
    },
  ],
});
