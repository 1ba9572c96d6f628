/**
 * Position of a row: creation time (ms), then a strictly increasing insertion sequence, so items
 * created in the same millisecond keep their insertion order (docs/protocol.md §1.3, §7.2).
 */
export interface SortKey {
  createdMs: number;
  seq: number;
}

export const compareKeys = (a: SortKey, b: SortKey): number =>
  a.createdMs - b.createdMs || a.seq - b.seq;

/** Milliseconds since the epoch of an ISO-8601 timestamp; naive timestamps are read as UTC. */
export function parseCreatedAt(value: string): number {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone || !value.includes('T') ? value : `${value}Z`);
  return Number.isNaN(ms) ? 0 : ms;
}
