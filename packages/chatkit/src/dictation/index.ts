// Dictation (`composer.dictation`): MediaRecorder → `input.transcribe` → text for the composer.
export { encodeBase64 } from './base64.js';
export { DictationError, type DictationErrorCode } from './dictation-error.js';
export {
  chooseMimeType,
  dictationSupported,
  startDictation,
  type Dictation,
  type DictationOptions,
} from './start-dictation.js';
export { transcribe, type ChatKitRequest } from './transcribe.js';
