import { z } from 'zod';
import { CustomStreamError, NotFoundError } from '../errors.js';
import type { Action } from '../protocol/actions.js';
import type { ThreadStreamEventInput } from '../protocol/events.js';
import type { UserMessageItem, WidgetItem } from '../protocol/items.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { WidgetRoot } from '../protocol/widgets/index.js';
import { translator } from '../i18n/catalog.js';
import { SDK_CATALOGS } from '../i18n/sdk-catalogs.js';
import { TurnContext } from '../turn/turn-context.js';
import { consoleLogger, type Logger } from '../server/logger.js';
import type { Store } from '../stores/store.js';
import {
  answerText,
  FormSpecSchema,
  normalizeFormRequest,
  validateAnswers,
  type FormRequest,
  type FormSpec,
} from './form-spec.js';
import {
  DEFAULT_FORM_WIDGET_TEXTS,
  FORM_ACTIONS,
  formCopyText,
  formSummaryWidget,
  formWidget,
  type FormOutcome,
  type FormWidgetTexts,
} from './form-widget.js';

/** The default name of the form tool. */
export const FORM_TOOL_NAME = 'ask_user_form';
/** Where the pending form lives: a key of the (server-private) `thread.metadata`. */
export const DEFAULT_FORM_METADATA_KEY = 'threadline_pending_form';

/** A form waiting for the user, as stored in `thread.metadata`. */
export interface PendingForm {
  interaction_id: string;
  /** The widget item showing the form. */
  item_id: string;
  /** The tool that asked. */
  tool_name: string;
  spec: FormSpec;
  created_at: string;
}

const PendingFormSchema: z.ZodType<PendingForm> = z.object({
  interaction_id: z.string(),
  item_id: z.string(),
  tool_name: z.string(),
  spec: FormSpecSchema,
  created_at: z.string(),
});

/** Texts the model and the user read; override any of them. */
export interface FormTexts {
  /** The assistant's reply to a message sent while a form is pending (the model is not called). */
  reminder: string;
  /** The tool's result once the form is shown (the model reads it if the run does not stop). */
  toolResult: string;
  /** The tool's result when another form is still pending. */
  alreadyPending: string;
  /** The error the user sees when the model described an invalid form a second time in a turn. */
  invalidTwice: string;
  widget: FormWidgetTexts;
}

export const DEFAULT_FORM_TEXTS: FormTexts = {
  reminder:
    'Please complete the form above first — or choose “Use your best judgement” or “Cancel” — and I will continue.',
  toolResult:
    'The form is now displayed to the user. Do not repeat its questions and do not call other tools: end your turn now (one short sentence at most). The answers will arrive in the next turn.',
  alreadyPending:
    'Another form is still waiting for the user. Do not show a new one; end your turn and wait for the answers.',
  invalidTwice:
    'The assistant could not show the form it prepared (its description was invalid). Please try again or rephrase your request.',
  widget: DEFAULT_FORM_WIDGET_TEXTS,
};

/** Options of {@link FormInteractions}. */
export interface FormInteractionsOptions<TContext = unknown> {
  /** The `thread.metadata` key of the pending form; default `threadline_pending_form`. */
  metadataKey?: string | undefined;
  texts?: Partial<Omit<FormTexts, 'widget'>> & { widget?: Partial<FormWidgetTexts> | undefined };
  /**
   * The user's locale for a request context (a tag such as `fr-CA`, or an `Accept-Language` list):
   * the user-facing texts then come from `SDK_CATALOGS` in that language (English when it has no
   * catalogue). Texts given in `texts` are used as written. Texts only the model reads stay English.
   */
  locale?: ((context: TContext) => string | readonly string[] | undefined) | undefined;
  /** Resume the agent after "Cancel" too (it reads that the user cancelled); default true. */
  resumeOnCancel?: boolean | undefined;
  logger?: Logger | undefined;
}

/** What {@link FormInteractions.handleFormAction} needs. */
export interface FormActionArgs<TContext> {
  thread: ThreadMetadata;
  action: Action;
  sender: WidgetItem | null;
  context: TContext;
  store: Store<TContext>;
  /** The agent's continuation once the form is resolved, usually `respond(thread, null, context, { signal })`. */
  resume?: (() => AsyncIterable<ThreadStreamEventInput>) | undefined;
}

type FormActionKind = 'submit' | 'best_judgement' | 'cancel';
const KINDS: Readonly<Record<string, FormActionKind>> = {
  [FORM_ACTIONS.submit]: 'submit',
  [FORM_ACTIONS.bestJudgement]: 'best_judgement',
  [FORM_ACTIONS.cancel]: 'cancel',
};

type Claim =
  | { type: 'ignored'; reason: string }
  | {
      type: 'invalid';
      pending: PendingForm;
      values: Record<string, string | boolean | null>;
      errors: Record<string, string>;
    }
  | { type: 'resolved'; pending: PendingForm; outcome: FormOutcome };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const now = (): string => new Date().toISOString();

/** The hidden context that hands the user's answer to the model. */
export function formAnswerContext(pending: PendingForm, outcome: FormOutcome): string {
  const { spec, tool_name } = pending;
  switch (outcome.kind) {
    case 'submitted':
      return [
        `The user answered the form "${spec.title}" (shown by the ${tool_name} tool):`,
        ...spec.fields.map(
          (field) =>
            `- ${field.label} [${field.name}]: ${answerText(field, outcome.answers[field.name])}`,
        ),
        'Continue the task with these answers.',
      ].join('\n');
    case 'best_judgement':
      return `The user did not fill in the form "${spec.title}" (shown by the ${tool_name} tool) and asked you to use your best judgement instead. Continue with reasonable assumptions and state them briefly.`;
    case 'cancelled':
      return `The user cancelled the form "${spec.title}" (shown by the ${tool_name} tool). Do not ask for this information again unless the user brings it up; continue without it or stop if you cannot.`;
    default: {
      const unreachable: never = outcome;
      throw new Error(`Unknown outcome ${String(unreachable)}`);
    }
  }
}

/**
 * Form-based human-in-the-loop (docs/seeds.md §A.5): a tool shows a form widget and records a
 * pending interaction in `thread.metadata` (so it survives a restart: it lives in the `Store`);
 * the form's buttons send `human.form_submit` / `human.best_judgement` / `human.cancel`; the
 * answer is validated (invalid → the form comes back with the errors), the form is replaced by a
 * read-only summary, the answer reaches the model as hidden context and the agent resumes in the
 * same response. While a form is pending, new messages get a reminder instead of a model call.
 *
 * Create one per server (it also serializes concurrent submits of a thread in this process) and
 * use it from the form tool (`createFormTool`), `action()` and the top of `respond()`.
 */
export class FormInteractions<TContext = unknown> {
  readonly metadataKey: string;
  /** The English texts (with `options.texts` applied). */
  readonly texts: FormTexts;
  private readonly overridden: FormInteractionsOptions['texts'];
  private readonly localeOf: FormInteractionsOptions<TContext>['locale'];
  private readonly resumeOnCancel: boolean;
  private readonly logger: Logger;
  private readonly busy = new Set<string>();
  /** Turns that already showed a form (a model may call the tool twice in one step). */
  private readonly presentedIn = new WeakSet<object>();
  /** Invalid form tool calls per turn: the model is told once, the second one ends the turn. */
  private readonly invalidCalls = new WeakMap<object, number>();

  constructor(options: FormInteractionsOptions<TContext> = {}) {
    this.metadataKey = options.metadataKey ?? DEFAULT_FORM_METADATA_KEY;
    this.texts = {
      ...DEFAULT_FORM_TEXTS,
      ...options.texts,
      widget: { ...DEFAULT_FORM_WIDGET_TEXTS, ...options.texts?.widget },
    };
    this.overridden = options.texts;
    this.localeOf = options.locale;
    this.resumeOnCancel = options.resumeOnCancel ?? true;
    this.logger = options.logger ?? consoleLogger;
  }

  /** The texts in the request's locale (see `locale`); custom `texts` are kept as written. */
  textsFor(context: TContext): FormTexts & { translate: ReturnType<typeof translator> } {
    const t = translator(SDK_CATALOGS, this.localeOf?.(context));
    const own = this.overridden ?? {};
    const pick = <K extends string>(custom: Partial<Record<K, string>>, base: Record<K, string>) =>
      Object.fromEntries(
        (Object.keys(base) as K[]).map((key) => [key, custom[key] ?? t(base[key])]),
      ) as Record<K, string>;
    const { widget: ownWidget = {}, ...ownTop } = own;
    const { widget: baseWidget, ...baseTop } = DEFAULT_FORM_TEXTS;
    return {
      ...pick<Exclude<keyof FormTexts, 'widget'>>(ownTop, baseTop),
      widget: pick<keyof FormWidgetTexts>(ownWidget, baseWidget),
      translate: t,
    };
  }

  /** The thread's pending form, if any (a malformed stored value counts as none). */
  pending(thread: ThreadMetadata): PendingForm | undefined {
    const raw: unknown = (thread.metadata as Record<string, unknown> | undefined)?.[
      this.metadataKey
    ];
    if (raw === undefined) return undefined;
    const parsed = PendingFormSchema.safeParse(raw);
    if (!parsed.success)
      this.logger.warn(`Ignoring a malformed pending form on thread ${thread.id}`);
    return parsed.success ? parsed.data : undefined;
  }

  /** Whether `action` is one of the form's actions. */
  isFormAction(action: Action): boolean {
    return Object.hasOwn(KINDS, action.type);
  }

  /** Whether this turn showed a form (the run stops there: the answer resumes it). */
  presented(context: object): boolean {
    return this.presentedIn.has(context);
  }

  /**
   * The form tool was called with invalid arguments (`problem` says how): logged, and the model
   * reads the error once so it can correct itself; a second invalid call in the same turn throws a
   * `CustomStreamError` so the user learns the form could not be shown instead of silence.
   */
  invalidCall(context: object, toolName: string, problem: string): string {
    const texts =
      context instanceof TurnContext
        ? this.textsFor((context as TurnContext<TContext>).requestContext)
        : this.texts;
    const attempt = (this.invalidCalls.get(context) ?? 0) + 1;
    this.invalidCalls.set(context, attempt);
    this.logger.warn('Form tool called with invalid arguments', {
      tool: toolName,
      attempt,
      problem,
    });
    if (attempt > 1) throw new CustomStreamError(texts.invalidTwice, { allowRetry: true });
    return `Invalid arguments for ${toolName}: ${problem} Fix them and call ${toolName} again.`;
  }

  /**
   * Shows a form (what the form tool does): validates the request, records the pending
   * interaction, streams the form widget through `context` and returns the text for the model.
   * An invalid request returns an error text so the model can fix it (see {@link invalidCall}).
   */
  async present(
    context: TurnContext<TContext>,
    request: FormRequest,
    toolName: string = FORM_TOOL_NAME,
  ): Promise<string> {
    const { thread, store, requestContext } = context;
    if (this.presentedIn.has(context)) return this.texts.alreadyPending;
    const existing = this.pending(thread);
    if (existing && (await this.formItem(store, thread, existing, requestContext)))
      return this.texts.alreadyPending;
    const normalized = normalizeFormRequest(request);
    if ('error' in normalized) return this.invalidCall(context, toolName, normalized.error);
    const { spec } = normalized;
    const pending: PendingForm = {
      interaction_id: `form_${crypto.randomUUID().replace(/-/g, '')}`,
      item_id: context.generateId('message'),
      tool_name: toolName,
      spec,
      created_at: now(),
    };
    this.presentedIn.add(context);
    await this.save(store, thread, requestContext, pending);
    await context.stream({
      type: 'thread.item.done',
      item: {
        type: 'widget',
        id: pending.item_id,
        thread_id: thread.id,
        created_at: pending.created_at,
        widget: formWidget(spec, pending.interaction_id, {}, this.textsFor(requestContext).widget),
        copy_text: formCopyText(spec),
      },
    });
    return this.texts.toolResult;
  }

  /**
   * Call at the top of `respond()`: while a form is pending, returns the events of a short
   * assistant reminder (and the model must not be called); otherwise undefined. A pending form
   * whose widget is gone (e.g. removed by a retry) is forgotten.
   *
   * @example
   * ```ts
   * import { createChatKitServer } from '@threadline/server';
   * import { FormInteractions } from '@threadline/server/forms';
   * import { MemoryStore } from '@threadline/server/stores/memory';
   *
   * type Ctx = { userId: string };
   * const forms = new FormInteractions<Ctx>();
   * const server = createChatKitServer({
   *   store: new MemoryStore<Ctx>(),
   *   async *respond(thread, input, context) {
   *     const blocked = await forms.guardPendingForm(this.store, thread, input, context);
   *     if (blocked) {
   *       yield* blocked;
   *       return;
   *     }
   *     // … run the agent
   *   },
   * });
   * ```
   */
  async guardPendingForm(
    store: Store<TContext>,
    thread: ThreadMetadata,
    _input: UserMessageItem | null,
    context: TContext,
  ): Promise<AsyncIterable<ThreadStreamEventInput> | undefined> {
    const pending = this.pending(thread);
    if (!pending) return undefined;
    if (!(await this.formItem(store, thread, pending, context))) {
      this.logger.info(`Forgetting pending form ${pending.interaction_id}: its widget is gone`);
      await this.save(store, thread, context, undefined);
      return undefined;
    }
    const text = this.textsFor(context).reminder;
    const id = store.generateItemId('message', thread, context);
    return (async function* (): AsyncGenerator<ThreadStreamEventInput> {
      yield {
        type: 'thread.item.done',
        item: {
          type: 'assistant_message',
          id,
          thread_id: thread.id,
          created_at: now(),
          content: [{ type: 'output_text', text }],
        },
      };
    })();
  }

  /**
   * Handles `human.form_submit`, `human.best_judgement` and `human.cancel`. A submit with missing
   * or invalid answers re-renders the form with the errors (`thread.item.replaced`). Otherwise the
   * interaction is resolved (once: a second submit of the same form yields nothing), the form is
   * replaced by a read-only summary, the answer is stored as hidden context and `resume()` streams
   * the agent's continuation.
   */
  async *handleFormAction(
    args: FormActionArgs<TContext>,
  ): AsyncGenerator<ThreadStreamEventInput, void, undefined> {
    const { thread, action, sender, context, store } = args;
    const kind = Object.hasOwn(KINDS, action.type) ? KINDS[action.type] : undefined;
    if (!kind) throw new CustomStreamError(`Unknown form action "${action.type}".`);
    const payload = isRecord(action.payload) ? action.payload : {};
    const interactionId = payload.interaction_id;
    if (typeof interactionId !== 'string') {
      throw new CustomStreamError(
        `Invalid payload for action "${action.type}": interaction_id is missing.`,
      );
    }
    const claim = await this.claim(store, thread, context, {
      kind,
      interactionId,
      senderId: sender?.id,
      payload,
    });
    if (claim.type === 'ignored') {
      this.logger.info(`Ignoring ${action.type} for ${interactionId}: ${claim.reason}`);
      return;
    }
    const { pending } = claim;
    const texts = this.textsFor(context);
    const base = await this.baseItem(store, thread, context, pending, sender);
    if (claim.type === 'invalid') {
      const widget = formWidget(
        pending.spec,
        pending.interaction_id,
        { values: claim.values, errors: claim.errors },
        texts.widget,
      );
      yield { type: 'thread.item.replaced', item: { ...base, widget } };
      return;
    }
    const { outcome } = claim;
    const summary: WidgetRoot = formSummaryWidget(pending.spec, outcome, texts.widget);
    yield {
      type: 'thread.item.replaced',
      item: { ...base, widget: summary, copy_text: formCopyText(pending.spec, outcome) },
    };
    yield {
      type: 'thread.item.done',
      item: {
        type: 'hidden_context_item',
        id: store.generateItemId('message', thread, context),
        thread_id: thread.id,
        created_at: now(),
        content: formAnswerContext(pending, outcome),
      },
    };
    if (args.resume && (outcome.kind !== 'cancelled' || this.resumeOnCancel)) yield* args.resume();
  }

  /** Decides what a form action does and, when it resolves the form, clears the pending state. */
  private async claim(
    store: Store<TContext>,
    thread: ThreadMetadata,
    context: TContext,
    request: {
      kind: FormActionKind;
      interactionId: string;
      senderId: string | undefined;
      payload: Record<string, unknown>;
    },
  ): Promise<Claim> {
    // One form action per thread at a time in this process: a double click must not resume twice.
    if (this.busy.has(thread.id))
      return { type: 'ignored', reason: 'another submit of this thread is in progress' };
    this.busy.add(thread.id);
    try {
      const fresh = await store.loadThread(thread.id, context);
      const pending = this.pending(fresh);
      if (!pending || pending.interaction_id !== request.interactionId) {
        return { type: 'ignored', reason: 'the form is not pending (already answered?)' };
      }
      if (request.senderId !== undefined && request.senderId !== pending.item_id) {
        return { type: 'ignored', reason: 'the action came from another widget' };
      }
      let outcome: FormOutcome;
      if (request.kind === 'submit') {
        const validation = validateAnswers(
          pending.spec,
          request.payload,
          this.textsFor(context).translate,
        );
        if (!validation.ok)
          return {
            type: 'invalid',
            pending,
            values: validation.answers,
            errors: validation.errors,
          };
        outcome = { kind: 'submitted', answers: validation.answers };
      } else {
        outcome = request.kind === 'cancel' ? { kind: 'cancelled' } : { kind: 'best_judgement' };
      }
      thread.metadata = { ...fresh.metadata };
      await this.save(store, thread, context, undefined);
      return { type: 'resolved', pending, outcome };
    } finally {
      this.busy.delete(thread.id);
    }
  }

  /** Sets (or, with undefined, clears) the pending form on `thread` and saves it. */
  private async save(
    store: Store<TContext>,
    thread: ThreadMetadata,
    context: TContext,
    pending: PendingForm | undefined,
  ) {
    const metadata: Record<string, unknown> = { ...thread.metadata };
    if (pending) metadata[this.metadataKey] = pending;
    else delete metadata[this.metadataKey];
    // Mutated in place: the server's pipeline holds this object and saves it again at the end.
    thread.metadata = metadata;
    await store.saveThread(thread, context);
  }

  /** The form's widget item, or undefined when it no longer exists. */
  private async formItem(
    store: Store<TContext>,
    thread: ThreadMetadata,
    pending: PendingForm,
    context: TContext,
  ) {
    try {
      const item = await store.loadItem(thread.id, pending.item_id, context);
      return item.type === 'widget' ? item : undefined;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** The item to replace: the sender, else the stored form item, else a new one with its id. */
  private async baseItem(
    store: Store<TContext>,
    thread: ThreadMetadata,
    context: TContext,
    pending: PendingForm,
    sender: WidgetItem | null,
  ): Promise<WidgetItem> {
    if (sender?.id === pending.item_id) return sender;
    const stored = await this.formItem(store, thread, pending, context);
    if (stored) return stored;
    return {
      type: 'widget',
      id: pending.item_id,
      thread_id: thread.id,
      created_at: pending.created_at,
      widget: formWidget(pending.spec, pending.interaction_id, {}, this.textsFor(context).widget),
    };
  }
}
