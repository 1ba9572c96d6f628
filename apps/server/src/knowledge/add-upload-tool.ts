import { tool, type Tool } from '@openai/agents';
import { z } from 'zod';
import type { Attachment, ThreadItem } from '@threadline/server';
import type { AgentContext } from '@threadline/server/agents';
import type { BlobAttachmentStore } from '@threadline/server/attachments';
import { detectFormat, type KnowledgeBase } from '@threadline/server/knowledge';
import { resolveOwner, type AppContext } from '../context.js';

/** The tool's name, as the model calls it. */
export const ADD_TO_KNOWLEDGE_TOOL = 'add_to_knowledge';
/** Every user's own private collection of files added from their threads. */
export const UPLOADS_COLLECTION = 'uploads';

const Parameters = z.object({
  files: z
    .array(z.string())
    .describe(
      'names of files the user attached in this conversation; empty for the files of their latest message with attachments',
    ),
});

/** The source of an upload's document: unique per attachment, its file name last (citations show it). */
export const uploadSource = (attachment: Attachment): string =>
  `upload:${attachment.id}/${attachment.name.replace(/[/\\]/g, '_') || 'file'}`;

/** The attachments of the thread's user messages, newest message first. */
function threadAttachments(items: readonly ThreadItem[]): Attachment[][] {
  return items
    .flatMap((item) => (item.type === 'user_message' ? [item.attachments] : []))
    .filter((list) => list.length > 0)
    .reverse();
}

/** The attachments a call names, or those of the latest message with any. */
function pick(
  messages: Attachment[][],
  names: string[],
): { found: Attachment[]; missing: string[] } {
  if (names.length === 0) return { found: messages[0] ?? [], missing: [] };
  const all = messages.flat();
  const found: Attachment[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const hit = all.find((a) => a.name === name) ?? all.find((a) => a.id === name);
    if (hit) {
      if (!found.includes(hit)) found.push(hit);
    } else missing.push(name);
  }
  return { found, missing };
}

/**
 * `add_to_knowledge`: the model adds files the user uploaded in the thread to that user's own
 * private `uploads` collection (created on first use), so later searches find them with
 * citations. The attachment store reads the file as the calling user, so only their own uploads
 * can be added, and the collection is private to them: another user's search never reads it.
 */
export function addToKnowledgeTool(
  knowledge: KnowledgeBase,
  attachments: BlobAttachmentStore<AppContext>,
  history: readonly ThreadItem[],
): Tool<AgentContext<AppContext>> {
  return tool({
    name: ADD_TO_KNOWLEDGE_TOOL,
    description:
      "Adds files the user attached in this conversation to the user's own knowledge base, so " +
      'search_knowledge finds them later (in this and other conversations). Use it when the user ' +
      'asks to add, save or remember an uploaded file or document.',
    parameters: Parameters,
    async execute({ files }, runContext) {
      const context = runContext!.context;
      const owner = resolveOwner(context.requestContext);
      const { found, missing } = pick(threadAttachments(history), files);
      const skipped = missing.map((name) => ({
        name,
        reason: 'no such file in this conversation',
      }));
      const added: Array<{ name: string; status: string; passages: number }> = [];
      if (found.length === 0) return JSON.stringify({ added, skipped });
      await context.stream({
        type: 'progress_update',
        icon: 'book-open',
        text: `Adding ${found.length === 1 ? found[0]!.name : `${found.length} files`} to your knowledge base…`,
      });
      const collection = await knowledge.ensureCollection({ name: UPLOADS_COLLECTION, owner });
      for (const attachment of found) {
        const source = uploadSource(attachment);
        if (!detectFormat(attachment.name, attachment.mime_type)) {
          skipped.push({ name: attachment.name, reason: 'unsupported file type' });
          continue;
        }
        try {
          const { blob } = await attachments.openAttachment(attachment.id, context.requestContext);
          const bytes = new Uint8Array(await new Response(blob.body).arrayBuffer());
          const result = await knowledge.ingest(
            collection.id,
            {
              source,
              bytes,
              mimeType: attachment.mime_type,
              metadata: { attachment_id: attachment.id, thread_id: context.thread.id },
            },
            { signal: context.signal },
          );
          added.push({ name: attachment.name, status: result.status, passages: result.chunks });
        } catch (error) {
          skipped.push({ name: attachment.name, reason: (error as Error).message });
        }
      }
      return JSON.stringify({ collection: UPLOADS_COLLECTION, added, skipped });
    },
  }) as Tool<AgentContext<AppContext>>;
}
