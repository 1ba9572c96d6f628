import {
  Agent,
  type AgentInputItem,
  OpenAIChatCompletionsModel,
  OpenAIResponsesModel,
  tool,
  type Model,
  type Tool,
} from '@openai/agents';
import OpenAI from 'openai';
import type { z } from 'zod';
import {
  AgentContext,
  agentTitleGenerator,
  classifyOpenAIError,
  streamAgentRun,
} from '@threadline/server/agents';
import type { BlobAttachmentStore } from '@threadline/server/attachments';
import { withFriendlyErrors, withThreadTitle } from '@threadline/server/providers';
import type {
  Logger,
  Store,
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '@threadline/server';
import { ActionRegistry } from '@threadline/server/actions';
import { FormInteractions, registerFormActions } from '@threadline/server/forms';
import { createFormTool, type FormTool } from '@threadline/server/forms/agents';
import { mcpAgentTools } from '@threadline/server/mcp/agents';
import { citationsFor, type KnowledgeBase } from '@threadline/server/knowledge';
import { searchKnowledgeTool } from '@threadline/server/knowledge/agents';
import type { AppConfig } from '../../config.js';
import type { AgentDefinition, AgentsFile } from '../../config/agents-file.js';
import { resolveOwner, type AppContext } from '../../context.js';
import type { AgentRegistry } from '../agents.js';
import {
  attachmentInputSettings,
  turnConverter,
  type AttachmentInputSettings,
} from '../model-input.js';
import { ANALYZING, PREPARING, toolProgress } from '../progress.js';
import { isMissingEndpoint, logProviderErrors, type ProviderCall } from '../provider-errors.js';
import type { Responder, TurnRequest } from '../responder.js';
import type { BuiltinTool } from '../tools/builtin-tool.js';
import { toolsFor } from '../tools/builtin-tools.js';
import { ResponderMcp } from './responder-mcp.js';
import { planTurn } from './turn-plan.js';

type Ctx = AgentContext<AppContext>;

/** Added to the instructions of agents with `knowledge`, so answers carry citations. */
const KNOWLEDGE_INSTRUCTIONS =
  'Use search_knowledge to look things up in the documents before answering questions they may ' +
  'cover. Cite every fact taken from a passage with its reference in brackets, e.g. [1] or [1, 2].';

/** A built-in tool as an Agents SDK function tool, with Rails-style progress around it. */
function agentTool(builtin: BuiltinTool<unknown>, agent: AgentDefinition): Tool<Ctx> {
  return tool({
    name: builtin.name,
    description: builtin.description,
    parameters: builtin.parameters as unknown as z.ZodObject,
    execute: async (args: unknown, runContext) => {
      const ctx = runContext!.context;
      await ctx.stream(toolProgress(builtin.name, args));
      const result = await builtin.execute(args, {
        thread: ctx.thread,
        context: ctx.requestContext,
        agent,
        signal: ctx.signal,
        emit: (event) => ctx.stream(event),
        newItemId: () => ctx.generateId('message'),
      });
      await ctx.stream(PREPARING);
      return JSON.stringify(result);
    },
  }) as Tool<Ctx>;
}

/**
 * Real models through the Agents SDK bridge (`@threadline/server/agents`): the thread's history as
 * input, the agent's instructions and built-in tools, the model the user picked (within the agent's
 * allow-list), the composer tool's extra instructions or forced tool, provider errors as friendly
 * messages, and the OpenAI Responses or Chat Completions API per `THREADLINE_MODEL_PROVIDER`.
 */
export class AgentsResponder implements Responder {
  readonly description: string;
  readonly titlesThreads: boolean;
  private readonly client: OpenAI;
  private readonly attachmentInput: AttachmentInputSettings;
  private readonly models = new Map<string, Model>();
  /** The API in use; `responses` may turn into `chat` (see `fallbackToChat`). */
  private api: 'responses' | 'chat';
  /** Falls back to Chat Completions when the base URL has no Responses API (provider not set). */
  private readonly fallbackToChat: boolean;
  private readonly titleGenerators = new Map<string, ReturnType<typeof agentTitleGenerator>>();
  /**
   * Each agent's built-in tools as Agents SDK tools, built on first use: building one converts its
   * zod schema to a strict JSON schema, which per turn was a measurable share of the app's CPU.
   */
  private readonly builtinTools = new WeakMap<AgentDefinition, readonly Tool<Ctx>[]>();
  /** The MCP servers of the agents file; undefined when none are configured. */
  private readonly mcp: ResponderMcp;
  /** The human-in-the-loop form tool (offered to agents with `forms: true`). */
  private readonly forms: FormTool<AppContext>;
  readonly actions: ActionRegistry<AppContext>;

  constructor(
    private readonly config: AppConfig['model'],
    private readonly agents: AgentRegistry,
    private readonly logger: Logger,
    mcpServers: AgentsFile['mcpServers'] = {},
    /** Where uploaded attachments are read from (undefined when uploads are disabled). */
    private readonly attachments?: BlobAttachmentStore<AppContext>,
    /** Searched by agents with `knowledge` in the agents file. */
    private readonly knowledge?: KnowledgeBase,
  ) {
    this.attachmentInput = attachmentInputSettings(config);
    this.mcp = new ResponderMcp(mcpServers, logger);
    this.forms = createFormTool<AppContext>({
      interactions: new FormInteractions<AppContext>({ logger }),
    });
    this.actions = registerFormActions(new ActionRegistry<AppContext>(), this.forms.interactions);
    this.client = new OpenAI({
      apiKey: config.apiKey ?? 'not-needed',
      baseURL: config.baseURL,
      maxRetries: 2,
      timeout: 120_000,
    });
    this.api = config.provider === 'openai-chat' ? 'chat' : 'responses';
    this.fallbackToChat = config.fallbackToChat;
    const api = this.api === 'chat' ? 'Chat Completions' : 'Responses';
    const fallback = this.fallbackToChat ? ', Chat Completions if it has none' : '';
    this.description = `${config.name} (OpenAI ${api}${config.baseURL ? ` at ${config.baseURL}` : ''}${fallback})`;
    this.titlesThreads = config.titleModel !== undefined;
  }

  /** The title generator for the API in use (undefined without `THREADLINE_TITLE_MODEL`). */
  private titleGenerator(): ReturnType<typeof agentTitleGenerator> | undefined {
    const name = this.config.titleModel;
    if (name === undefined) return undefined;
    let generator = this.titleGenerators.get(this.api);
    if (!generator) {
      generator = agentTitleGenerator({ model: this.model(name) });
      this.titleGenerators.set(this.api, generator);
    }
    return generator;
  }

  /** The endpoint a model call goes to, for the logs. */
  private call(model: string): ProviderCall {
    const base = (this.config.baseURL ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
    return {
      provider: this.api === 'chat' ? 'openai-chat' : 'openai-responses',
      endpoint: `${base}${this.api === 'chat' ? '/chat/completions' : '/responses'}`,
      model,
    };
  }

  /** Connects to the MCP servers ahead of the first turn (failures are logged by the hub). */
  async start(): Promise<void> {
    await this.mcp.start();
  }

  /** Closes the MCP sessions and stops the stdio server processes. */
  async close(): Promise<void> {
    await this.mcp.close();
    await this.knowledge?.close();
  }

  /** While a form waits for its answer, a new message gets a reminder instead of a model turn. */
  guard(
    store: Store<AppContext>,
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: AppContext,
  ): Promise<AsyncIterable<ThreadStreamEventInput> | undefined> {
    return this.forms.interactions.guardPendingForm(store, thread, input, context);
  }

  private builtinToolsOf(agent: AgentDefinition): readonly Tool<Ctx>[] {
    let tools = this.builtinTools.get(agent);
    if (!tools) {
      tools = toolsFor(agent).map((builtin) => agentTool(builtin, agent));
      this.builtinTools.set(agent, tools);
    }
    return tools;
  }

  private model(name: string): Model {
    const key = `${this.api}:${name}`;
    let model = this.models.get(key);
    if (!model) {
      model =
        this.api === 'chat'
          ? new OpenAIChatCompletionsModel(this.client, name)
          : new OpenAIResponsesModel(this.client, name);
      this.models.set(key, model);
    }
    return model;
  }

  /**
   * Runs the agent; when the base URL answers 404 on `/responses` before anything was streamed and
   * `THREADLINE_MODEL_PROVIDER` was not set, switches to Chat Completions for good and runs again.
   */
  private async *run(
    context: Ctx,
    build: (model: Model) => Agent<Ctx>,
    input: unknown[],
    modelName: string,
  ): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
    const attempt = () =>
      logProviderErrors(
        streamAgentRun(context, build(this.model(modelName)), input as AgentInputItem[], {
          runOptions: { maxTurns: this.config.maxTurns },
        }),
        () => this.call(modelName),
        this.logger,
      );
    let streamed = false;
    try {
      for await (const event of attempt()) {
        streamed = true;
        yield event;
      }
    } catch (error) {
      if (streamed || this.api !== 'responses' || !this.fallbackToChat || !isMissingEndpoint(error))
        throw error;
      this.api = 'chat';
      this.logger.warn(
        `OPENAI_BASE_URL ${this.config.baseURL} has no Responses API (404): using Chat Completions from now on. Set THREADLINE_MODEL_PROVIDER=openai-chat to skip this check.`,
      );
      yield* attempt();
    }
  }

  async *respond(turn: TurnRequest): AsyncIterable<ThreadStreamEventInput> {
    const { thread, input, context, agent, store, signal } = turn;
    yield ANALYZING;
    const knowledge = agent.knowledge && this.knowledge ? agent.knowledge : undefined;
    const { history, modelName, picked, instructions } = await planTurn(
      turn,
      this.config,
      this.agents,
      knowledge ? KNOWLEDGE_INSTRUCTIONS : undefined,
    );
    const agentContext = new AgentContext<AppContext>({
      thread,
      store,
      requestContext: context,
      signal,
    });
    const tools = [...this.builtinToolsOf(agent)];
    const toolset = this.mcp.toolset(agent);
    if (toolset) tools.push(...((await mcpAgentTools(toolset, agentContext)) as Tool<Ctx>[]));
    if (agent.forms) tools.push(this.forms.agentTool as Tool<Ctx>);
    if (knowledge) {
      const search = searchKnowledgeTool<AppContext>({
        knowledgeBase: this.knowledge!,
        collections: knowledge.collections,
        limit: knowledge.limit,
        resolveOwner,
      });
      tools.push(search as Tool<Ctx>);
    }
    const forced =
      picked?.forceTool && agent.tools.includes(picked.forceTool) ? picked.forceTool : undefined;
    const build = (model: Model) =>
      new Agent<Ctx>({
        name: agent.name,
        instructions,
        model,
        tools,
        // The turn ends once the form is shown; the answer resumes it through `actions`.
        ...(agent.forms ? { toolUseBehavior: this.forms.toolUseBehavior } : {}),
        ...(forced ? { modelSettings: { toolChoice: forced }, resetToolChoice: true } : {}),
      });
    const turnInput = turnConverter(this.attachments, this.attachmentInput, context, input);
    const modelInput = await turnInput.converter.toAgentInput(history);
    yield* turnInput.notices();
    const run = this.run(agentContext, build, modelInput, modelName);
    // Cited passages ([n] in the answer) become the message's source annotations.
    const events = withFriendlyErrors(knowledge ? citationsFor(agentContext).rewrite(run) : run, {
      classify: classifyOpenAIError,
    });
    const generate = this.titleGenerator();
    if (!generate) {
      yield* events;
      return;
    }
    yield* withThreadTitle(thread, input, events, {
      generate,
      signal,
      onError: (error) => this.logger.warn('Title generation failed', error),
    });
  }
}
