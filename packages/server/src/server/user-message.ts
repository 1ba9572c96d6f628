import { InvalidRequestError } from '../errors.js';
import type { Attachment } from '../protocol/attachments.js';
import type { UserMessageItem } from '../protocol/items.js';
import type { UserMessageInput } from '../protocol/requests.js';
import type { ThreadMetadata } from '../protocol/thread.js';
import type { AttachmentStore, Store } from '../stores/store.js';

/**
 * Loads every attachment a message references through the store, so a user can only send
 * attachments they own (another user's id is a NotFoundError, like a missing one). Runs before
 * the stream opens.
 */
export async function loadInputAttachments<TContext>(
  store: Store<TContext>,
  input: UserMessageInput,
  context: TContext,
  attachmentStore?: AttachmentStore<TContext>,
): Promise<Attachment[]> {
  const unique = [...new Set(input.attachments)];
  const maxPerMessage = attachmentStore?.maxAttachmentsPerMessage;
  if (maxPerMessage !== undefined && unique.length > maxPerMessage) {
    throw new InvalidRequestError(`A message may carry at most ${maxPerMessage} attachments`, [
      { path: 'params.input.attachments', message: `at most ${maxPerMessage} attachments` },
    ]);
  }
  const attachments = await Promise.all(unique.map((id) => store.loadAttachment(id, context)));
  if (attachmentStore?.isUploaded) {
    for (const attachment of attachments) {
      if (await attachmentStore.isUploaded(attachment, context)) continue;
      const index = input.attachments.indexOf(attachment.id);
      throw new InvalidRequestError(`Attachment ${attachment.id} has not been uploaded`, [
        {
          path: `params.input.attachments.${index}`,
          message: `attachment ${attachment.id} has not been uploaded (or its upload was refused)`,
        },
      ]);
    }
  }
  return attachments;
}

/**
 * Builds and stores the user message (§6.2 steps 3–5): attachments are stamped with the thread id
 * and saved again (upsert) before the message itself.
 */
export async function saveUserMessage<TContext>(
  store: Store<TContext>,
  thread: ThreadMetadata,
  input: UserMessageInput,
  attachments: Attachment[],
  context: TContext,
): Promise<UserMessageItem> {
  const stamped = attachments.map((a) => ({ ...a, thread_id: thread.id }));
  for (const attachment of stamped) await store.saveAttachment(attachment, context);
  const message: UserMessageItem = {
    type: 'user_message',
    id: store.generateItemId('message', thread, context),
    thread_id: thread.id,
    created_at: new Date().toISOString(),
    content: input.content,
    attachments: stamped,
    quoted_text: input.quoted_text,
    inference_options: input.inference_options,
  };
  await store.addThreadItem(thread.id, message, context);
  return message;
}
