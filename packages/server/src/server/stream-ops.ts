import { ConflictError, InvalidRequestError } from '../errors.js';
import {
  isHiddenItem,
  type ClientToolCallItem,
  type StructuredInputItem,
  type ThreadItem,
  type UserMessageItem,
} from '../protocol/items.js';
import type { StreamingReq } from '../protocol/requests.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { ChatKitServer } from './chatkit-server.js';
import { processEvents, type StreamPlan } from './pipeline.js';
import { frameEvent, publicThread } from './serialize.js';
import { answerStructuredInput } from './structured-input.js';
import { acquireTurnLease } from './turn-lock.js';
import { loadInputAttachments, saveUserMessage } from './user-message.js';

type Frames = AsyncIterable<string>;
/** How far back `add_client_tool_output` and `retry_after_item` look, per page (reference: 20). */
const LOOKBACK = 20;

/**
 * Validates a streaming request and returns its lazy frame stream. Everything that can fail
 * because of the request (missing thread, item or attachment, wrong item type, nothing pending)
 * fails here, before a stream exists; writes happen only while the stream is consumed.
 */
export async function prepareStreamOp<TContext>(
  server: ChatKitServer<TContext>,
  request: StreamingReq,
  context: TContext,
  controller: AbortController,
): Promise<Frames> {
  const { store } = server;
  const { signal } = controller;
  const hook = { signal };
  const abort = () => controller.abort();
  const start = (
    thread: ThreadMetadata,
    source: StreamPlan<TContext>['source'],
    prelude?: StreamPlan<TContext>['prelude'],
    onClosed?: () => Promise<void>,
  ) => processEvents(server, { thread, context, signal, source, prelude, abort, onClosed });
  /** A turn on an existing thread: validated first, then the thread's turn lease is taken. */
  const run = async (
    thread: ThreadMetadata,
    source: StreamPlan<TContext>['source'],
    prelude?: StreamPlan<TContext>['prelude'],
  ) => {
    const lease = await acquireTurnLease(store, thread.id, server.turnLeaseMs, server.logger);
    return start(thread, source, prelude, () => lease.release());
  };

  switch (request.type) {
    case 'threads.create': {
      const { input } = request.params;
      const attachments = await loadInputAttachments(store, input, context, server.attachmentStore);
      // The writes wait for the stream (§6.1); a database that is down answers 503 now rather
      // than a 200 stream with only an error event.
      await store.ping?.();
      const thread: ThreadMetadata = {
        id: store.generateThreadId(context),
        created_at: new Date().toISOString(),
        status: { type: 'active' },
        metadata: {},
      };
      let message: UserMessageItem | undefined;
      // A new thread needs no lease: nobody else knows its id yet.
      return start(
        thread,
        () => server.respond(thread, message!, context, hook),
        async function* () {
          // Both writes land before the first frame is flushed: a client that saw
          // `thread.created` must find its message even if the process dies right after.
          await store.saveThread(thread, context);
          try {
            message = await saveUserMessage(store, thread, input, attachments, context);
          } catch (error) {
            // No frame was sent yet: leave no empty thread behind.
            await store.deleteThread(thread.id, context).catch(() => {});
            throw error;
          }
          yield { type: 'thread.created', thread: publicThread(thread) };
          yield { type: 'thread.item.done', item: message };
        },
      );
    }

    case 'threads.add_user_message': {
      const { thread_id, input } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const attachments = await loadInputAttachments(store, input, context, server.attachmentStore);
      let message: UserMessageItem | undefined;
      return run(
        thread,
        () => server.respond(thread, message!, context, hook),
        async function* () {
          message = await saveUserMessage(store, thread, input, attachments, context);
          yield { type: 'thread.item.done', item: message };
        },
      );
    }

    case 'threads.add_client_tool_output': {
      const { thread_id, result } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const recent = await store.loadThreadItems(thread_id, null, LOOKBACK, 'desc', context);
      // The reference inspects only the newest item; we skip hidden context stored after the call
      // (chatkit-python PR #123), but still require the newest visible item to be the pending call.
      const newest = recent.data.find((item) => !isHiddenItem(item));
      if (newest?.type !== 'client_tool_call' || newest.status !== 'pending') {
        throw new ConflictError(`Thread ${thread_id} has no pending client tool call`);
      }
      const call: ClientToolCallItem = newest;
      return run(
        thread,
        () => server.respond(thread, null, context, hook),
        sideEffect(async () => {
          await store.saveItem(
            thread_id,
            { ...call, status: 'completed', output: result },
            context,
          );
          for (const item of recent.data) {
            if (
              item.type === 'client_tool_call' &&
              item.status === 'pending' &&
              item.id !== call.id
            ) {
              server.logger.warn(`Client tool call ${item.call_id} was not completed, ignoring`);
              await store.deleteThreadItem(thread_id, item.id, context);
            }
          }
        }),
      );
    }

    case 'threads.add_structured_input': {
      const { thread_id, item_id, input } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const item = await store.loadItem(thread_id, item_id, context);
      if (item.type !== 'structured_input') {
        throw new InvalidRequestError(`Item ${item_id} is not a structured_input item`, [
          { path: 'params.item_id', message: 'must reference a structured_input item' },
        ]);
      }
      if (item.status !== 'pending') {
        throw new ConflictError(`Structured input item ${item_id} is not pending`);
      }
      const answered: StructuredInputItem = answerStructuredInput(item, input, server.logger);
      return run(thread, async function* () {
        yield { type: 'thread.item.replaced', item: answered };
        yield* server.respond(thread, null, context, hook);
      });
    }

    case 'threads.retry_after_item': {
      const { thread_id, item_id } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const { target, newer } = await findWithNewer(server, thread_id, item_id, context);
      if (target.type !== 'user_message') {
        throw new InvalidRequestError(`Item ${item_id} is not a user message`, [
          { path: 'params.item_id', message: 'must reference a user message' },
        ]);
      }
      const message: UserMessageItem = target;
      return run(
        thread,
        () => server.respond(thread, message, context, hook),
        sideEffect(async () => {
          for (const item of newer) await store.deleteThreadItem(thread_id, item.id, context);
        }),
      );
    }

    case 'threads.custom_action': {
      const { thread_id, item_id, action } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const sender = item_id ? await store.loadItem(thread_id, item_id, context) : null;
      if (sender && sender.type !== 'widget') {
        // Reference behaviour: a single non-retryable error event, no stream_options (§6.8).
        return (async function* () {
          yield frameEvent({ type: 'error', code: 'stream.error', allow_retry: false });
        })();
      }
      return run(thread, () => server.action(thread, action, sender, context, hook));
    }

    default: {
      const unreachable: never = request;
      throw new Error(`Unhandled streaming request ${String(unreachable)}`);
    }
  }
}

/** A prelude that only does server work and sends nothing. */
const sideEffect = (work: () => Promise<void>) =>
  // eslint-disable-next-line require-yield
  async function* (): AsyncGenerator<never> {
    await work();
  };

/** Walks newest→oldest in pages until `itemId`, collecting the newer items (§6.7). */
async function findWithNewer<TContext>(
  server: ChatKitServer<TContext>,
  threadId: string,
  itemId: string,
  context: TContext,
): Promise<{ target: ThreadItem; newer: ThreadItem[] }> {
  const newer: ThreadItem[] = [];
  let after: string | null | undefined = null;
  for (;;) {
    const page = await server.store.loadThreadItems(threadId, after, LOOKBACK, 'desc', context);
    for (const item of page.data) {
      if (item.id === itemId) return { target: item, newer };
      newer.push(item);
    }
    if (!page.has_more) break;
    after = page.after;
  }
  // The reference streams nothing for an unknown item; a 404 tells the client why.
  return { target: await server.store.loadItem(threadId, itemId, context), newer };
}
