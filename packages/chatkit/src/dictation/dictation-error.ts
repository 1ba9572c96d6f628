import { msg } from '../i18n/index.js';

export type DictationErrorCode = 'unsupported' | 'denied' | 'cancelled' | 'failed';

/** Why dictation stopped, with a translatable reason (`t(reason)`) for the person. */
export class DictationError extends Error {
  override readonly name = 'DictationError';
  constructor(
    message: string,
    readonly code: DictationErrorCode,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static cancelled() {
    return new DictationError('Dictation was cancelled', 'cancelled', msg('Stopped'));
  }
}
