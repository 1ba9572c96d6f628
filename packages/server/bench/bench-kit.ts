/** Small shared pieces for the benchmarks: timing, percentiles, GC, printing. */

export const gc = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** CPU milliseconds (user + system) this process has used: other processes' load barely moves it. */
export const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function cpuTime(fn: () => Promise<void>): Promise<number> {
  const start = cpuMs();
  await fn();
  return cpuMs() - start;
}

/**
 * Runs `a` and `b` alternately for `rounds` rounds after a warm-up and returns the median CPU time
 * of each (on a shared machine wall time swings with other processes' load; CPU time barely does).
 * No forced GC between runs: a full collection before each run shrinks the young generation and
 * penalises whichever side allocates more, which is not what a server sees.
 */
export async function alternate(
  rounds: number,
  a: () => Promise<void>,
  b: () => Promise<void>,
): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ta.push(await cpuTime(a));
    tb.push(await cpuTime(b));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(ta), median(tb)];
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
export const ratio = (measuredMs: number, baselineMs: number): string =>
  `${fmt(measuredMs / baselineMs, 2)}×`;
