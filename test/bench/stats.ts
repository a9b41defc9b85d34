/** Percentile by nearest rank over a copy of the samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function summary(samples: number[]): string {
  const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
  return `p50 ${ms(percentile(samples, 50))}  p95 ${ms(percentile(samples, 95))}  (n=${samples.length})`;
}

/** Wall-clock milliseconds of `runs` calls of `fn`, one after another. */
export async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Wall-clock milliseconds of `runs` calls each of `a` and `b`, alternating after a few unmeasured
 * warm-up calls, so that neither side is timed under conditions the other escapes (a pending
 * garbage collection left by earlier work, a cold statement cache, a busy moment of the machine).
 */
export async function timeAlternating(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
): Promise<[number[], number[]]> {
  for (let i = 0; i < 5; i++) {
    await a();
    await b();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [side, fn] of [a, b].entries()) {
      const started = performance.now();
      await fn();
      samples[side]!.push(performance.now() - started);
    }
  }
  return samples;
}
