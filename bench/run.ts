// `npm run bench [-- name-filter]`: each scenario against a raw baseline measured in the same run.
// Settings: BENCH_REQUESTS (default 2000), BENCH_CONCURRENCY (default 10), BENCH_WARMUP (default 200).
import { createBenchContext } from './context';
import { measure, type Stats } from './measure';
import { scenarios } from './scenarios';

const count = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 200);
const filter = process.argv[2]?.toLowerCase();

const selected = scenarios.filter(
  (s) =>
    !filter ||
    s.name.toLowerCase().includes(filter) ||
    scenarios.some((o) => o.baseline === s.name && o.name.toLowerCase().includes(filter)),
);
if (selected.length === 0) {
  console.error(`no scenario matches "${filter}"; scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(1);
}

const ctx = createBenchContext();
const results = new Map<string, Stats>();
let failed = false;
console.log(`${count} requests per scenario, ${concurrency} in flight, ${warmup} warm-up\n`);
try {
  for (const scenario of selected) {
    try {
      const op = await scenario.prepare(ctx);
      const stats = await measure(op, { count, concurrency, warmup });
      results.set(scenario.name, stats);
      const base = scenario.baseline ? results.get(scenario.baseline) : undefined;
      const ratio = base
        ? `  ×${(stats.p50 / base.p50).toFixed(1)} p50, ×${(stats.p99 / base.p99).toFixed(1)} p99 vs ${scenario.baseline}`
        : '';
      console.log(
        `${scenario.name.padEnd(32)} p50 ${stats.p50.toFixed(2).padStart(7)} ms  p99 ${stats.p99.toFixed(2).padStart(7)} ms  ${stats.opsPerSecond.toFixed(0).padStart(6)}/s${ratio}`,
      );
    } catch (e) {
      failed = true;
      console.error(`${scenario.name}: FAILED ${(e as Error).message}`);
    }
  }
} finally {
  await ctx.close();
}
process.exit(failed ? 1 : 0);
