/** One timed operation; throws on a wrong answer so a broken endpoint cannot look fast. */
export type Operation = () => Promise<void>;

export type Stats = { count: number; p50: number; p99: number; mean: number; opsPerSecond: number };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/**
 * Runs `op` `warmup` times unmeasured, then `count` times with `concurrency` in flight, and
 * returns latency percentiles in milliseconds.
 */
export async function measure(
  op: Operation,
  opts: { count: number; concurrency: number; warmup: number },
): Promise<Stats> {
  for (let i = 0; i < opts.warmup; i++) await op();
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < opts.count) {
      next += 1;
      const t0 = performance.now();
      await op();
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const elapsed = performance.now() - started;
  samples.sort((a, b) => a - b);
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    opsPerSecond: (samples.length / elapsed) * 1000,
  };
}

/** Fails the operation unless the HTTP answer has the expected status. */
export async function expectStatus(res: Response, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}
