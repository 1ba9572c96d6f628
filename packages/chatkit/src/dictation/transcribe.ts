// One `input.transcribe` request (docs/protocol.md §2.16): the recorded audio, base64, with its
// MIME type → the text.
import { msg } from '../i18n/index.js';
import { encodeBase64 } from './base64.js';
import { DictationError } from './dictation-error.js';

export type ChatKitRequest = (body: {
  type: string;
  params: Record<string, unknown>;
}) => Promise<unknown>;

/** Sends `audio` for transcription and resolves with the text (`''` for an empty recording). */
export async function transcribe(
  request: ChatKitRequest,
  audio: Blob,
  mimeType: string,
): Promise<string> {
  if (audio.size === 0) return '';
  const audio_base64 = encodeBase64(new Uint8Array(await audio.arrayBuffer()));
  let response: unknown;
  try {
    response = await request({
      type: 'input.transcribe',
      params: { audio_base64, mime_type: mimeType },
    });
  } catch (cause) {
    throw new DictationError(
      'The transcription request failed',
      'failed',
      msg('Dictation failed'),
      {
        cause,
      },
    );
  }
  const text = (response as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') {
    throw new DictationError(
      'input.transcribe did not answer with {"text": string}',
      'failed',
      msg('Dictation failed'),
    );
  }
  return text;
}
