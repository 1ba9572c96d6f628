// Voice input for the composer (`composer.dictation`): records the microphone with MediaRecorder
// and, on stop, sends the audio as `input.transcribe` and resolves with the text.
import { msg } from '../i18n/index.js';
import { DictationError } from './dictation-error.js';
import { transcribe, type ChatKitRequest } from './transcribe.js';

export interface DictationOptions {
  /** Sends one JSON ChatKit request and resolves with its body. */
  request: ChatKitRequest;
  /** Preferred recording type, used when the browser supports it. */
  mimeType?: string | undefined;
}

export interface Dictation {
  /** Resolves once the microphone records; rejects when it cannot (a DictationError). */
  ready: Promise<void>;
  /** Stops recording, transcribes, and resolves with the text. */
  stop(): Promise<string>;
  /** Stops recording and discards it. */
  cancel(): void;
}

/** Compressed types the transcription services accept, most compact first. */
const PREFERRED_TYPES = [
  'audio/webm;codecs=opus',
  'audio/ogg;codecs=opus',
  'audio/mp4',
  'audio/webm',
];

export function dictationSupported(): boolean {
  return (
    typeof MediaRecorder === 'function' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

/** The recording type: the preferred one when supported, else the first supported of ours. */
export function chooseMimeType(preferred: string | undefined): string | undefined {
  const supported = (type: string) => {
    try {
      return MediaRecorder.isTypeSupported(type);
    } catch {
      return false;
    }
  };
  if (preferred && supported(preferred)) return preferred;
  return PREFERRED_TYPES.find(supported);
}

function microphoneError(cause: unknown): DictationError {
  const name = (cause as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new DictationError(
      'Microphone access was denied',
      'denied',
      msg('Microphone access was denied'),
      { cause },
    );
  }
  return new DictationError(
    'The microphone could not be opened',
    'failed',
    msg('Dictation failed'),
    {
      cause,
    },
  );
}

/** Starts recording at once (asking for the microphone); see `Dictation`. */
export function startDictation(options: DictationOptions): Dictation {
  let cancelled = false;
  let stream: MediaStream | undefined;
  let recorder: MediaRecorder | undefined;
  let stopping: Promise<string> | undefined;
  const chunks: Blob[] = [];
  const release = () => stream?.getTracks().forEach((track) => track.stop());

  const ready = (async () => {
    if (!dictationSupported()) {
      throw new DictationError(
        'MediaRecorder or getUserMedia is missing',
        'unsupported',
        msg('Dictation is not supported in this browser'),
      );
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (cause) {
      throw microphoneError(cause);
    }
    if (cancelled) {
      release();
      throw DictationError.cancelled();
    }
    const mimeType = chooseMimeType(options.mimeType);
    try {
      recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      // Timesliced, so a long recording is collected as it goes.
      recorder.start(1000);
    } catch (cause) {
      release();
      throw new DictationError('The recorder could not start', 'failed', msg('Dictation failed'), {
        cause,
      });
    }
  })();
  // Callers that only use stop() or cancel() need not handle `ready`.
  ready.catch(() => undefined);

  const finishRecording = (active: MediaRecorder) =>
    new Promise<void>((resolve) => {
      if (active.state === 'inactive') return resolve();
      active.addEventListener('stop', () => resolve(), { once: true });
      active.stop();
    });

  return {
    ready,
    stop() {
      stopping ??= (async () => {
        await ready;
        if (cancelled) throw DictationError.cancelled();
        const active = recorder!;
        await finishRecording(active);
        release();
        if (cancelled) throw DictationError.cancelled();
        const type = active.mimeType || chunks[0]?.type || 'audio/webm';
        return transcribe(options.request, new Blob(chunks, { type }), type);
      })();
      return stopping;
    },
    cancel() {
      cancelled = true;
      chunks.length = 0;
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      release();
    },
  };
}
