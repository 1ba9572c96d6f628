/**
 * What a model is given for an uploaded attachment: images as image input (inline or by URL),
 * text-like files as text, PDFs as file input or their extracted text, and anything else (or a
 * file that is gone) as a short notice, so one odd file never breaks a thread.
 */
import type { Attachment, ImageAttachment } from '../../protocol/attachments.js';
import type { UserMessageTagContent } from '../../protocol/content.js';
import { isTextMimeType, toDataUrl } from './data-url.js';
import type { ModelUserContent } from './model-input.js';
import { extractPdfText } from './pdf-text.js';
import type { AttachmentBytes } from './thread-item-converter.js';

/** Image types the OpenAI and Anthropic APIs accept. */
export const MODEL_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

/** Extensions read as text whatever MIME type the browser guessed (code is often `octet-stream`). */
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'txt md markdown csv tsv json jsonl yaml yml xml toml ini cfg conf log sql html htm css scss ' +
    'js mjs cjs jsx ts tsx py rb go rs java kt swift c h cc cpp hpp cs php sh bash zsh ps1 r lua ' +
    'pl scala dart vue svelte graphql proto tex rst env gitignore dockerfile makefile'
  ).split(' '),
);

const extensionOf = (name: string): string => {
  const base = name.toLowerCase().split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? base : base.slice(dot + 1);
};

/** Whether an attachment is sent as text (by MIME type or file extension). */
export const isTextAttachment = (attachment: Attachment): boolean =>
  isTextMimeType(attachment.mime_type) ||
  /^application\/(javascript|typescript|x-sh|x-python|sql|toml|x-ndjson)$/.test(
    attachment.mime_type,
  ) ||
  TEXT_EXTENSIONS.has(extensionOf(attachment.name));

/** Why an attachment was replaced by a notice. */
export type AttachmentSkipReason = 'unsupported_type' | 'unreadable' | 'missing';

/** Options of {@link attachmentContent}. */
export interface AttachmentContentOptions {
  /** The attachment's bytes (e.g. `BlobAttachmentStore.openAttachment`). Throw when it is gone. */
  load: (attachment: Attachment) => Promise<AttachmentBytes>;
  /**
   * `inline` (default): images as `data:` URLs, which every vision model accepts. `url`: a URL the
   * provider fetches itself (`imageUrl`, default the attachment's `preview_url`), smaller requests
   * but the URL must be reachable from the provider.
   */
  images?: 'inline' | 'url' | undefined;
  imageUrl?: ((attachment: ImageAttachment) => Promise<string>) | undefined;
  /** `file` (default): PDFs as file input (Responses, Anthropic, OpenAI Chat). `text`: extracted text. */
  pdf?: 'file' | 'text' | undefined;
  /** Longer text files are cut here, with a note saying so. Default 100 000 characters. */
  maxTextChars?: number | undefined;
  /** Called for every attachment replaced by a notice (e.g. to tell the user). */
  onSkipped?: ((attachment: Attachment, reason: AttachmentSkipReason) => void) | undefined;
}

/** The notice the model gets instead of an attachment it cannot take. */
export function attachmentNotice(attachment: Attachment, reason: AttachmentSkipReason): string {
  const what = `The user attached "${attachment.name}" (${attachment.mime_type})`;
  if (reason === 'missing') return `[${what}, but the file is no longer available.]`;
  if (reason === 'unreadable') return `[${what}, but its content could not be read.]`;
  return `[${what}, which this assistant cannot read: the file type is not supported.]`;
}

/** A text file as the model sees it. */
export const fileText = (name: string, text: string): string =>
  `<File name=${JSON.stringify(name)}>\n${text}\n</File>`;

/**
 * The `attachmentContent` hook of `ThreadItemConverter`: one content part per attachment, never a
 * thrown error (an attachment the model cannot take becomes a notice, see {@link attachmentNotice}).
 */
export function attachmentContent(
  options: AttachmentContentOptions,
): (attachment: Attachment) => Promise<ModelUserContent> {
  const maxChars = options.maxTextChars ?? 100_000;
  const skip = (attachment: Attachment, reason: AttachmentSkipReason): ModelUserContent => {
    options.onSkipped?.(attachment, reason);
    return { type: 'input_text', text: attachmentNotice(attachment, reason) };
  };
  return async (attachment) => {
    const image = attachment.type === 'image' && MODEL_IMAGE_TYPES.has(attachment.mime_type);
    const pdf = attachment.mime_type === 'application/pdf';
    const text = !image && !pdf && isTextAttachment(attachment);
    if (!image && !pdf && !text) return skip(attachment, 'unsupported_type');
    if (image && options.images === 'url' && attachment.type === 'image') {
      const url = options.imageUrl ? await options.imageUrl(attachment) : attachment.preview_url;
      return { type: 'input_image', image: url, detail: 'auto' };
    }
    let bytes: Uint8Array;
    try {
      const loaded = await options.load(attachment);
      bytes = loaded instanceof Uint8Array ? loaded : loaded.data;
    } catch {
      return skip(attachment, 'missing');
    }
    if (image) {
      return {
        type: 'input_image',
        image: toDataUrl(attachment.mime_type, bytes),
        detail: 'auto',
      };
    }
    if (pdf && options.pdf !== 'text') {
      return {
        type: 'input_file',
        file: toDataUrl('application/pdf', bytes),
        filename: attachment.name,
      };
    }
    let body: string | undefined;
    if (pdf) body = await extractPdfText(bytes);
    else {
      try {
        body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        body = undefined;
      }
    }
    if (body === undefined) return skip(attachment, 'unreadable');
    if (body.length > maxChars) {
      body = `${body.slice(0, maxChars)}\n[… cut: the file has ${body.length} characters, only the first ${maxChars} are shown.]`;
    }
    return { type: 'input_text', text: fileText(attachment.name, body) };
  };
}

/** An @-mention as text: its label, id, group and data (for apps without their own conversion). */
export async function tagAsText(tag: UserMessageTagContent): Promise<ModelUserContent> {
  const attributes = [`id=${JSON.stringify(tag.id)}`, `label=${JSON.stringify(tag.text)}`];
  if (tag.group) attributes.push(`group=${JSON.stringify(tag.group)}`);
  const data = Object.keys(tag.data).length > 0 ? `\n${JSON.stringify(tag.data)}\n` : '';
  return { type: 'input_text', text: `<Tag ${attributes.join(' ')}>${data}</Tag>` };
}
