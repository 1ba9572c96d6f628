import { CustomStreamError } from '../errors.js';
import { translator } from '../i18n/catalog.js';
import { SDK_CATALOGS } from '../i18n/sdk-catalogs.js';
import type { InferenceOptions } from '../protocol/content.js';

/** Options of {@link selectModel}. */
export interface SelectModelOptions {
  /** Model ids the composer may pick (`composer.models` on the client). */
  allowed: readonly string[];
  /** Used when the user picked none. Need not be in `allowed`. */
  default: string;
  /**
   * An id outside `allowed`: `'error'` (default) fails the turn with a `custom` error the user
   * can read, before the model is called; `'fallback'` silently uses `default`.
   */
  onUnknown?: 'error' | 'fallback' | undefined;
  /** The user's locale for the error text (`SDK_CATALOGS`; English without a catalogue). */
  locale?: string | readonly string[] | undefined;
}

/**
 * The model for this turn from `inference_options.model` (the composer's model picker), restricted
 * to an allow-list so a client cannot select an arbitrary (expensive) model.
 *
 * @throws CustomStreamError (`allow_retry: false`) for an unknown id with `onUnknown: 'error'`.
 */
export function selectModel(
  inferenceOptions: InferenceOptions | null | undefined,
  options: SelectModelOptions,
): string {
  const requested = inferenceOptions?.model;
  if (requested == null || requested === '') return options.default;
  if (options.allowed.includes(requested)) return requested;
  if (options.onUnknown === 'fallback') return options.default;
  throw new CustomStreamError(
    translator(SDK_CATALOGS, options.locale)(
      'The model "{model}" is not available. Please choose another model.',
      { model: requested },
    ),
    { allowRetry: false },
  );
}
