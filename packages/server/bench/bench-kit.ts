/** Small shared pieces for the benchmarks: timing, percentiles, GC, printing. */

export const gc = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Best of `runs` after one warm-up, so a GC pause or a JIT tier-up in one run does not decide the figure. */
export async function best(runs: number, fn: () => Promise<void>): Promise<number> {
  await fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    const { ms } = await time(fn);
    min = Math.min(min, ms);
  }
  return min;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}`);
  console.table(rows);
}

/** How many times slower `measured` is than `baseline` (1.00 = same speed). */
export const ratio = (measuredMs: number, baselineMs: number): string => `${fmt(measuredMs / baselineMs, 2)}×`;
