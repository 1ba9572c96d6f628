import type { Attachment, AttachmentCreateParams } from '../../src/protocol/index.js';
import { AttachmentStore } from '../../src/stores/store.js';

/**
 * A test double of the `AttachmentStore` interface: `createAttachment` builds a two-phase upload
 * (PUT descriptor, a preview URL for images, integration-only `metadata`); nothing is stored, the
 * server saves the metadata itself. Deleted ids and every context are recorded.
 */
export class RecordingAttachmentStore<TContext> extends AttachmentStore<TContext> {
  readonly created: Attachment[] = [];
  readonly deleted: string[] = [];
  readonly deletedThreads: string[] = [];
  readonly contexts: TContext[] = [];

  override async createAttachment(
    params: AttachmentCreateParams,
    context: TContext,
  ): Promise<Attachment> {
    this.contexts.push(context);
    const id = this.generateAttachmentId(params.mime_type, context);
    const base = {
      id,
      name: params.name,
      mime_type: params.mime_type,
      upload_descriptor: {
        url: `https://files.example.test/upload/${id}`,
        method: 'PUT' as const,
        headers: {},
      },
      metadata: { secret: `s3://private-bucket/${id}`, size: params.size },
    };
    const attachment: Attachment = params.mime_type.startsWith('image/')
      ? { ...base, type: 'image', preview_url: `https://files.example.test/preview/${id}` }
      : { ...base, type: 'file' };
    this.created.push(structuredClone(attachment));
    return attachment;
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    this.contexts.push(context);
    this.deleted.push(attachmentId);
  }

  override async deleteThreadAttachments(threadId: string, context: TContext): Promise<void> {
    this.contexts.push(context);
    this.deletedThreads.push(threadId);
  }
}
