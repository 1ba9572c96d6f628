import {
  Agent,
  type AgentInputItem,
  OpenAIChatCompletionsModel,
  OpenAIResponsesModel,
  tool,
  type Model,
  type Tool,
} from '@openai/agents';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { z } from 'zod';
import {
  AgentContext,
  agentTitleGenerator,
  classifyOpenAIError,
  streamAgentRun,
} from '@threadline/server/agents';
import { AnthropicModel, classifyAnthropicError } from '@threadline/server/agents/anthropic';
import type { BlobAttachmentStore } from '@threadline/server/attachments';
import { withFriendlyErrors, withThreadTitle } from '@threadline/server/turn';
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
import { mcpTools } from '@threadline/server/mcp/agents';
import { citationsFor, type KnowledgeBase } from '@threadline/server/knowledge';
import { searchKnowledgeTool } from '@threadline/server/knowledge/agents';
import type { AppConfig } from '../../config.js';
import type { AgentDefinition, AgentsFile } from '../../config/agents-file.js';
import { resolveOwner, type AppContext } from '../../context.js';
import { addToKnowledgeTool, UPLOADS_COLLECTION } from '../../knowledge/add-upload-tool.js';
import type { AgentRegistry } from '../agents.js';
import {
  attachmentInputSettings,
  turnConverter,
  type AttachmentInputSettings,
} from '../model-input.js';
import { translatorFor } from '../../i18n/index.js';
import { analyzing, preparing, toolProgress } from '../progress.js';
import { isMissingEndpoint, logProviderErrors, type ProviderCall } from '../provider-errors.js';
import type { Responder, TurnRequest } from '../responder.js';
import type { BuiltinTool } from '../tools/builtin-tool.js';
import { toolsFor } from '../tools/builtin-tools.js';
import { questionsAgentTool, stopAfterQuestions } from '../tools/questions-tool.js';
import { ResponderMcp } from './responder-mcp.js';
import { planTurn } from './turn-plan.js';

type Ctx = AgentContext<AppContext>;

/** Added to the instructions of agents with `knowledge`, so answers carry citations. */
const KNOWLEDGE_INSTRUCTIONS =
  'Use search_knowledge to look things up in the documents before answering questions they may ' +
  'cover. Cite every fact taken from a passage with its reference in brackets, e.g. [1] or [1, 2].';

/** Added when the agent also offers `add_to_knowledge`. */
const UPLOAD_INSTRUCTIONS =
  'When the user asks to add, save or remember a file they attached, call add_to_knowledge.';

/** A built-in tool as an Agents SDK function tool, with Rails-style progress around it. */
function agentTool(builtin: BuiltinTool<unknown>, agent: AgentDefinition): Tool<Ctx> {
  return tool({
    name: builtin.name,
    description: builtin.description,
    parameters: builtin.parameters as unknown as z.ZodObject,
    execute: async (args: unknown, runContext) => {
      const ctx = runContext!.context;
      const t = translatorFor(ctx.requestContext.locale);
      await ctx.stream(toolProgress(builtin.name, args, t));
      const result = await builtin.execute(args, {
        thread: ctx.thread,
        context: ctx.requestContext,
        agent,
        signal: ctx.signal,
        emit: (event) => ctx.stream(event),
        newItemId: () => ctx.generateId('message'),
      });
      await ctx.stream(preparing(t));
      return JSON.stringify(result);
    },
  }) as Tool<Ctx>;
}

/** The model API a turn goes to; `responses` may turn into `chat` (see `fallbackToChat`). */
type ModelApi = 'responses' | 'chat' | 'anthropic';

/**
 * Real models through the Agents SDK bridge (`@threadline/server/agents`), the SDK's one agent
 * runtime: the thread's history as input, the agent's instructions and built-in tools, the model
 * the user picked (within the agent's allow-list), the composer tool's extra instructions or
 * forced tool, provider errors as friendly messages, and the OpenAI Responses or Chat Completions
 * API or Anthropic Messages (`AnthropicModel`) per `THREADLINE_MODEL_PROVIDER`.
 */
export class AgentsResponder implements Responder {
  readonly description: string;
  readonly titlesThreads: boolean;
  /** The OpenAI client, or the Anthropic one with `THREADLINE_MODEL_PROVIDER=anthropic`. */
  private readonly client: OpenAI | Anthropic;
  private readonly attachmentInput: AttachmentInputSettings;
  private readonly models = new Map<string, Model>();
  /** The API in use; `responses` may turn into `chat` (see `fallbackToChat`). */
  private api: ModelApi;
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
      interactions: new FormInteractions<AppContext>({ logger, locale: (c) => c.locale }),
    });
    this.actions = registerFormActions(new ActionRegistry<AppContext>(), this.forms.interactions);
    this.api =
      config.provider === 'anthropic'
        ? 'anthropic'
        : config.provider === 'openai-chat'
          ? 'chat'
          : 'responses';
    const options = { maxRetries: 2, timeout: 120_000 };
    this.client =
      this.api === 'anthropic'
        ? new Anthropic({
            apiKey: config.anthropicApiKey ?? 'not-needed',
            baseURL: config.anthropicBaseURL,
            ...options,
          })
        : new OpenAI({
            apiKey: config.apiKey ?? 'not-needed',
            baseURL: config.baseURL,
            ...options,
          });
    this.fallbackToChat = this.api === 'responses' && config.fallbackToChat;
    if (this.api === 'anthropic') {
      const at = config.anthropicBaseURL ? ` at ${config.anthropicBaseURL}` : '';
      this.description = `${config.name} (Anthropic Messages${at})`;
    } else {
      const api = this.api === 'chat' ? 'Chat Completions' : 'Responses';
      const fallback = this.fallbackToChat ? ', Chat Completions if it has none' : '';
      this.description = `${config.name} (OpenAI ${api}${config.baseURL ? ` at ${config.baseURL}` : ''}${fallback})`;
    }
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
    if (this.api === 'anthropic') {
      const base = (this.config.anthropicBaseURL ?? 'https://api.anthropic.com').replace(
        /\/+$/,
        '',
      );
      return { provider: 'anthropic', endpoint: `${base}/v1/messages`, model };
    }
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

  syncWidgetAction(
    request: Parameters<NonNullable<Responder['syncWidgetAction']>>[0],
  ): ReturnType<NonNullable<Responder['syncWidgetAction']>> {
    return this.mcp.syncWidgetAction(request);
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
      const client = this.client;
      model =
        client instanceof Anthropic
          ? new AnthropicModel(client, name)
          : this.api === 'chat'
            ? new OpenAIChatCompletionsModel(client, name)
            : new OpenAIResponsesModel(client, name);
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
      if (streamed || !this.fallbackToChat || this.api !== 'responses' || !isMissingEndpoint(error))
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
    yield analyzing(translatorFor(context.locale));
    const knowledge = agent.knowledge && this.knowledge ? agent.knowledge : undefined;
    const { history, modelName, picked, instructions } = await planTurn(
      turn,
      this.config,
      this.agents,
      knowledge
        ? [
            KNOWLEDGE_INSTRUCTIONS,
            knowledge.uploads && this.attachments ? UPLOAD_INSTRUCTIONS : undefined,
          ]
            .filter(Boolean)
            .join(' ')
        : undefined,
    );
    const agentContext = new AgentContext<AppContext>({
      thread,
      store,
      requestContext: context,
      signal,
    });
    const tools = [...this.builtinToolsOf(agent)];
    const toolset = this.mcp.toolset(agent);
    if (toolset) tools.push(...((await mcpTools(toolset, agentContext)) as Tool<Ctx>[]));
    if (agent.forms) tools.push(this.forms.tool as Tool<Ctx>, questionsAgentTool<AppContext>());
    if (knowledge) {
      const uploads = knowledge.uploads && this.attachments !== undefined;
      const search = searchKnowledgeTool<AppContext>({
        knowledgeBase: this.knowledge!,
        // A user's own uploads are searched too (only theirs: the collection is private).
        collections:
          uploads && knowledge.collections
            ? [...knowledge.collections, UPLOADS_COLLECTION]
            : knowledge.collections,
        limit: knowledge.limit,
        resolveOwner,
      });
      tools.push(search as Tool<Ctx>);
      if (uploads) tools.push(addToKnowledgeTool(this.knowledge!, this.attachments, history));
    }
    const forced =
      picked?.forceTool && agent.tools.includes(picked.forceTool) ? picked.forceTool : undefined;
    const build = (model: Model) =>
      new Agent<Ctx>({
        name: agent.name,
        instructions,
        model,
        tools,
        // The turn ends once the form or the questions are shown; the answer resumes it.
        ...(agent.forms ? { toolUseBehavior: stopAfterQuestions(this.forms.toolUseBehavior) } : {}),
        ...(forced ? { modelSettings: { toolChoice: forced }, resetToolChoice: true } : {}),
      });
    const turnInput = turnConverter(this.attachments, this.attachmentInput, context, input);
    const modelInput = await turnInput.converter.toAgentInput(history);
    yield* turnInput.notices();
    const run = this.run(agentContext, build, modelInput, modelName);
    // Cited passages ([n] in the answer) become the message's source annotations.
    const events = withFriendlyErrors(knowledge ? citationsFor(agentContext).rewrite(run) : run, {
      classify: this.api === 'anthropic' ? classifyAnthropicError : classifyOpenAIError,
      locale: context.locale,
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
