import { hangupChannel } from './channels';
import type { SimChannel } from './model';
import type { AriSimulator } from './simulator';

export type DemoOptions = {
  /** DIDs to call (the demo tenant's numbers). */
  dids: string[];
  /** Average arrival rate (Poisson). */
  callsPerMinute?: number;
  /** Share of callers who give up while waiting, whatever happens. */
  abandonRate?: number;
  /** Calls in progress never exceed this. */
  maxConcurrent?: number;
};

const firstNames = [
  'Ava',
  'Liam',
  'Mia',
  'Noah',
  'Zoe',
  'Omar',
  'Lena',
  'Ravi',
  'Ines',
  'Kai',
  'Sofia',
  'Hugo',
  'Yuki',
  'Amara',
];
const lastNames = [
  'Garcia',
  'Smith',
  'Dubois',
  'Khan',
  'Rossi',
  'Novak',
  'Okafor',
  'Tanaka',
  'Silva',
  'Berg',
  'Moreau',
  'Haddad',
];

/**
 * Realistic inbound traffic for the quick start when no Asterisk is configured: callers dial the
 * DIDs at random times, some give up while waiting, the others talk for a while once an agent
 * answers. Agents' phones (registered endpoints) answer after a few seconds. Every channel is
 * marked simulated (SWITCHBOARD_SIMULATED=1 and a "[SIM]" caller name) so the UI can label it.
 */
export function createDemoGenerator(sim: AriSimulator, random: () => number = Math.random) {
  const core = sim.core;
  let running = false;
  let options: Required<DemoOptions> = { dids: [], callsPerMinute: 4, abandonRate: 0.15, maxConcurrent: 20 };
  let arrivalTimer: NodeJS.Timeout | undefined;
  const between = (min: number, max: number) => Math.round(min + random() * (max - min));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  /** NANP 555-0100…0199 numbers are reserved for fiction. */
  const callerNumber = () => `+1${pick(['212', '312', '415', '617', '702', '919'])}5550${between(100, 199)}`;

  function scheduleNext() {
    if (!running) return;
    const meanMs = 60_000 / options.callsPerMinute;
    const waitMs = Math.max(500, -Math.log(1 - random()) * meanMs);
    arrivalTimer = core.after(waitMs, () => {
      placeOne();
      scheduleNext();
    });
  }

  function talkingToAgent(channel: SimChannel): boolean {
    const bridge = channel.bridgeId ? core.bridges.get(channel.bridgeId) : undefined;
    return Boolean(bridge && bridge.json.bridge_type === 'mixing' && bridge.json.channels.length >= 2);
  }

  /** The caller's own behaviour: patience while waiting, then a conversation of random length. */
  function followCaller(id: string, abandons: boolean) {
    const patienceMs = abandons ? between(8_000, 40_000) : between(90_000, 240_000);
    const startedAt = Date.now();
    let talkUntil: number | undefined;
    const check = () => {
      const channel = core.channels.get(id);
      if (!channel || channel.destroyed) return;
      const elapsed = (Date.now() - startedAt) / core.timeScale;
      if (talkUntil === undefined && !abandons && talkingToAgent(channel))
        talkUntil = elapsed + between(20_000, 120_000);
      const done = talkUntil !== undefined ? elapsed >= talkUntil : elapsed >= patienceMs;
      if (done) hangupChannel(core, channel, 'remote');
      else core.after(1000, check);
    };
    core.after(1000, check);
  }

  function placeOne(did?: string) {
    const live = [...core.channels.values()].filter((c) => c.simulated && c.inbound).length;
    const to = did ?? (options.dids.length > 0 ? pick(options.dids) : undefined);
    if (live >= options.maxConcurrent || !to) return undefined;
    for (const endpoint of core.endpoints.values()) {
      if (endpoint.resource !== core.trunkEndpoint)
        endpoint.behaviour = { mode: 'answer', afterMs: between(2_000, 6_000) };
    }
    const abandons = random() < options.abandonRate;
    // Most callers choose from the IVR menu (1 sales, 2 support); the rest wait for its timeout.
    const choice = random() < 0.7 ? pick(['1', '2']) : undefined;
    const call = sim.placeCall({
      from: callerNumber(),
      to,
      callerName: `${pick(firstNames)} ${pick(lastNames)}`,
      simulated: true,
      script: choice ? [{ whenAnswered: true }, { afterMs: between(1_500, 3_000), dtmf: choice }] : [],
    });
    followCaller(call.id, abandons);
    return call;
  }

  return {
    get running() {
      return running;
    },
    start(next: DemoOptions) {
      options = { ...options, ...next };
      if (running) return;
      running = true;
      scheduleNext();
    },
    stop() {
      running = false;
      core.cancel(arrivalTimer);
    },
    /** One call now to `did` or a random configured DID (tests, a "demo call" button). */
    placeOne,
  };
}

export type DemoGenerator = ReturnType<typeof createDemoGenerator>;
