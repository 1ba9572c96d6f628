// Why an upload failed, as a translatable reason for the person and details for the developer.
import { msg } from '../i18n/index.js';

export type UploadErrorCode =
  'aborted' | 'network' | 'http' | 'invalid_response' | 'no_upload_target';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    readonly code: UploadErrorCode,
    /** English message for the person, translated for display with `t(reason)`. */
    readonly reason: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static aborted(cause?: unknown) {
    return new UploadError(
      'The upload was cancelled',
      'aborted',
      msg('Upload cancelled'),
      undefined,
      {
        cause,
      },
    );
  }
}

/** The reason shown for an HTTP error status. */
export function reasonForStatus(status: number | undefined): string {
  if (status === 413) return msg('This file is too large');
  if (status === 415) return msg('This file type is not accepted');
  return msg('Upload failed');
}

/** The `message` of a JSON error body (`{error: {message}}` or `{message}`), if any. */
export function errorMessageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown }; message?: unknown };
    const message = parsed?.error?.message ?? parsed?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
