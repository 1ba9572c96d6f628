/** The constant of reciprocal rank fusion (the usual 60: dampens the head of each list). */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) for every id it holds; ids are
 * returned by total, best first. Needs no score calibration between BM25 and cosine.
 */
export function reciprocalRankFusion(
  lists: string[][],
  k = RRF_K,
): Array<{ id: string; score: number }> {
  const totals = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, index) => totals.set(id, (totals.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...totals.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
