// The composer's `attachments` limits (`accept`, `maxSize` overall or per MIME type, `maxCount`)
// applied to picked, dropped or pasted files before anything is uploaded.
import { msg, type TranslationVars } from '../i18n/index.js';
import { formatBytes } from './format-bytes.js';

export interface FileLimits {
  /** MIME types (`image/*` allowed) → file extensions, as in `showOpenFilePicker`. */
  accept?: Record<string, string[]>;
  /** Bytes, for every file or per MIME type (`{'image/*': 5e6, 'application/pdf': 2e7}`). */
  maxSize?: number | Record<string, number>;
  /** Files per message. Default 10. */
  maxCount?: number;
  /** Files already attached to the message being written. */
  existingCount?: number;
  /** For the sizes in refusal messages. Default `en`. */
  locale?: string;
}

export type RefusalCode = 'type' | 'size' | 'empty' | 'count';

export interface RefusedFile {
  file: File;
  /** Short English message without placeholders: show it as `t(reason)`. */
  reason: string;
  /** The fuller message with the limit ("… (maximum 5 MB)"): show it as `t(detail.text, detail.vars)`. */
  detail?: { text: string; vars: TranslationVars };
  code: RefusalCode;
}

export interface FileValidation {
  accepted: File[];
  refused: RefusedFile[];
}

export const DEFAULT_MAX_COUNT = 10;

/** `type/subtype` in lower case, without parameters (`''` when the browser does not know it). */
export const mimeTypeOf = (file: { type: string }) => file.type.split(';')[0]!.trim().toLowerCase();

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
};

/** Does `pattern` (`image/png`, `image/*`, `*\/*`) cover `mimeType`? */
export function mimeMatches(pattern: string, mimeType: string): boolean {
  const wanted = pattern.trim().toLowerCase();
  if (wanted === '*' || wanted === '*/*') return true;
  if (!mimeType) return false;
  if (wanted.endsWith('/*')) return mimeType.startsWith(wanted.slice(0, -1));
  return wanted === mimeType;
}

export function isAccepted(file: File, accept: Record<string, string[]> | undefined): boolean {
  const entries = Object.entries(accept ?? {});
  if (entries.length === 0) return true;
  const mimeType = mimeTypeOf(file);
  const extension = extensionOf(file.name);
  return entries.some(
    ([pattern, extensions]) =>
      mimeMatches(pattern, mimeType) ||
      (extension !== '' &&
        Array.isArray(extensions) &&
        extensions.some((e) => e.toLowerCase() === extension)),
  );
}

const validLimit = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The size limit for a file: the number, or the most specific matching MIME entry (exact, `type/*`, `*`). */
export function maxSizeFor(file: File, maxSize: FileLimits['maxSize']): number | undefined {
  if (maxSize === undefined || maxSize === null) return undefined;
  if (typeof maxSize === 'number') return validLimit(maxSize) ? maxSize : undefined;
  const mimeType = mimeTypeOf(file);
  const entries = Object.entries(maxSize).filter(
    ([pattern, limit]) => validLimit(limit) && mimeMatches(pattern, mimeType),
  );
  const specificity = (pattern: string) => {
    const p = pattern.trim();
    return p === '*' || p === '*/*' ? 0 : p.endsWith('/*') ? 1 : 2;
  };
  entries.sort(([a], [b]) => specificity(b) - specificity(a));
  return entries[0]?.[1];
}

/** Splits `files` into those that may be attached and those refused, with a reason for each. */
export function validateFiles(files: File[], limits: FileLimits = {}): FileValidation {
  const maxCount = validLimit(limits.maxCount) ? Math.floor(limits.maxCount) : DEFAULT_MAX_COUNT;
  let room = Math.max(0, maxCount - Math.max(0, limits.existingCount ?? 0));
  const accepted: File[] = [];
  const refused: RefusedFile[] = [];
  for (const file of files) {
    if (!isAccepted(file, limits.accept)) {
      refused.push({ file, code: 'type', reason: msg('This file type is not accepted') });
      continue;
    }
    const limit = maxSizeFor(file, limits.maxSize);
    if (limit !== undefined && file.size > limit) {
      refused.push({
        file,
        code: 'size',
        reason: msg('This file is too large'),
        detail: {
          text: msg('This file is too large (maximum {size})'),
          vars: { size: formatBytes(limit, limits.locale) },
        },
      });
      continue;
    }
    if (file.size === 0) {
      refused.push({ file, code: 'empty', reason: msg('This file is empty') });
      continue;
    }
    if (room === 0) {
      refused.push({
        file,
        code: 'count',
        reason: msg('Too many files'),
        detail: { text: msg('You can attach at most {count} files'), vars: { count: maxCount } },
      });
      continue;
    }
    room -= 1;
    accepted.push(file);
  }
  return { accepted, refused };
}

/** The `accept` attribute of a file input for these options (`''` accepts everything). */
export function acceptAttribute(accept: Record<string, string[]> | undefined): string {
  const parts = Object.entries(accept ?? {}).flatMap(([mimeType, extensions]) => [
    mimeType,
    ...(Array.isArray(extensions) ? extensions : []),
  ]);
  return [...new Set(parts)].join(',');
}
