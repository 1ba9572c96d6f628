import type OpenAI from 'openai';
import { toFile } from 'openai';
import { PayloadTooLargeError, type Logger } from '@threadline/server';
import type { AudioInput, TranscriptionResult } from '@threadline/server/protocol';
import { logProviderErrors } from './provider-errors.js';

/** Limits and model of `input.transcribe` (`THREADLINE_TRANSCRIBE_*`). */
export interface TranscriberSettings {
  model: string;
  maxBytes: number;
  maxSeconds: number;
}

/** The duration of a PCM WAV recording in seconds, or undefined for other formats. */
export function wavSeconds(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ascii = (at: number) => String.fromCharCode(...data.subarray(at, at + 4));
  if (data.length < 44 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') return undefined;
  let byteRate = 0;
  for (let at = 12; at + 8 <= data.length;) {
    const id = ascii(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 16 <= data.length) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') return byteRate > 0 ? size / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'mp4',
  'audio/m4a': 'm4a',
  'audio/flac': 'flac',
};

/**
 * Dictation (`input.transcribe`) with the OpenAI audio API of the configured endpoint (OpenAI,
 * or a Whisper-style OpenAI-compatible server). Too large or too long a recording is a 413 that
 * names the limit; provider failures are logged like model errors.
 */
export class Transcriber {
  private readonly endpoint: string;

  constructor(
    private readonly client: OpenAI,
    private readonly settings: TranscriberSettings,
    private readonly logger: Logger,
    baseURL: string | undefined,
  ) {
    this.endpoint = `${(baseURL ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/audio/transcriptions`;
  }

  async transcribe(audio: AudioInput): Promise<TranscriptionResult> {
    const { maxBytes, maxSeconds, model } = this.settings;
    if (audio.data.length > maxBytes) {
      throw new PayloadTooLargeError(
        `The recording is too large (${audio.data.length} bytes); the limit is ${maxBytes} bytes.`,
      );
    }
    const seconds = wavSeconds(audio.data);
    if (seconds !== undefined && seconds > maxSeconds) {
      throw new PayloadTooLargeError(
        `The recording is too long (${Math.round(seconds)} s); the limit is ${maxSeconds} s.`,
      );
    }
    const extension = EXTENSIONS[audio.media_type] ?? 'webm';
    const file = await toFile(audio.data, `recording.${extension}`, { type: audio.media_type });
    const call = async function* (client: OpenAI) {
      yield await client.audio.transcriptions.create({ file, model });
    };
    for await (const result of logProviderErrors(
      call(this.client),
      () => ({ provider: 'openai-transcription', endpoint: this.endpoint, model }),
      this.logger,
    )) {
      return { text: result.text };
    }
    return { text: '' };
  }
}
