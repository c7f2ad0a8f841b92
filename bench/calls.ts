// `npm run bench:calls`: 200 simulated calls arriving at once, through the real app and router,
// against the simulator's own floor (a bare ARI app that only answers and bridges) in the same run.
// Settings: BENCH_CALLS (default 200), BENCH_AGENTS (default 20, under the demo limit of 25 agents).
import { createAriClient } from '../apps/api/src/telephony/ari/index';
import { startAriSimulator, type AriSimulator } from '../apps/api/src/telephony/simulator/simulator';
import { createCallLab } from '../apps/api/test/call-lab';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(2).padStart(8)} ms  p99 ${pct(xs, 99).toFixed(2).padStart(8)} ms`;

/** StasisStart → the caller entering a bridge, per caller channel, measured on the simulator's side. */
function routingLatencies(sim: AriSimulator, callerPrefix: string) {
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const off = sim.onEvent((e) => {
    const ev = e as { type: string; channel?: { id: string; caller?: { number?: string } } };
    if (!ev.channel?.caller?.number?.startsWith(callerPrefix)) return;
    if (ev.type === 'StasisStart') started.set(ev.channel.id, performance.now());
    if (ev.type === 'ChannelEnteredBridge') {
      const t0 = started.get(ev.channel.id);
      if (t0 !== undefined) {
        latencies.push(performance.now() - t0);
        started.delete(ev.channel.id);
      }
    }
  });
  return { latencies, off };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 120_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The floor: a bare ARI app on the same simulator code, answering and bridging with no database. */
async function floor() {
  const sim = await startAriSimulator({ timeScale: 0.02 });
  const client = createAriClient({
    name: 'floor',
    url: sim.url,
    username: sim.username,
    password: sim.password,
    app: sim.app,
  });
  const handling: number[] = [];
  let bridgeId: string | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  client.events.onAny((e) => {
    const t0 = performance.now();
    chain = chain.then(async () => {
      if (e.type === 'StasisStart') {
        const id = (e as unknown as { channel: { id: string } }).channel.id;
        await client.channels.answer(id);
        bridgeId ??= (await client.bridges.create({ type: 'holding', name: 'floor' })).id;
        await client.bridges.addChannel(bridgeId, { channel: id });
      }
      handling.push(performance.now() - t0);
    });
  });
  client.connect();
  await until(() => client.events.state === 'connected', 'floor connected');
  const routing = routingLatencies(sim, '+1666');
  for (let i = 0; i < CALLS; i++)
    sim.placeCall({ from: `+1666${String(i).padStart(7, '0')}`, to: '+15550000000' });
  await until(() => routing.latencies.length >= CALLS, 'floor routed every call');
  routing.off();
  await client.close();
  await sim.stop();
  return { routing: routing.latencies, handling };
}

async function switchboard() {
  const lab = await createCallLab({
    agents: AGENTS,
    queue: { strategy: 'rrmemory', wrapup_seconds: 0, ring_timeout_seconds: 15 },
  });
  try {
    for (const a of lab.agents) {
      lab.phone(a, { mode: 'answer', afterMs: 1000 });
      await lab.setState(a, 'available');
    }
    const router = lab.t.app.container.telephony.router();
    const handling: number[] = [];
    const original = router.handle.bind(router);
    router.handle = (event) => {
      const t0 = performance.now();
      return original(event).then(() => {
        handling.push(performance.now() - t0);
      });
    };
    const routing = routingLatencies(lab.sim, '+1777');
    const t0 = performance.now();
    const calls = new Map(
      Array.from({ length: CALLS }, (_, i) => {
        const from = `+1777${String(i).padStart(7, '0')}`;
        return [from, lab.sim.placeCall({ from, to: lab.did })] as const;
      }),
    );
    await until(() => routing.latencies.length >= CALLS, 'every caller routed into the queue');
    const routedAll = performance.now() - t0;
    // Each caller talks briefly once an agent has answered, then hangs up, freeing the agent.
    const hangUpConnected = setInterval(async () => {
      const [rows] = (await lab.t.app.container.dbHandle.pool.query(
        "SELECT caller_number FROM call_records WHERE tenant_id = ? AND status = 'connected' AND answered_at < UTC_TIMESTAMP(3) - INTERVAL 0.05 SECOND",
        [lab.tenant.tenantId],
      )) as unknown as [{ caller_number: string }[]];
      for (const r of rows) calls.get(r.caller_number)?.hangup();
    }, 50);
    await Promise.all([...calls.values()].map((c) => c.ended));
    clearInterval(hangUpConnected);
    await until(async () => {
      const [row] = (await lab.t.app.container.dbHandle.pool.query(
        "SELECT COUNT(*) AS n FROM call_records WHERE tenant_id = ? AND status = 'ended' AND disposition = 'answered'",
        [lab.tenant.tenantId],
      )) as unknown as [{ n: number }[]];
      return Number(row[0]?.n) >= CALLS;
    }, 'every call answered and closed');
    const allDone = performance.now() - t0;
    routing.off();
    return { routing: routing.latencies, handling, routedAll, allDone };
  } finally {
    await lab.close();
  }
}

console.log(`${CALLS} concurrent simulated calls, ${AGENTS} agents (simulator time ×0.02)\n`);
const base = await floor();
const sb = await switchboard();
const ratio = (a: number[], b: number[], p: number) => (pct(a, p) / pct(b, p)).toFixed(1);
console.log(`floor   routing (StasisStart → in a bridge)   ${fmt(base.routing)}`);
console.log(
  `router  routing (StasisStart → holding bridge) ${fmt(sb.routing)}   ×${ratio(sb.routing, base.routing, 50)} p50, ×${ratio(sb.routing, base.routing, 99)} p99 vs floor`,
);
console.log(`floor   event handling                        ${fmt(base.handling)}`);
console.log(
  `router  event handling (queue wait + work)    ${fmt(sb.handling)}   ×${ratio(sb.handling, base.handling, 50)} p50, ×${ratio(sb.handling, base.handling, 99)} p99 vs floor`,
);
console.log(
  `router  ${sb.handling.length} events; all ${CALLS} callers queued in ${sb.routedAll.toFixed(0)} ms; all answered and closed in ${sb.allDone.toFixed(0)} ms`,
);
process.exit(0);
