/** Item kinds that get generated ids, and their prefixes (docs/protocol.md §7.1). */
export const ID_PREFIXES = {
  thread: 'thr',
  message: 'msg',
  tool_call: 'tc',
  task: 'tsk',
  workflow: 'wf',
  attachment: 'atc',
  sdk_hidden_context: 'shcx',
} as const;
export type StoreItemType = Exclude<keyof typeof ID_PREFIXES, 'thread' | 'attachment'>;

/**
 * `<prefix>_<24 hex>` from crypto randomness. The reference uses 8 hex chars of a UUID, which
 * collides after ~65k ids per prefix; 96 random bits do not (see docs/protocol-deviations.md).
 */
export function defaultGenerateId(type: keyof typeof ID_PREFIXES): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${ID_PREFIXES[type]}_${hex}`;
}
