import Anthropic from '@anthropic-ai/sdk';
import type {
  Logger,
  Store,
  ThreadMetadata,
  ThreadStreamEventInput,
  UserMessageItem,
} from '@threadline/server';
import { ActionRegistry } from '@threadline/server/actions';
import type { BlobAttachmentStore } from '@threadline/server/attachments';
import { createFormTool, type FormTool } from '@threadline/server/forms/agents';
import { FormInteractions, registerFormActions } from '@threadline/server/forms';
import { mcpChatTools } from '@threadline/server/mcp';
import {
  defineTool,
  TurnContext,
  withFriendlyErrors,
  withThreadTitle,
  type ChatTool,
} from '@threadline/server/providers';
import {
  anthropicTitleGenerator,
  classifyAnthropicError,
  streamAnthropicMessages,
} from '@threadline/server/providers/anthropic';
import type { AppConfig } from '../../config.js';
import type { AgentDefinition, AgentsFile } from '../../config/agents-file.js';
import type { AppContext } from '../../context.js';
import type { AgentRegistry } from '../agents.js';
import {
  attachmentInputSettings,
  turnConverter,
  type AttachmentInputSettings,
} from '../model-input.js';
import { translatorFor } from '../../i18n/index.js';
import { analyzing, preparing, toolProgress } from '../progress.js';
import { logProviderErrors } from '../provider-errors.js';
import type { Responder, TurnRequest } from '../responder.js';
import type { BuiltinTool } from '../tools/builtin-tool.js';
import { toolsFor } from '../tools/builtin-tools.js';
import { ResponderMcp } from './responder-mcp.js';
import { planTurn } from './turn-plan.js';

/** A built-in tool as a provider tool-loop tool, with the same progress as the Agents path. */
function chatTool(builtin: BuiltinTool<unknown>, agent: AgentDefinition): ChatTool<AppContext> {
  return defineTool({
    name: builtin.name,
    description: builtin.description,
    parameters: builtin.parameters,
    execute: async (args, context: TurnContext<AppContext>) => {
      const t = translatorFor(context.requestContext.locale);
      await context.stream(toolProgress(builtin.name, args, t));
      const result = await builtin.execute(args, {
        thread: context.thread,
        context: context.requestContext,
        agent,
        signal: context.signal,
        emit: (event) => context.stream(event),
        newItemId: () => context.generateId('message'),
      });
      await context.stream(preparing(t));
      return result;
    },
  });
}

/**
 * Claude through the Anthropic Messages API (`THREADLINE_MODEL_PROVIDER=anthropic`): the same
 * agents, history, attachments, built-in and MCP tools, forms, model picker and composer tools
 * as the OpenAI paths, on the SDK's provider tool loop (`@threadline/server/providers/anthropic`).
 */
export class AnthropicResponder implements Responder {
  readonly description: string;
  readonly titlesThreads: boolean;
  readonly actions: ActionRegistry<AppContext>;
  private readonly client: Anthropic;
  private readonly attachmentInput: AttachmentInputSettings;
  private readonly mcp: ResponderMcp;
  private readonly forms: FormTool<AppContext>;
  private readonly endpoint: string;

  constructor(
    private readonly config: AppConfig['model'],
    private readonly agents: AgentRegistry,
    private readonly logger: Logger,
    mcpServers: AgentsFile['mcpServers'] = {},
    private readonly attachments?: BlobAttachmentStore<AppContext>,
  ) {
    this.mcp = new ResponderMcp(mcpServers, logger);
    this.forms = createFormTool<AppContext>({
      interactions: new FormInteractions<AppContext>({ logger, locale: (c) => c.locale }),
    });
    this.actions = registerFormActions(new ActionRegistry<AppContext>(), this.forms.interactions);
    this.client = new Anthropic({
      apiKey: config.anthropicApiKey ?? 'not-needed',
      baseURL: config.anthropicBaseURL,
      maxRetries: 2,
      timeout: 120_000,
    });
    this.attachmentInput = attachmentInputSettings(config);
    const base = (config.anthropicBaseURL ?? 'https://api.anthropic.com').replace(/\/+$/, '');
    this.endpoint = `${base}/v1/messages`;
    this.description = `${config.name} (Anthropic Messages${config.anthropicBaseURL ? ` at ${config.anthropicBaseURL}` : ''})`;
    this.titlesThreads = config.titleModel !== undefined;
  }

  async start(): Promise<void> {
    await this.mcp.start();
  }

  async close(): Promise<void> {
    await this.mcp.close();
  }

  syncWidgetAction(
    request: Parameters<NonNullable<Responder['syncWidgetAction']>>[0],
  ): ReturnType<NonNullable<Responder['syncWidgetAction']>> {
    return this.mcp.syncWidgetAction(request);
  }

  guard(
    store: Store<AppContext>,
    thread: ThreadMetadata,
    input: UserMessageItem | null,
    context: AppContext,
  ): Promise<AsyncIterable<ThreadStreamEventInput> | undefined> {
    return this.forms.interactions.guardPendingForm(store, thread, input, context);
  }

  async *respond(turn: TurnRequest): AsyncIterable<ThreadStreamEventInput> {
    const { thread, input, context, agent, store, signal } = turn;
    yield analyzing(translatorFor(context.locale));
    const {
      history,
      modelName: model,
      instructions,
    } = await planTurn(turn, this.config, this.agents);
    const turnContext = new TurnContext<AppContext>({
      thread,
      store,
      requestContext: context,
      signal,
    });
    const tools: ChatTool<AppContext>[] = toolsFor(agent).map((builtin) =>
      chatTool(builtin, agent),
    );
    const toolset = this.mcp.toolset(agent);
    if (toolset) tools.push(...(await mcpChatTools(toolset, turnContext)));
    if (agent.forms) tools.push(this.forms.chatTool);
    const turnInput = turnConverter(this.attachments, this.attachmentInput, context, input);
    const modelInput = await turnInput.converter.toAgentInput(history);
    yield* turnInput.notices();
    const events = withFriendlyErrors(
      logProviderErrors(
        streamAnthropicMessages(turnContext, {
          client: this.client,
          model,
          input: modelInput,
          instructions,
          tools,
          // A composer tool's forced tool is not applied here: the loop would force every step.
          maxSteps: this.config.maxTurns,
        }),
        () => ({ provider: 'anthropic', endpoint: this.endpoint, model }),
        this.logger,
      ),
      { classify: classifyAnthropicError, locale: context.locale },
    );
    const titleModel = this.config.titleModel;
    if (titleModel === undefined) {
      yield* events;
      return;
    }
    yield* withThreadTitle(thread, input, events, {
      generate: anthropicTitleGenerator({ client: this.client, model: titleModel }),
      signal,
      onError: (error) => this.logger.warn('Title generation failed', error),
    });
  }
}
