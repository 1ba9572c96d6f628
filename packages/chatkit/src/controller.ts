import type {
  Page,
  Thread,
  ThreadItem,
  ThreadStreamEvent,
  WidgetRoot,
} from '@threadline/server/protocol';
import { ApiClient, type ChatKitRequest } from './api/client.js';
import { startDictation } from './dictation/index.js';
import { msg } from './i18n/index.js';
import type {
  ChatKitOptions,
  CommandOption,
  CommandSelection,
  EntityOption,
  UserMessageContentInput,
  AttachmentInput,
} from './options.js';
import { composeContent, tagFromEntity, type ComposerTag } from './entities/index.js';
import { applyUpdate } from './state/apply-update.js';
import type { Item, ThreadSummary, ViewState } from './state/types.js';
import { UploadError, uploadAttachment, validateFiles } from './uploads/index.js';

export type Emit = (name: string, detail?: unknown) => void;

export interface SendParams {
  text?: string;
  content?: UserMessageContentInput[];
  reply?: string;
  attachments?: AttachmentInput[];
  newThread?: boolean;
  toolChoice?: { id: string };
  model?: string;
}

export interface ComposerValue {
  text?: string;
  content?: UserMessageContentInput[];
  reply?: string;
  attachments?: AttachmentInput[];
  files?: File[];
  selectedToolId?: string | null;
  selectedModelId?: string;
}

const HISTORY_PAGE = 20;
/** Longest run of stream processing without giving the browser a turn. */
const SLICE_MS = 8;
const now = () => performance.now();
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Bounds how many pages of a thread are loaded on open (1000 pages of 20 items). */
const MAX_ITEM_PAGES = 1000;

const emptyState = (): ViewState => ({
  threadId: null,
  thread: null,
  items: [],
  loading: false,
  streaming: false,
  allowCancel: false,
  progress: null,
  notices: [],
  error: null,
  history: { open: false, threads: [], hasMore: false, after: null, loading: false, error: null },
  composer: {
    text: '',
    reply: null,
    attachments: [],
    toolId: null,
    modelId: null,
    errors: [],
    dictating: false,
    tags: [],
  },
  feedback: {},
  version: 0,
});

const summaryOf = (t: ThreadSummary): ThreadSummary => ({
  id: t.id,
  title: t.title ?? null,
  created_at: t.created_at,
  ...(t.status ? { status: t.status } : {}),
});

/**
 * The chat's state and every operation on it. The view subscribes; changes are coalesced into one
 * notification per animation frame, so a stream of thousands of deltas costs one render per frame.
 */
export class ChatController {
  state: ViewState = emptyState();
  options: ChatKitOptions;
  api: ApiClient;
  private listeners = new Set<() => void>();
  private frame: number | null = null;
  private streamAbort: AbortController | null = null;
  private loadSeq = 0;
  private noticeSeq = 0;
  private uploadSeq = 0;
  private dictation: ReturnType<typeof startDictation> | null = null;

  constructor(
    options: ChatKitOptions,
    private readonly emit: Emit,
  ) {
    this.options = options;
    this.api = new ApiClient(options.api, () => this.options.locale);
    this.state.composer.modelId = defaultModel(options);
  }

  // ---- subscription ----

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.state.version++;
    if (this.frame !== null) return;
    const run = () => {
      this.frame = null;
      for (const l of this.listeners) l();
    };
    this.frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(run)
        : (setTimeout(run, 16) as unknown as number);
  }

  private set(patch: Partial<ViewState>): void {
    Object.assign(this.state, patch);
    this.changed();
  }

  private setComposer(patch: Partial<ViewState['composer']>): void {
    this.state.composer = { ...this.state.composer, ...patch };
    this.changed();
  }

  setOptions(options: ChatKitOptions): void {
    const apiChanged = options.api !== this.options.api;
    this.options = options;
    if (apiChanged) this.api = new ApiClient(options.api, () => this.options.locale);
    const models = options.composer?.models ?? [];
    if (!models.some((m) => m.id === this.state.composer.modelId))
      this.state.composer.modelId = defaultModel(options);
    this.changed();
  }

  private fail(error: unknown): Error {
    const err = error instanceof Error ? error : new Error(String(error));
    this.emit('chatkit.error', { error: err });
    return err;
  }

  private log(name: string, data?: Record<string, unknown>): void {
    this.emit('chatkit.log', data ? { name, data } : { name });
  }

  request<T>(type: string, params: Record<string, unknown>): Promise<T> {
    return this.api.request<T>({ type, params });
  }

  // ---- threads ----

  async setThreadId(threadId: string | null): Promise<void> {
    if (threadId === this.state.threadId && threadId !== null) return;
    this.cancelStream();
    const seq = ++this.loadSeq;
    this.set({
      threadId,
      thread: null,
      items: [],
      notices: [],
      error: null,
      progress: null,
      feedback: {},
      loading: threadId !== null,
    });
    this.emit('chatkit.thread.change', { threadId });
    if (threadId !== null) await this.loadThread(threadId, seq);
  }

  private async loadThread(threadId: string, seq: number): Promise<void> {
    this.emit('chatkit.thread.load.start', { threadId });
    try {
      const thread = await this.request<Thread>('threads.get_by_id', { thread_id: threadId });
      const items: Item[] = [...thread.items.data];
      let page: Page<ThreadItem> = thread.items;
      for (let n = 0; page.has_more && page.after && n < MAX_ITEM_PAGES; n++) {
        page = await this.request<Page<ThreadItem>>('items.list', {
          thread_id: threadId,
          after: page.after,
          order: 'asc',
          limit: 500,
        });
        items.push(...page.data);
      }
      if (seq !== this.loadSeq) return;
      this.set({ thread: summaryOf(thread), items, loading: false });
    } catch (error) {
      if (seq !== this.loadSeq) return;
      const err = this.fail(error);
      this.set({ loading: false, error: { message: err.message, retryAfter: null } });
    } finally {
      if (seq === this.loadSeq) this.emit('chatkit.thread.load.end', { threadId });
    }
  }

  async fetchUpdates(): Promise<void> {
    const id = this.state.threadId;
    if (id && !this.state.streaming) await this.loadThread(id, ++this.loadSeq);
    if (this.state.history.open) await this.loadHistory(true);
  }

  // ---- history ----

  async showHistory(): Promise<void> {
    if (!this.state.history.open) {
      this.state.history = { ...this.state.history, open: true };
      this.changed();
      this.emit('chatkit.history.open');
    }
    await this.loadHistory(true);
  }

  async hideHistory(): Promise<void> {
    if (!this.state.history.open) return;
    this.state.history = { ...this.state.history, open: false };
    this.changed();
    this.emit('chatkit.history.close');
  }

  async loadHistory(reset: boolean): Promise<void> {
    const h = this.state.history;
    if (h.loading) return;
    this.state.history = { ...h, loading: true, error: null };
    this.changed();
    try {
      const page = await this.request<Page<ThreadSummary>>('threads.list', {
        limit: HISTORY_PAGE,
        order: 'desc',
        ...(reset || !h.after ? {} : { after: h.after }),
      });
      const threads = (reset ? [] : h.threads).concat(page.data.map(summaryOf));
      this.state.history = {
        ...this.state.history,
        threads,
        hasMore: page.has_more,
        after: page.after ?? null,
        loading: false,
      };
    } catch (error) {
      this.state.history = {
        ...this.state.history,
        loading: false,
        error: this.fail(error).message,
      };
    }
    this.changed();
  }

  async renameThread(threadId: string, title: string): Promise<void> {
    try {
      const thread = await this.request<ThreadSummary>('threads.update', {
        thread_id: threadId,
        title,
      });
      this.updateSummary({ ...summaryOf(thread), title: thread.title ?? title });
    } catch (error) {
      this.fail(error);
    }
  }

  async deleteThread(threadId: string): Promise<void> {
    try {
      await this.request('threads.delete', { thread_id: threadId });
      this.state.history = {
        ...this.state.history,
        threads: this.state.history.threads.filter((t) => t.id !== threadId),
      };
      this.changed();
      if (this.state.threadId === threadId) await this.setThreadId(null);
    } catch (error) {
      this.fail(error);
    }
  }

  private updateSummary(thread: ThreadSummary): void {
    if (this.state.threadId === thread.id) this.state.thread = summaryOf(thread);
    this.state.history = {
      ...this.state.history,
      threads: this.state.history.threads.map((t) => (t.id === thread.id ? summaryOf(thread) : t)),
    };
    this.changed();
  }

  // ---- sending ----

  async sendUserMessage(params: SendParams): Promise<void> {
    const content: UserMessageContentInput[] =
      params.content ??
      (params.text !== undefined ? [{ type: 'input_text', text: params.text }] : []);
    const input = {
      content,
      attachments: (params.attachments ?? []).map((a) => a.id),
      ...(params.reply ? { quoted_text: params.reply } : {}),
      inference_options: {
        ...(params.toolChoice ? { tool_choice: params.toolChoice } : {}),
        ...(params.model ? { model: params.model } : {}),
      },
    };
    if (params.newThread || this.state.threadId === null) {
      if (this.state.threadId !== null) await this.setThreadId(null);
      await this.stream({ type: 'threads.create', params: { input } });
    } else {
      await this.stream({
        type: 'threads.add_user_message',
        params: { thread_id: this.state.threadId, input },
      });
    }
  }

  /** Sends what the composer holds. */
  async submitComposer(): Promise<void> {
    const c = this.state.composer;
    if (this.state.streaming) return;
    if (c.attachments.some((a) => a.status === 'uploading')) return;
    const text = c.text.trim();
    const attachments = c.attachments.flatMap((a) => (a.attachment ? [a.attachment] : []));
    if (!text && attachments.length === 0) return;
    const tool = this.options.composer?.tools?.find((t) => t.id === c.toolId);
    const content = composeContent(text, c.tags);
    this.setComposer({
      text: '',
      reply: null,
      attachments: [],
      errors: [],
      tags: [],
      toolId: tool?.persistent ? c.toolId : null,
    });
    if (!tool?.persistent && c.toolId) this.emit('chatkit.tool.change', { toolId: null });
    await this.sendUserMessage({
      content,
      attachments: attachments,
      ...(c.reply ? { reply: c.reply } : {}),
      ...(c.toolId ? { toolChoice: { id: c.toolId } } : {}),
      ...(c.modelId ? { model: c.modelId } : {}),
    });
  }

  async sendCustomAction(
    action: { type: string; payload?: Record<string, unknown> },
    itemId?: string,
  ): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) throw this.fail(new Error('sendCustomAction needs an open thread'));
    await this.stream({
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: itemId ?? null, action },
    });
  }

  /** A widget action with `streaming: false`: answered with JSON, allowed while a response streams. */
  async syncCustomAction(
    action: { type: string; payload?: Record<string, unknown> },
    itemId: string,
  ): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) return;
    try {
      const res = await this.request<{ updated_item?: Item | null }>('threads.sync_custom_action', {
        thread_id: threadId,
        item_id: itemId,
        action,
      });
      if (res.updated_item) this.upsertItem(res.updated_item);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Answers a pending `structured_input` item (`threads.add_structured_input`, docs/protocol.md
   * §2.4): `answers` by question id, or `status: "skipped"` to skip them all.
   */
  async addStructuredInput(
    itemId: string,
    input: {
      status: 'answered' | 'skipped';
      answers?: Record<string, { values: string[]; skipped?: boolean }>;
    },
  ): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) return;
    await this.stream({
      type: 'threads.add_structured_input',
      params: { thread_id: threadId, item_id: itemId, input },
    });
  }

  async retryAfter(userMessageId: string): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId || this.state.streaming) return;
    // The server deletes every item after the user message without removal events (docs/protocol.md §6.7).
    const index = this.state.items.findIndex((i) => i.id === userMessageId);
    if (index >= 0) this.set({ items: this.state.items.slice(0, index + 1) });
    await this.stream({
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: userMessageId },
    });
  }

  async retryItem(itemId: string): Promise<void> {
    const index = this.state.items.findIndex((i) => i.id === itemId);
    for (let i = index; i >= 0; i--) {
      const item = this.state.items[i];
      if (item?.type === 'user_message') return this.retryAfter(item.id);
    }
  }

  async feedback(itemIds: string[], kind: 'positive' | 'negative'): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) return;
    const feedback = { ...this.state.feedback };
    for (const id of itemIds) feedback[id] = kind;
    this.set({ feedback });
    try {
      await this.request('items.feedback', { thread_id: threadId, item_ids: itemIds, kind });
    } catch (error) {
      this.fail(error);
    }
  }

  cancelStream(): void {
    this.streamAbort?.abort();
  }

  // ---- the stream ----

  private async stream(req: ChatKitRequest): Promise<void> {
    if (this.state.streaming) throw this.fail(new Error('A response is already streaming'));
    const abort = new AbortController();
    this.streamAbort = abort;
    this.set({ streaming: true, allowCancel: false, progress: null, error: null, notices: [] });
    this.emit('chatkit.response.start');
    this.log('request', { type: req.type });
    let pendingTool: Extract<Item, { type: 'client_tool_call' }> | null = null;
    try {
      // Events of one network chunk are applied in slices of a few milliseconds with a macrotask
      // between them, so even a burst of thousands of deltas never blocks rendering or input.
      let sliceStart = now();
      for await (const batch of this.api.stream(req, abort.signal)) {
        for (let i = 0; i < batch.length; i++) {
          if (abort.signal.aborted) break;
          const tool = this.apply(batch[i] as ThreadStreamEvent);
          if (tool) pendingTool = tool;
          if ((i & 63) === 63 && now() - sliceStart > SLICE_MS) {
            this.flushDeltas();
            await yieldToEventLoop();
            sliceStart = now();
          }
        }
        this.flushDeltas();
        if (abort.signal.aborted) break;
      }
    } catch (error) {
      if (!abort.signal.aborted) {
        const err = this.fail(error);
        this.set({ error: { message: err.message, retryAfter: this.lastUserMessageId() } });
      }
    } finally {
      this.flushDeltas();
      if (this.streamAbort === abort) this.streamAbort = null;
      this.set({ streaming: false, allowCancel: false, progress: null });
      this.emit('chatkit.response.end');
    }
    if (pendingTool && !abort.signal.aborted) await this.runClientTool(pendingTool);
  }

  private async runClientTool(call: { name: string; arguments: Record<string, unknown> }) {
    const threadId = this.state.threadId;
    if (!threadId) return;
    let result: unknown;
    try {
      if (!this.options.onClientTool)
        throw new Error(`No onClientTool handler for the client tool "${call.name}"`);
      result = await this.options.onClientTool({ name: call.name, params: call.arguments });
    } catch (error) {
      result = { error: this.fail(error).message };
    }
    await this.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: result ?? null },
    });
  }

  private lastUserMessageId(): string | null {
    for (let i = this.state.items.length - 1; i >= 0; i--) {
      const item = this.state.items[i];
      if (item?.type === 'user_message') return item.id;
    }
    return null;
  }

  private upsertItem(item: Item): void {
    const items = this.state.items;
    const index = items.findIndex((i) => i.id === item.id);
    if (index >= 0) items[index] = item;
    else items.push(item);
    this.state.items = items.slice();
    this.changed();
  }

  /** Applies one stream event; returns a pending client tool call the stream handed over. */
  private apply(event: ThreadStreamEvent): Extract<Item, { type: 'client_tool_call' }> | null {
    if (event.type !== 'thread.item.updated') this.flushDeltas();
    switch (event.type) {
      case 'thread.created':
        this.state.threadId = event.thread.id;
        this.state.thread = summaryOf(event.thread);
        this.state.history = {
          ...this.state.history,
          threads: [summaryOf(event.thread), ...this.state.history.threads],
        };
        this.changed();
        this.emit('chatkit.thread.change', { threadId: event.thread.id });
        break;
      case 'thread.updated':
        this.updateSummary(event.thread);
        break;
      case 'thread.item.added':
      case 'thread.item.done':
      case 'thread.item.replaced':
        this.upsertItem(event.item);
        if (
          event.type === 'thread.item.done' &&
          event.item.type === 'client_tool_call' &&
          event.item.status === 'pending'
        )
          return event.item;
        break;
      case 'thread.item.updated': {
        const u = event.update;
        if (u.type === 'assistant_message.content_part.text_delta') {
          // Consecutive deltas of one part are joined and applied once (see flushDeltas).
          const p = this.pendingDelta;
          if (p && p.itemId === event.item_id && p.contentIndex === u.content_index) {
            p.parts.push(u.delta);
            break;
          }
          this.flushDeltas();
          this.pendingDelta = {
            itemId: event.item_id,
            contentIndex: u.content_index,
            parts: [u.delta],
          };
          break;
        }
        this.flushDeltas();
        const items = this.state.items;
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i]!;
          if (item.id !== event.item_id) continue;
          items[i] = applyUpdate(item, event.update);
          this.changed();
          break;
        }
        break;
      }
      case 'thread.item.removed':
        this.set({ items: this.state.items.filter((i) => i.id !== event.item_id) });
        break;
      case 'stream_options':
        this.set({ allowCancel: event.stream_options.allow_cancel });
        break;
      case 'progress_update':
        this.set({ progress: { text: event.text, icon: event.icon ?? null } });
        break;
      case 'client_effect':
        this.emit('chatkit.effect', { name: event.name, data: event.data });
        break;
      case 'notice':
        this.set({
          notices: [
            ...this.state.notices,
            {
              id: ++this.noticeSeq,
              level: event.level,
              message: event.message,
              title: event.title,
            },
          ],
        });
        break;
      case 'error': {
        const message =
          event.code === 'custom' && event.message ? event.message : msg('Something went wrong');
        this.fail(new Error(event.message ?? event.code));
        this.set({
          error: { message, retryAfter: event.allow_retry ? this.lastUserMessageId() : null },
        });
        break;
      }
      default:
        this.log('event.unknown', { type: (event as { type?: unknown }).type });
    }
    return null;
  }

  private pendingDelta: { itemId: string; contentIndex: number; parts: string[] } | null = null;

  /** Applies the text deltas gathered from consecutive events as one update. */
  private flushDeltas(): void {
    const p = this.pendingDelta;
    if (!p) return;
    this.pendingDelta = null;
    const items = this.state.items;
    for (let i = items.length - 1; i >= 0; i--) {
      if (items[i]!.id !== p.itemId) continue;
      items[i] = applyUpdate(items[i]!, {
        type: 'assistant_message.content_part.text_delta',
        content_index: p.contentIndex,
        delta: p.parts.join(''),
      });
      this.changed();
      return;
    }
  }

  // ---- composer ----

  setComposerText(text: string): void {
    this.setComposer({ text });
  }

  /** Results of `entities.onTagSearch`; a failing search reads as no results. */
  async searchTags(query: string): Promise<EntityOption[]> {
    const entities = this.options.entities;
    if (!entities?.onTagSearch) return [];
    try {
      const results = await entities.onTagSearch(query);
      return Array.isArray(results) ? results : [];
    } catch (error) {
      this.emit('chatkit.log', { name: 'entities.onTagSearch.error', data: { error } });
      return [];
    }
  }

  /** Records a chosen entity; the caller has already put its `@Title` into the text. */
  addTag(entity: EntityOption, text: string): void {
    const tag = tagFromEntity(entity);
    const tags = this.state.composer.tags.filter((t) => t.id !== tag.id);
    this.setComposer({ text, tags: [...tags, tag] });
  }

  /** Results of `commands.onSearch` when the `/` menu is enabled; a failure reads as none. */
  async searchCommands(query: string): Promise<CommandOption[]> {
    const commands = this.options.commands;
    if (!commands?.enabled || !commands.onSearch) return [];
    try {
      const results = await commands.onSearch(query);
      return Array.isArray(results) ? results : [];
    } catch (error) {
      this.emit('chatkit.log', { name: 'commands.onSearch.error', data: { error } });
      return [];
    }
  }

  /** Runs `commands.onSelect`; its entity or nested menu, or null when it only had an effect. */
  async selectCommand(command: CommandOption): Promise<CommandSelection | null> {
    const commands = this.options.commands;
    if (!commands?.onSelect) return null;
    try {
      return (await commands.onSelect(command)) ?? null;
    } catch (error) {
      this.emit('chatkit.log', { name: 'commands.onSelect.error', data: { error } });
      return null;
    }
  }

  /** `entities.onRequestPreview`: a widget root to show, or null (none, or not a widget root). */
  async requestPreview(entity: EntityOption): Promise<WidgetRoot | null> {
    const entities = this.options.entities;
    if (!entities?.onRequestPreview) return null;
    try {
      const { preview } = (await entities.onRequestPreview(entity)) ?? { preview: null };
      const type = (preview as { type?: unknown } | null)?.type;
      return type === 'Basic' || type === 'Card' || type === 'ListView'
        ? (preview as WidgetRoot)
        : null;
    } catch (error) {
      this.emit('chatkit.log', { name: 'entities.onRequestPreview.error', data: { error } });
      return null;
    }
  }

  /** `entities.onClick` for a tag in a sent message. */
  clickTag(entity: EntityOption): void {
    this.options.entities?.onClick?.(entity);
  }

  selectTool(toolId: string | null): void {
    if (toolId === this.state.composer.toolId) return;
    this.setComposer({ toolId });
    this.emit('chatkit.tool.change', { toolId });
  }

  selectModel(modelId: string | null): void {
    this.setComposer({ modelId });
  }

  async setComposerValue(value: ComposerValue): Promise<void> {
    const patch: Partial<ViewState['composer']> = {};
    if (value.content) {
      patch.text = value.content
        .map((c) => (c.type === 'input_tag' ? `@${c.text}` : c.text))
        .join('');
      patch.tags = value.content.filter((c): c is ComposerTag => c.type === 'input_tag');
    } else if (value.text !== undefined) patch.text = value.text;
    if (value.reply !== undefined) patch.reply = value.reply;
    if (value.attachments)
      patch.attachments = value.attachments.map((a) => ({
        localId: `a${++this.uploadSeq}`,
        name: a.name,
        mimeType: a.mime_type,
        ...(a.type === 'image' ? { previewUrl: a.preview_url } : {}),
        progress: 1,
        status: 'done' as const,
        attachment: { ...a, thread_id: null },
      }));
    if (value.selectedModelId !== undefined) patch.modelId = value.selectedModelId;
    this.setComposer(patch);
    if (value.selectedToolId !== undefined) this.selectTool(value.selectedToolId);
    if (value.files?.length) await this.addFiles(value.files);
  }

  async addFiles(files: File[]): Promise<void> {
    const cfg = this.options.composer?.attachments;
    const strategy = this.api.uploadStrategy;
    if (!cfg?.enabled || !strategy) {
      this.setComposer({ errors: [{ text: msg('Attachments are not available') }] });
      return;
    }
    const { accepted, refused } = validateFiles(files, {
      accept: cfg.accept,
      maxSize: cfg.maxSize,
      maxCount: cfg.maxCount,
      existingCount: this.state.composer.attachments.length,
    });
    const pending = accepted.map((file) => ({
      localId: `a${++this.uploadSeq}`,
      name: file.name,
      mimeType: file.type,
      ...(file.type.startsWith('image/') && typeof URL.createObjectURL === 'function'
        ? { previewUrl: URL.createObjectURL(file) }
        : {}),
      progress: 0,
      status: 'uploading' as const,
    }));
    this.setComposer({
      attachments: [...this.state.composer.attachments, ...pending],
      errors: refused.map((r) => ({
        text: r.detail?.text ?? r.reason,
        ...(r.detail ? { vars: r.detail.vars } : {}),
        file: r.file.name,
      })),
    });
    await Promise.all(
      accepted.map(async (file, i) => {
        const localId = pending[i]!.localId;
        const patch = (p: Partial<ViewState['composer']['attachments'][number]>) =>
          this.setComposer({
            attachments: this.state.composer.attachments.map((a) =>
              a.localId === localId ? { ...a, ...p } : a,
            ),
          });
        try {
          const attachment = await uploadAttachment({
            file,
            strategy,
            request: (body) => this.api.request(body),
            fetch: this.api.fetch,
            apiUrl: this.api.url,
            onProgress: (progress) => patch({ progress }),
          });
          patch({ status: 'done', progress: 1, attachment });
        } catch (error) {
          const err = this.fail(error);
          patch({
            status: 'error',
            error: error instanceof UploadError ? error.reason : err.message,
          });
        }
      }),
    );
  }

  async removeAttachment(localId: string): Promise<void> {
    const a = this.state.composer.attachments.find((x) => x.localId === localId);
    this.setComposer({
      attachments: this.state.composer.attachments.filter((x) => x.localId !== localId),
    });
    if (a?.attachment && !a.attachment.thread_id) {
      try {
        await this.request('attachments.delete', { attachment_id: a.attachment.id });
      } catch (error) {
        this.log('attachment.delete.failed', { message: String(error) });
      }
    }
  }

  toggleDictation(): void {
    if (this.dictation) {
      const d = this.dictation;
      this.dictation = null;
      this.setComposer({ dictating: false });
      void d.stop().then(
        (text) => this.setComposerText((this.state.composer.text + ' ' + text).trim()),
        (error) => this.fail(error),
      );
      return;
    }
    try {
      const dictation = startDictation({ request: (body) => this.api.request(body) });
      this.dictation = dictation;
      this.setComposer({ dictating: true });
      dictation.ready.catch((error: unknown) => {
        if (this.dictation === dictation) this.dictation = null;
        this.setComposer({ dictating: false, errors: [{ text: errorText(error) }] });
        this.fail(error);
      });
    } catch (error) {
      this.fail(error);
    }
  }

  dismissNotice(id: number): void {
    this.set({ notices: this.state.notices.filter((n) => n.id !== id) });
  }

  destroy(): void {
    this.cancelStream();
    this.dictation?.cancel();
    this.listeners.clear();
  }
}

/** The translatable reason of a module error, else its message. */
function errorText(error: unknown): string {
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string') return reason;
  return error instanceof Error ? error.message : String(error);
}

function defaultModel(options: ChatKitOptions): string | null {
  const models = options.composer?.models ?? [];
  return (models.find((m) => m.default) ?? models.find((m) => !m.disabled))?.id ?? null;
}
