import type { Attachment, ThreadStreamEventInput, UserMessageItem } from '@threadline/server';
import type { BlobAttachmentStore } from '@threadline/server/attachments';
import {
  attachmentContent,
  tagAsText,
  ThreadItemConverter,
  type AttachmentSkipReason,
} from '@threadline/server/turn';
import type { AppConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { translatorFor } from '../i18n/index.js';

/** How attachments reach the model (`THREADLINE_MODEL_IMAGE_INPUT`, `THREADLINE_MODEL_PDF_INPUT`). */
export interface AttachmentInputSettings {
  images: 'inline' | 'url';
  pdf: 'file' | 'text';
}

/** The PDF mode `auto` resolves to: file input, except on (possibly) Chat-only compatible servers. */
export function attachmentInputSettings(model: AppConfig['model']): AttachmentInputSettings {
  const pdf =
    model.pdfInput !== 'auto'
      ? model.pdfInput
      : model.baseURL !== undefined && (model.provider === 'openai-chat' || model.fallbackToChat)
        ? 'text'
        : 'file';
  return { images: model.imageInput, pdf };
}

/** Whole sentences (catalogue keys in `i18n/`), so each language can order its own words. */
const NOTICES: Readonly<Record<AttachmentSkipReason, string>> = {
  unsupported_type: 'The assistant could not read **{name}**: its file type is not supported.',
  unreadable: 'The assistant could not read **{name}**: its content could not be read.',
  missing: 'The assistant could not read **{name}**: the file is no longer available.',
};

/**
 * One turn's history converter: attachments read from the attachment store as the turn's user
 * (images, text files, PDFs; a notice for anything else), @-mentions as text. `notices()` lists
 * the new message's attachments the model could not take, to tell the user.
 */
export function turnConverter(
  attachments: BlobAttachmentStore<AppContext> | undefined,
  settings: AttachmentInputSettings,
  context: AppContext,
  input: UserMessageItem | null,
): { converter: ThreadItemConverter; notices(): ThreadStreamEventInput[] } {
  const skipped = new Map<string, [Attachment, AttachmentSkipReason]>();
  const convert = attachmentContent({
    images: settings.images,
    pdf: settings.pdf,
    imageUrl: async (attachment) =>
      attachments
        ? (await attachments.withFreshPreviewUrl(attachment, context)).preview_url
        : attachment.preview_url,
    load: async (attachment) => {
      if (!attachments) throw new Error('uploads are disabled');
      const { blob } = await attachments.openAttachment(attachment.id, context);
      return new Uint8Array(await new Response(blob.body).arrayBuffer());
    },
    onSkipped: (attachment, reason) => skipped.set(attachment.id, [attachment, reason]),
  });
  const converter = new ThreadItemConverter({ attachmentContent: convert, tagContent: tagAsText });
  const t = translatorFor(context.locale);
  const notices = (): ThreadStreamEventInput[] =>
    (input?.attachments ?? []).flatMap((attachment) => {
      const hit = skipped.get(attachment.id);
      if (!hit) return [];
      return [
        {
          type: 'notice',
          level: 'warning',
          message: t(NOTICES[hit[1]], { name: attachment.name }),
        } satisfies ThreadStreamEventInput,
      ];
    });
  return { converter, notices };
}
