import { base64ToBytes } from '../encoding/base64.js';
import { ConflictError, InvalidRequestError, NotImplementedError } from '../errors.js';
import type { NonStreamingReq } from '../protocol/requests.js';
import { SyncCustomActionResponseSchema } from '../protocol/responses.js';
import type { AttachmentStore } from '../stores/store.js';
import type { ChatKitServer } from './chatkit-server.js';
import { publicThread, toWireJson, visibleItems } from './serialize.js';

/** `limit` null or 0 means the default page size (§2.9). */
const DEFAULT_PAGE_SIZE = 20;
const pageSize = (limit: number | null | undefined): number => limit || DEFAULT_PAGE_SIZE;
const EMPTY_OBJECT = '{}';

function requireAttachmentStore<TContext>(
  server: ChatKitServer<TContext>,
): AttachmentStore<TContext> {
  if (!server.attachmentStore) {
    throw new NotImplementedError('File attachments are not enabled on this server');
  }
  return server.attachmentStore;
}

/** Standard base64 with its padding, as Python's `b64decode` requires (deviation #13). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard base64 (whitespace ignored); bad input is the client's mistake. */
function decodeBase64(data: string): Uint8Array {
  try {
    const compact = data.replace(/\s+/g, '');
    // The shared decoder also accepts unpadded input; the protocol does not.
    if (!BASE64.test(compact)) throw new Error('not padded standard base64');
    return base64ToBytes(compact);
  } catch (cause) {
    throw new InvalidRequestError(
      'audio_base64 is not valid base64',
      [{ path: 'params.audio_base64', message: 'must be standard base64' }],
      { cause },
    );
  }
}

/** Runs one of the ten JSON ops and returns the serialized response body. */
export async function runJsonOp<TContext>(
  server: ChatKitServer<TContext>,
  request: NonStreamingReq,
  context: TContext,
): Promise<string> {
  const { store } = server;
  switch (request.type) {
    case 'threads.sync_custom_action': {
      const { thread_id, item_id, action } = request.params;
      const thread = await store.loadThread(thread_id, context);
      const sender = item_id ? await store.loadItem(thread_id, item_id, context) : null;
      if (sender?.type !== 'widget') {
        throw new InvalidRequestError('threads.sync_custom_action requires a widget sender item', [
          { path: 'params.item_id', message: 'must reference a widget item' },
        ]);
      }
      // Parsed like a streamed item, so widget actions get their defaults (`handler`,
      // `loadingBehavior`, `streaming`) as in the reference.
      const response = SyncCustomActionResponseSchema.safeParse(
        await server.syncAction(thread, action, sender, context),
      );
      if (!response.success) {
        throw new Error(`syncAction() returned an invalid response: ${response.error.message}`);
      }
      return toWireJson(response.data);
    }
    case 'threads.get_by_id': {
      const thread = await store.loadThread(request.params.thread_id, context);
      // The oldest page, as in the reference (§2.8); the client pages further with items.list.
      const items = await store.loadThreadItems(thread.id, null, DEFAULT_PAGE_SIZE, 'asc', context);
      return toWireJson(publicThread(thread, items));
    }
    case 'threads.list': {
      const { limit, after, order } = request.params;
      const page = await store.loadThreads(pageSize(limit), after, order, context);
      return toWireJson({ ...page, data: page.data.map((t) => publicThread(t)) });
    }
    case 'threads.update': {
      const thread = await store.loadThread(request.params.thread_id, context);
      thread.title = request.params.title;
      await store.saveThread(thread, context);
      return toWireJson(publicThread(thread));
    }
    case 'threads.delete': {
      const { thread_id } = request.params;
      await store.loadThread(thread_id, context);
      await server.attachmentStore?.deleteThreadAttachments?.(thread_id, context);
      await store.deleteThread(thread_id, context);
      return EMPTY_OBJECT;
    }
    case 'items.list': {
      const { thread_id, limit, after, order } = request.params;
      // Unlike the reference, a missing or foreign thread is a 404 rather than an empty page.
      await store.loadThread(thread_id, context);
      const page = await store.loadThreadItems(thread_id, after, pageSize(limit), order, context);
      return toWireJson(visibleItems(page));
    }
    case 'items.feedback': {
      const { thread_id, item_ids, kind } = request.params;
      await store.loadThread(thread_id, context);
      await server.addFeedback(thread_id, item_ids, kind, context);
      return EMPTY_OBJECT;
    }
    case 'attachments.create': {
      const attachmentStore = requireAttachmentStore(server);
      const attachment = await attachmentStore.createAttachment(request.params, context);
      await store.saveAttachment(attachment, context);
      return toWireJson(attachment);
    }
    case 'attachments.delete': {
      const attachmentStore = requireAttachmentStore(server);
      const { attachment_id } = request.params;
      const attachment = await store.loadAttachment(attachment_id, context);
      if (attachment.thread_id) {
        throw new ConflictError(
          `Attachment ${attachment_id} belongs to a sent message; it is deleted with its thread`,
        );
      }
      await attachmentStore.deleteAttachment(attachment_id, context);
      await store.deleteAttachment(attachment_id, context);
      return EMPTY_OBJECT;
    }
    case 'input.transcribe': {
      const { audio_base64, mime_type } = request.params;
      const media_type = mime_type.split(';')[0]!.trim();
      const data = decodeBase64(audio_base64);
      const result = await server.transcribe({ data, mime_type, media_type }, context);
      return toWireJson(result);
    }
    default: {
      const unreachable: never = request;
      throw new Error(`Unhandled request ${String(unreachable)}`);
    }
  }
}
