// `npm run bench:calls`: simulated calls through the real app and router (issue 8), each figure next
// to the same figure for a bare ARI app (the floor) measured in the same run on the same simulator.
//
// The floor is a bare ACD with no database: it answers a caller, puts it in its DID's holding
// bridge, rings a free phone of that DID (create + dial, as the router does) and bridges the two on
// answer; events run one after another per call, calls side by side (as the router's lanes).
// Both run on the simulator at time ×0.02 (call-lab's SCALE): phones answer 1 s (20 ms) after ringing.
// The figures, in order:
//   1. routing: BENCH_CALLS callers arriving at once, spread over BENCH_TENANTS tenants (each its own
//      DID, queue and BENCH_AGENTS agents): StasisStart → the caller in a bridge, p50/p99, the ratio
//      to the floor; PASS when the router's p99 is within 2× the floor's.
//   2. event handling at a sustained BENCH_EVENTS_PER_SECOND: calls arrive evenly for
//      BENCH_SUSTAIN_SECONDS at the rate that gives that many ARI events a second (events per call
//      measured in phase 1); each is answered by an agent and hung up (by the caller or the agent,
//      alternately) BENCH_TALK_MS after they meet. Per-event handle time = router.handle's promise
//      (lane wait + work), over the steady window (the first second left out); the achieved
//      events/s is printed. PASS when p99 < 10 ms.
//   3. offer latency, from the same calls: the caller's StasisStart → the first Dial of an agent's
//      leg for that call (the phone rung), only for callers whose queue had a free phone when they
//      arrived (no leg on it for BENCH_FREE_GRACE_MS and, for the router, its agent `available` in
//      agent_states, read every 20 ms). PASS when p99 < 50 ms.
//   4. BENCH_BIG_CALLS callers at once over the same tenants: every call record ends with a
//      disposition, every simulated channel is gone, the router tracks no call, no agent is left
//      ringing or on a call (agent_states), and no phone ever had two legs at once (no double
//      offer, seen on the simulator) nor a call two offers without a miss (call_events).
// Settings (environment): BENCH_TENANTS (10), BENCH_AGENTS (10 per tenant), BENCH_CALLS (200),
// BENCH_EVENTS_PER_SECOND (1000), BENCH_SUSTAIN_SECONDS (8), BENCH_TALK_MS (100, real ms),
// BENCH_HANGUP (both: callers and agents hang up by turns; caller; agent), BENCH_RING_TIMEOUT (15,
// the queues' ring timeout in simulated seconds: 0.3 s real), BENCH_BIG_CALLS (1000),
// BENCH_FREE_GRACE_MS (250), BENCH_SETTLE_SECONDS (90: the most a phase may take to finish) and
// BENCH_STALL_SECONDS (10: a phase in which no call ended for that long is over); what is left
// then is reported stuck (phase 4: checked first) and hung up before the next phase. DATABASE_POOL_SIZE reaches
// the lab's app (product default 10). The lab tenants' limits are raised to fit (agents, users,
// endpoints, concurrent calls) through the test helpers' tenant limits, not the product defaults.
// Exits 1 when a check of phase 4 fails (lost or stuck calls, double offers); targets only print.
import { createAriClient } from '../apps/api/src/telephony/ari/index';
import { startAriSimulator, type AriSimulator } from '../apps/api/src/telephony/simulator/simulator';
import { hangupChannel } from '../apps/api/src/telephony/simulator/channels';
import type { CallHandle } from '../apps/api/src/telephony/simulator/script';
import { createCallLab, SCALE, type CallLab } from '../apps/api/test/call-lab';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const TENANTS = Math.round(setting('BENCH_TENANTS', 10));
const AGENTS = Math.round(setting('BENCH_AGENTS', 10));
const CALLS = Math.round(setting('BENCH_CALLS', 200));
const EVENTS_PER_SECOND = setting('BENCH_EVENTS_PER_SECOND', 1000);
const SUSTAIN_SECONDS = setting('BENCH_SUSTAIN_SECONDS', 8);
const TALK_MS = setting('BENCH_TALK_MS', 100);
const HANGUP = process.env.BENCH_HANGUP ?? 'both';
if (!['both', 'caller', 'agent'].includes(HANGUP))
  throw new Error('BENCH_HANGUP must be both, caller or agent');
const RING_TIMEOUT = Math.round(setting('BENCH_RING_TIMEOUT', 15));
const BIG_CALLS = Math.round(setting('BENCH_BIG_CALLS', 1000));
const FREE_GRACE_MS = setting('BENCH_FREE_GRACE_MS', 250);
const SETTLE_MS = setting('BENCH_SETTLE_SECONDS', 90) * 1000;
const STALL_MS = setting('BENCH_STALL_SECONDS', 10) * 1000;
/** Phones answer one simulated second after ringing (20 ms real at ×0.02). */
const ANSWER_AFTER_MS = 1000;
const WARMUP_MS = 1000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
const fmt = (xs: number[]) => `p50 ${ms(pct(xs, 50))}  p99 ${ms(pct(xs, 99))}`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

type Sample = { at: number; ms: number };
type CallTrace = {
  phase: string;
  index: number;
  startedAt: number;
  bridgedAt?: number;
  offeredAt?: number;
  /** The caller's DID had a phone with no leg (for FREE_GRACE_MS) when the caller arrived. */
  freePhone: boolean;
  offers: number;
};

/**
 * Watches one simulator: per caller, StasisStart → first bridge and → first agent Dial; per phone,
 * how many legs it has at once (two is a double offer). Hangs up the caller or the agent (BENCH_HANGUP;
 * by turns: each DID's calls alternate) TALK_MS after they meet in a mixing bridge. Everything is
 * read on the simulator's side.
 */
function watch(
  sim: AriSimulator,
  phonesByDid: Map<string, string[]>,
  /** The app's own view, where it has one: is this phone's agent available (agent_states)? */
  agentAvailable: (phone: string) => boolean = () => true,
) {
  const { core } = sim;
  const phones = new Set([...phonesByDid.values()].flat());
  const legs = new Map<string, number>();
  const idleSince = new Map<string, number>();
  const calls = new Map<string, CallTrace>();
  /** What the simulator emitted for each call (by the caller channel's id), to show a stuck call. */
  const trails = new Map<string, string[]>();
  const doubleOffers: string[] = [];
  let phase = '';
  let index = 0;
  let legsCreated = 0;
  const timers = new Set<NodeJS.Timeout>();
  const phoneOf = (id: string) => {
    const resource = core.channels.get(id)?.endpoint?.resource;
    return resource && phones.has(resource) ? resource : undefined;
  };
  const hangUpLater = (callerId: string, trace: CallTrace) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const caller = core.channels.get(callerId);
      if (!caller || caller.destroyed) return;
      const bridge = caller.bridgeId ? core.bridges.get(caller.bridgeId) : undefined;
      const agentId = bridge?.json.channels.find((id) => id !== callerId);
      const agent = agentId ? core.channels.get(agentId) : undefined;
      const byAgent =
        HANGUP === 'agent' || (HANGUP === 'both' && Math.floor(trace.index / phonesByDid.size) % 2 === 1);
      hangupChannel(core, byAgent && agent ? agent : caller, 'remote');
    }, TALK_MS);
    timers.add(timer);
  };
  // Asterisk sends an app some events twice (its channel on an endpoint it also follows), as the
  // simulator does, the same message: each is counted once.
  const seen = new WeakSet<object>();
  const off = sim.onEvent((e) => {
    if (seen.has(e)) return;
    seen.add(e);
    const now = performance.now();
    const ev = e as unknown as {
      type: string;
      args?: string[];
      dialstatus?: string;
      channel?: { id: string };
      peer?: { id: string };
      bridge?: { bridge_type: string };
    };
    const id = ev.channel?.id;
    const about = id ?? ev.peer?.id;
    const linked = about ? core.channels.get(about)?.linkedid : undefined;
    if (about && linked) {
      const kind = about === linked ? 'caller' : (core.channels.get(about)?.endpoint?.resource ?? about);
      const extra = ev.dialstatus ?? ev.bridge?.bridge_type ?? '';
      const line = `+${(now - (calls.get(linked)?.startedAt ?? now)).toFixed(0)}ms ${ev.type} ${kind}${extra ? ` ${extra}` : ''}`;
      const trail = trails.get(linked) ?? [];
      trail.push(line);
      trails.set(linked, trail);
    }
    switch (ev.type) {
      case 'StasisStart': {
        if (!id || ev.args?.[0] !== 'inbound' || !core.channels.get(id)?.inbound) return;
        const did = ev.args[1] ?? '';
        const free = (phonesByDid.get(did) ?? []).some(
          (p) => !legs.get(p) && now - (idleSince.get(p) ?? -Infinity) >= FREE_GRACE_MS && agentAvailable(p),
        );
        calls.set(id, { phase, index: index++, startedAt: now, freePhone: free, offers: 0 });
        return;
      }
      case 'ChannelEnteredBridge': {
        const trace = id ? calls.get(id) : undefined;
        if (!id || !trace) return;
        trace.bridgedAt ??= now;
        if (ev.bridge?.bridge_type === 'mixing') hangUpLater(id, trace);
        return;
      }
      case 'ChannelCreated': {
        const phone = id && phoneOf(id);
        if (!phone) return;
        legsCreated += 1;
        const n = (legs.get(phone) ?? 0) + 1;
        legs.set(phone, n);
        if (n > 1) doubleOffers.push(`${phone}: ${n} legs at once (new leg ${id})`);
        return;
      }
      case 'ChannelDestroyed': {
        const phone = id && phoneOf(id);
        if (!phone) return;
        legs.set(phone, (legs.get(phone) ?? 1) - 1);
        idleSince.set(phone, now);
        return;
      }
      case 'Dial': {
        if (ev.dialstatus !== '' || !ev.peer) return;
        const trace = calls.get(core.channels.get(ev.peer.id)?.linkedid ?? '');
        if (!trace) return;
        trace.offers += 1;
        trace.offeredAt ??= now;
        return;
      }
    }
  });
  return {
    calls,
    trails,
    doubleOffers,
    legsCreated: () => legsCreated,
    phase(name: string) {
      phase = name;
    },
    get current() {
      return phase;
    },
    of: (name: string) => [...calls.values()].filter((c) => c.phase === name),
    stop() {
      off();
      for (const t of timers) clearTimeout(t);
    },
  };
}
type Watch = ReturnType<typeof watch>;

const numberFor = (prefix: string, i: number) => `${prefix}${String(i).padStart(7, '0')}`;

/** `n` callers at once, round robin over the DIDs. */
function placeBurst(sim: AriSimulator, dids: string[], n: number, prefix: string): CallHandle[] {
  return Array.from({ length: n }, (_, i) =>
    sim.placeCall({ from: numberFor(prefix, i), to: dids[i % dids.length]! }),
  );
}

/** Callers arriving evenly at `perSecond` for `seconds`, round robin over the DIDs. */
async function placeSteadily(
  sim: AriSimulator,
  dids: string[],
  perSecond: number,
  seconds: number,
  prefix: string,
) {
  const handles: CallHandle[] = [];
  const t0 = performance.now();
  const total = Math.round(perSecond * seconds);
  while (handles.length < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * perSecond) + 1);
    while (handles.length < due)
      handles.push(
        sim.placeCall({ from: numberFor(prefix, handles.length), to: dids[handles.length % dids.length]! }),
      );
    await sleep(5);
  }
  return { handles, t0, t1: performance.now() };
}

/**
 * Waits for a phase's calls to end on the simulator and for the app to settle, for at most
 * SETTLE_MS, and gives up sooner when no call has ended for STALL_MS (what is left is stuck).
 */
async function settle(handles: CallHandle[], settled: () => Promise<boolean>) {
  let ended = 0;
  for (const h of handles) void h.ended.then(() => (ended += 1));
  const deadline = Date.now() + SETTLE_MS;
  let seen = -1;
  let progressAt = Date.now();
  while (Date.now() < deadline) {
    if (ended >= handles.length && (await settled())) return { ended, settled: true };
    if (ended !== seen) [seen, progressAt] = [ended, Date.now()];
    else if (Date.now() - progressAt > STALL_MS) break;
    await sleep(100);
  }
  return { ended, settled: false };
}

/** Settles a phase; what is left is counted as stuck and hung up, so the next phase starts clean. */
async function finishPhase(sim: AriSimulator, handles: CallHandle[], settled: () => Promise<boolean>) {
  const end = await settle(handles, settled);
  if (end.settled) return { stuck: 0, settled: true };
  for (const channel of [...sim.core.channels.values()]) hangupChannel(sim.core, channel, 'remote');
  return { stuck: handles.length - end.ended, settled: await until(settled, 10_000) };
}

const inWindow = (samples: Sample[], from: number, to: number) =>
  samples.filter((s) => s.at >= from && s.at < to);

type PhaseEnd = { stuck: number; settled: boolean };
type PhaseFigures = {
  routing: number[];
  left: { burst: PhaseEnd; steady: PhaseEnd };
  eventsPerCall: number;
  steady: {
    handle: number[];
    eventsPerSecond: number;
    offer: number[];
    offerSkipped: number;
    offersMissing: number;
  };
};

/** The floor: a bare ACD on the same simulator code, with no database. */
async function floor(): Promise<PhaseFigures> {
  const sim = await startAriSimulator({ timeScale: SCALE });
  const phonesByDid = new Map<string, string[]>();
  for (let t = 0; t < TENANTS; t++) {
    const phones = Array.from({ length: AGENTS }, (_, i) => `floor${t}_${2001 + i}`);
    for (const resource of phones)
      sim.addEndpoint({
        resource,
        registered: true,
        behaviour: { mode: 'answer', afterMs: ANSWER_AFTER_MS },
      });
    phonesByDid.set(`+1444${String(t).padStart(7, '0')}`, phones);
  }
  const dids = [...phonesByDid.keys()];
  const client = createAriClient({
    name: 'floor',
    url: sim.url,
    username: sim.username,
    password: sim.password,
    app: sim.app,
  });
  const handled: Sample[] = [];
  const free = new Map([...phonesByDid].map(([did, p]) => [did, [...p]]));
  const waiting = new Map(dids.map((d) => [d, [] as string[]]));
  type FloorCall = { did: string; leg?: string; phone?: string; bridge?: string; done: boolean };
  const calls = new Map<string, FloorCall>();
  const callerOfLeg = new Map<string, string>();
  const holding = new Map<string, Promise<string>>();
  const lanes = new Map<string, Promise<void>>();
  let legSeq = 0;
  const ignore = () => undefined;
  const inLane = (key: string, fn: () => Promise<void>) => {
    const next = (lanes.get(key) ?? Promise.resolve()).then(fn).catch(ignore);
    lanes.set(key, next);
    void next.then(() => lanes.get(key) === next && lanes.delete(key));
    return next;
  };
  const holdingBridge = (did: string) => {
    let b = holding.get(did);
    if (!b) {
      b = client.bridges.create({ type: 'holding', name: `floor-${did}` }).then((x) => x.id);
      holding.set(did, b);
    }
    return b;
  };
  const offer = async (callerId: string) => {
    const call = calls.get(callerId);
    if (!call || call.done || call.leg) return;
    const phone = free.get(call.did)!.shift();
    if (!phone) return void waiting.get(call.did)!.push(callerId);
    const leg = `floor-leg-${legSeq++}`;
    call.leg = leg;
    call.phone = phone;
    callerOfLeg.set(leg, callerId);
    await client.channels.create({
      endpoint: `PJSIP/${phone}`,
      app: sim.app,
      appArgs: `agent,${callerId}`,
      channelId: leg,
      originator: callerId,
    });
    await client.channels.dial(leg, { caller: callerId, timeout: 15 });
  };
  /** A phone's leg is gone: the phone is free for the next waiting caller of its DID. */
  const phoneFree = (did: string, phone: string) => {
    const queue = waiting.get(did)!;
    free.get(did)!.push(phone);
    while (queue.length) {
      const next = queue.shift()!;
      if (calls.get(next)?.done === false) return void inLane(next, () => offer(next));
    }
  };
  const handle = async (e: Record<string, unknown> & { type: string }) => {
    const channelId = (e.channel as { id?: string } | undefined)?.id;
    if (e.type === 'StasisStart' && channelId) {
      const args = e.args as string[];
      if (args[0] !== 'inbound') return;
      const did = args[1]!;
      calls.set(channelId, { did, done: false });
      await client.channels.answer(channelId);
      await Promise.all([
        offer(channelId),
        holdingBridge(did).then((b) => client.bridges.addChannel(b, { channel: channelId })),
      ]);
    } else if (e.type === 'Dial' && e.dialstatus === 'ANSWER') {
      const leg = (e.peer as { id: string }).id;
      const callerId = callerOfLeg.get(leg);
      const call = callerId ? calls.get(callerId) : undefined;
      if (!call || call.done || !callerId) return void (await client.channels.hangup(leg).catch(ignore));
      call.bridge = (await client.bridges.create({ type: 'mixing' })).id;
      await client.bridges.addChannel(call.bridge, { channel: [callerId, leg] });
    } else if (e.type === 'ChannelDestroyed' && channelId) {
      const callerId = callerOfLeg.get(channelId);
      if (callerId) {
        const call = calls.get(callerId)!;
        callerOfLeg.delete(channelId);
        const phone = call.phone!;
        call.leg = call.phone = undefined;
        phoneFree(call.did, phone);
        if (call.done) return void calls.delete(callerId);
        if (call.bridge) await client.channels.hangup(callerId).catch(ignore);
        else await offer(callerId);
        return;
      }
      const call = calls.get(channelId);
      if (!call) return;
      call.done = true;
      // The call is forgotten once its leg is gone (that frees the phone), or now if it has none.
      if (!call.leg) calls.delete(channelId);
      else await client.channels.hangup(call.leg).catch(ignore);
      if (call.bridge) await client.bridges.destroy(call.bridge).catch(ignore);
    }
  };
  client.events.onAny((e) => {
    const t0 = performance.now();
    const ev = e as unknown as Record<string, unknown> & { type: string };
    const id =
      (ev.channel as { id?: string } | undefined)?.id ??
      (ev.type === 'Dial' ? (ev.peer as { id: string }).id : undefined);
    const key = id ? (callerOfLeg.get(id) ?? id) : 'other';
    void inLane(key, async () => {
      await handle(ev).catch(ignore);
      handled.push({ at: t0, ms: performance.now() - t0 });
    });
  });
  client.connect();
  await until(() => client.events.state === 'connected', 10_000);
  const w = watch(sim, phonesByDid);
  try {
    return await runPhases(sim, dids, w, handled, async () => true);
  } finally {
    w.stop();
    await client.close();
    await sim.stop();
  }
}

/** Phases 1–3 on one simulator, against whichever app is connected to it. */
async function runPhases(
  sim: AriSimulator,
  dids: string[],
  w: Watch,
  handled: Sample[],
  settled: (prefix: string, n: number) => Promise<boolean>,
): Promise<PhaseFigures> {
  w.phase('burst');
  const b0 = performance.now();
  const burst = placeBurst(sim, dids, CALLS, '+1777');
  const burstEnd = await finishPhase(sim, burst, () => settled('+1777', CALLS));
  const eventsPerCall = inWindow(handled, b0, performance.now()).length / CALLS;
  const routing = w
    .of('burst')
    .flatMap((c) => (c.bridgedAt !== undefined ? [c.bridgedAt - c.startedAt] : []));

  w.phase('steady');
  const perSecond = EVENTS_PER_SECOND / Math.max(1, eventsPerCall);
  const steady = await placeSteadily(sim, dids, perSecond, SUSTAIN_SECONDS, '+1778');
  const from = steady.t0 + Math.min(WARMUP_MS, (steady.t1 - steady.t0) / 4);
  const window = inWindow(handled, from, steady.t1);
  const steadyEnd = await finishPhase(sim, steady.handles, () => settled('+1778', steady.handles.length));
  const steadyCalls = w.of('steady');
  const eligible = steadyCalls.filter((c) => c.freePhone);
  return {
    routing,
    eventsPerCall,
    left: { burst: burstEnd, steady: steadyEnd },
    steady: {
      handle: window.map((s) => s.ms),
      eventsPerSecond: window.length / ((steady.t1 - from) / 1000),
      offer: eligible.flatMap((c) => (c.offeredAt !== undefined ? [c.offeredAt - c.startedAt] : [])),
      offerSkipped: steadyCalls.length - eligible.length,
      offersMissing: eligible.filter((c) => c.offeredAt === undefined).length,
    },
  };
}

type Row = Record<string, unknown>;
const query = async (lab: CallLab, sql: string, params: unknown[] = []) =>
  ((await lab.t.app.container.dbHandle.pool.query(sql, params)) as unknown as [Row[]])[0];

async function switchboard() {
  const perTenantCalls = Math.ceil(Math.max(CALLS, BIG_CALLS) / TENANTS);
  const setup0 = performance.now();
  const lab = await createCallLab({
    tenants: TENANTS,
    agents: AGENTS,
    queue: { strategy: 'rrmemory', wrapup_seconds: 0, ring_timeout_seconds: RING_TIMEOUT },
    limits: {
      agents: Math.max(25, AGENTS),
      users: Math.max(50, AGENTS + 10),
      endpoints: Math.max(50, AGENTS + 10),
      concurrent_calls: Math.max(30, perTenantCalls),
    },
  });
  const tenantIds = lab.tenants.map((t) => t.tenant.tenantId);
  const inTenants = `tenant_id IN (${tenantIds.map(() => '?').join(',')})`;
  try {
    for (const t of lab.tenants)
      for (const a of t.agents) {
        lab.phone(a, { mode: 'answer', afterMs: ANSWER_AFTER_MS });
        await lab.setState(a, 'available');
      }
    const setupMs = performance.now() - setup0;
    const router = lab.t.app.container.telephony.router();
    const handled: Sample[] = [];
    const original = router.handle.bind(router);
    router.handle = (event) => {
      const t0 = performance.now();
      return original(event).then(() => {
        handled.push({ at: t0, ms: performance.now() - t0 });
      });
    };
    const phonesByDid = new Map(lab.tenants.map((t) => [t.did, t.agents.map((a) => a.araId)]));
    const dids = [...phonesByDid.keys()];
    // Which agents the database says are available, read every 20 ms: a caller counts for the offer
    // latency only if its queue had an agent available there and a phone with no leg on the simulator.
    const phoneOfUser = new Map(lab.tenants.flatMap((t) => t.agents.map((a) => [a.id, a.araId] as const)));
    const availablePhones = new Set<string>();
    const w = watch(lab.sim, phonesByDid, (phone) => availablePhones.has(phone));
    let polling = true;
    const poller = (async () => {
      while (polling) {
        if (w.current !== 'steady') {
          await sleep(20);
          continue;
        }
        const rows = await query(
          lab,
          `SELECT user_id, state FROM agent_states WHERE ${inTenants}`,
          tenantIds,
        ).catch(() => null);
        if (rows) {
          availablePhones.clear();
          for (const r of rows)
            if (r.state === 'available') availablePhones.add(phoneOfUser.get(String(r.user_id)) ?? '');
        }
        await sleep(20);
      }
    })();
    const busyAgents = async () =>
      Number(
        (
          await query(
            lab,
            `SELECT COUNT(*) AS n FROM agent_states WHERE ${inTenants} AND state IN ('ringing','on_call')`,
            tenantIds,
          )
        )[0]?.n,
      );
    const closedRecords = async (prefix: string) =>
      Number(
        (
          await query(
            lab,
            `SELECT COUNT(*) AS n FROM call_records WHERE ${inTenants} AND caller_number LIKE ? AND status = 'ended' AND disposition IS NOT NULL`,
            [...tenantIds, `${prefix}%`],
          )
        )[0]?.n,
      );
    /** A phase is over when its records are closed, no agent is busy and the router tracks no call. */
    const settled = async (prefix: string, n: number) =>
      router.live.all().length === 0 && (await closedRecords(prefix)) >= n && (await busyAgents()) === 0;
    try {
      const figures = await runPhases(lab.sim, dids, w, handled, settled);
      const outcomes = async (prefix: string) =>
        (
          await query(
            lab,
            `SELECT COALESCE(disposition, CONCAT(status, ', no disposition')) AS d, COUNT(*) AS n FROM call_records
              WHERE ${inTenants} AND caller_number LIKE ? GROUP BY d ORDER BY n DESC`,
            [...tenantIds, `${prefix}%`],
          )
        )
          .map((row) => `${row.d} ${row.n}`)
          .join(', ');
      const phaseRecords = { burst: await outcomes('+1777'), steady: await outcomes('+1778') };

      // 4. BIG_CALLS at once; then every check reads what is left.
      w.phase('big');
      const legs0 = w.legsCreated();
      const offers0 = Number(
        (
          await query(
            lab,
            `SELECT COUNT(*) AS n FROM call_events WHERE ${inTenants} AND type = 'offered'`,
            tenantIds,
          )
        )[0]?.n,
      );
      const t0 = performance.now();
      const big = placeBurst(lab.sim, dids, BIG_CALLS, '+1779');
      const { ended: simEnded, settled: done } = await settle(big, () => settled('+1779', BIG_CALLS));
      const bigMs = performance.now() - t0;
      const records = await query(
        lab,
        `SELECT status, disposition, COUNT(*) AS n FROM call_records WHERE ${inTenants} AND caller_number LIKE ? GROUP BY status, disposition`,
        [...tenantIds, '+1779%'],
      );
      const agentStates = await query(
        lab,
        `SELECT state, COUNT(*) AS n FROM agent_states WHERE ${inTenants} GROUP BY state`,
        tenantIds,
      );
      const offersPerCall = await query(
        lab,
        `SELECT r.caller_number, SUM(e.type = 'offered') AS offered, SUM(e.type = 'offer_failed') AS failed
           FROM call_records r LEFT JOIN call_events e ON e.tenant_id = r.tenant_id AND e.call_id = r.id AND e.type IN ('offered', 'offer_failed')
          WHERE r.${inTenants} AND r.caller_number LIKE ? GROUP BY r.id, r.caller_number`,
        [...tenantIds, '+1779%'],
      );
      const offersAll = Number(
        (
          await query(
            lab,
            `SELECT COUNT(*) AS n FROM call_events WHERE ${inTenants} AND type = 'offered'`,
            tenantIds,
          )
        )[0]?.n,
      );
      // What is left, call by call: the simulator's view, the record and its timeline.
      const stuck: string[] = [];
      const leftCallers = [...new Set([...lab.sim.core.channels.values()].map((c) => c.linkedid))];
      for (const callerId of leftCallers.slice(0, 3)) {
        const [rec] = await query(
          lab,
          `SELECT id, status, disposition, caller_number, agent_user_id FROM call_records WHERE ${inTenants} AND caller_channel_id = ?`,
          [...tenantIds, callerId],
        );
        const timeline = rec
          ? await query(lab, 'SELECT type, at FROM call_events WHERE call_id = ? ORDER BY id', [rec.id])
          : [];
        const channels = [...lab.sim.core.channels.values()]
          .filter((c) => c.linkedid === callerId)
          .map(
            (c) =>
              `${c.json.name} ${c.json.state}${c.bridgeId ? ` in ${lab.sim.core.bridges.get(c.bridgeId)?.json.bridge_type} bridge` : ''}`,
          );
        stuck.push(
          `caller channel ${callerId} (${rec?.caller_number ?? '?'}): record ${rec?.status ?? 'none'}/${rec?.disposition ?? 'none'}; channels left: ${channels.join(', ')}`,
          `  simulator: ${(w.trails.get(callerId) ?? []).join(' | ')}`,
          `  timeline: ${timeline.map((e) => e.type).join(', ')}`,
        );
      }
      const count = (rows: Row[], pred: (r: Row) => boolean) =>
        rows.filter(pred).reduce((s, r) => s + Number(r.n), 0);
      const reoffered = offersPerCall.filter((r) => Number(r.offered) > 1 + Number(r.failed));
      return {
        setupMs,
        figures,
        records: phaseRecords,
        big: {
          ms: bigMs,
          done,
          simEnded,
          channelsLeft: lab.sim.core.channels.size,
          routerLive: router.live.all().length,
          records: count(records, () => true),
          closed: count(records, (r) => r.status === 'ended' && r.disposition !== null),
          answered: count(records, (r) => r.disposition === 'answered'),
          dispositions: records.map((r) => `${r.status}/${r.disposition ?? 'none'} ${r.n}`).join(', '),
          agentStates: agentStates.map((r) => `${r.state} ${r.n}`).join(', '),
          busyAgents: count(agentStates, (r) => r.state === 'ringing' || r.state === 'on_call'),
          legs: w.legsCreated() - legs0,
          offers: offersAll - offers0,
          reoffered: reoffered.map((r) => `${r.caller_number}: ${r.offered} offers, ${r.failed} missed`),
          doubleOffers: [...w.doubleOffers],
          stuck,
        },
      };
    } finally {
      w.stop();
      polling = false;
      await poller;
    }
  } finally {
    await lab.close();
  }
}

console.log(
  `Call benchmark: ${TENANTS} tenants × ${AGENTS} agents; simulator time ×${SCALE}, phones answer in ${ANSWER_AFTER_MS * SCALE} ms, talk ${TALK_MS} ms, hang-up by ${HANGUP === 'both' ? 'caller and agent by turns' : HANGUP}, ring timeout ${RING_TIMEOUT} s (${RING_TIMEOUT * SCALE} s real)\n`,
);
const run0 = performance.now();
const base = await floor();
const sb = await switchboard();
const r = sb.figures;
const ratio = (a: number[], b: number[], p: number) => pct(a, p) / pct(b, p);

const routingRatio = ratio(r.routing, base.routing, 99);
console.log(`1. routing: ${CALLS} callers at once over ${TENANTS} tenants, StasisStart → in a bridge`);
console.log(`   floor   ${fmt(base.routing)}   (${base.routing.length} calls)`);
console.log(
  `   router  ${fmt(r.routing)}   (${r.routing.length} calls)  ×${ratio(r.routing, base.routing, 50).toFixed(1)} p50, ×${routingRatio.toFixed(1)} p99 vs floor   target p99 ≤ 2× floor: ${verdict(routingRatio <= 2)}`,
);
const leftNote = (name: string, e: PhaseEnd) =>
  e.stuck || !e.settled
    ? `   !! ${name}: ${e.stuck} calls stuck (none ended for ${STALL_MS / 1000} s, or ${SETTLE_MS / 1000} s passed)${e.settled ? '' : ', app not settled'}; hung up before the next phase\n`
    : '';
console.log(`   router  call records: ${sb.records.burst}`);
process.stdout.write(leftNote('floor', base.left.burst) + leftNote('router', r.left.burst));
console.log(
  `\n2. event handling at a sustained ${EVENTS_PER_SECOND} events/s for ${SUSTAIN_SECONDS} s (steady window, per event: lane wait + work)`,
);
console.log(
  `   floor   ${fmt(base.steady.handle)}   ${base.steady.eventsPerSecond.toFixed(0)} events/s achieved (${base.eventsPerCall.toFixed(1)} events per call)`,
);
console.log(
  `   router  ${fmt(r.steady.handle)}   ${r.steady.eventsPerSecond.toFixed(0)} events/s achieved (${r.eventsPerCall.toFixed(1)} events per call)  ×${ratio(r.steady.handle, base.steady.handle, 99).toFixed(1)} p99 vs floor   target p99 < 10 ms: ${verdict(pct(r.steady.handle, 99) < 10)}`,
);
console.log(`   router  call records: ${sb.records.steady}`);
process.stdout.write(leftNote('floor', base.left.steady) + leftNote('router', r.left.steady));
console.log(
  `\n3. offer latency: caller's StasisStart → the agent's leg dialled, callers whose queue had an available agent with a free phone`,
);
console.log(
  `   floor   ${fmt(base.steady.offer)}   (${base.steady.offer.length} calls; ${base.steady.offerSkipped} arrived with none, ${base.steady.offersMissing} never offered)`,
);
console.log(
  `   router  ${fmt(r.steady.offer)}   (${r.steady.offer.length} calls; ${r.steady.offerSkipped} arrived with none, ${r.steady.offersMissing} never offered)  ×${ratio(r.steady.offer, base.steady.offer, 99).toFixed(1)} p99 vs floor   target p99 < 50 ms: ${verdict(pct(r.steady.offer, 99) < 50)}`,
);
const b = sb.big;
const checks: [string, boolean][] = [
  [
    `call records ${b.records}/${BIG_CALLS}, ended with a disposition ${b.closed}/${BIG_CALLS} (answered ${b.answered}; ${b.dispositions})`,
    b.records === BIG_CALLS && b.closed === BIG_CALLS,
  ],
  [
    `simulated calls ended ${b.simEnded}/${BIG_CALLS}, channels left on the simulator ${b.channelsLeft}`,
    b.simEnded === BIG_CALLS && b.channelsLeft === 0,
  ],
  [`calls the router still tracks ${b.routerLive}`, b.routerLive === 0],
  [`agents left ringing or on a call ${b.busyAgents} (agent_states: ${b.agentStates})`, b.busyAgents === 0],
  [`phones with two legs at once (double offers) ${b.doubleOffers.length}`, b.doubleOffers.length === 0],
  [`agent legs rung ${b.legs}, 'offered' on the timelines ${b.offers}`, b.legs === b.offers],
  [`calls offered again without a miss ${b.reoffered.length}`, b.reoffered.length === 0],
];
console.log(
  `\n4. ${BIG_CALLS} callers at once over ${TENANTS} tenants: ${b.done ? 'all settled' : `NOT settled (none ended for ${STALL_MS / 1000} s, or ${SETTLE_MS / 1000} s passed)`} after ${b.ms.toFixed(0)} ms`,
);
for (const [text, ok] of checks) console.log(`   ${verdict(ok)}  ${text}`);
for (const d of [...b.doubleOffers, ...b.reoffered].slice(0, 10)) console.log(`         ${d}`);
if (b.stuck.length)
  console.log(`   left behind (first ${b.stuck.length / 3}):\n${b.stuck.map((l) => `     ${l}`).join('\n')}`);
console.log(
  `\nlab set-up ${(sb.setupMs / 1000).toFixed(1)} s; whole run ${((performance.now() - run0) / 1000).toFixed(1)} s`,
);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
