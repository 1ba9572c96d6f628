import { randomBytes } from 'node:crypto';

/** A new id with a readable prefix (`kc_` collections, `kd_` documents). */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(8).toString('hex')}`;

/** A chunk id: derived from its document and position so citations stay stable across re-reads. */
export const chunkId = (documentId: string, ordinal: number): string =>
  `${documentId.replace(/^kd_/, 'kp_')}_${ordinal}`;
