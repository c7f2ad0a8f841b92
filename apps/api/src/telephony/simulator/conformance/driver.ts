import { createAriClient } from '../../ari/client/ari-client';
import type { AriEvent } from '../../ari/types/events';
import {
  loadTrace,
  type RecordedEvent,
  type RecordedRest,
  type RecordedStep,
} from '../../ari/testing/traces';
import { hangupChannel } from '../channels';
import { blindTransfer, phoneHold, pressDigits, placeCall, type CallHandle } from '../script';
import { startAriSimulator, type AriSimulator } from '../simulator';
import { IdMap, keyOf, KEY_TYPES, keyFields, nameStem } from './matching';

/** The lab's endpoints (traces/README.txt), with tenant "tenant-a" and ring-then-answer phones. */
const labEndpoints = [
  { resource: '1001', callerName: 'Caller One', callerNumber: '1001' },
  { resource: '1002', callerName: 'Agent Two', callerNumber: '1002' },
  { resource: '1003', callerName: 'WebRTC Three', callerNumber: '1003', registered: false },
  { resource: '1004', callerName: 'Agent Four', callerNumber: '1004' },
].map((e) => ({ ...e, tenantid: 'tenant-a', accountcode: 'tenant-a', context: 'from-internal' }));

export type ConformanceReport = {
  restMismatches: string[];
  eventMismatches: string[];
  /** Key events the simulator sent that the recording did not have. */
  extraEvents: string[];
  /** Key events in the recording, and how many the simulator produced with matching fields. */
  recordedEvents: number;
  matchedEvents: number;
  /** What each caller the replay placed received over SIP (`100 Trying`, `180 Ringing`, `200 OK`, `BYE`…). */
  callerSignalling: string[][];
};

/** Orders REST calls by when they were sent (ts − ms): events a call causes come after it. */
function orderedSteps(scenario: string): RecordedStep[] {
  const steps = loadTrace(scenario).map((step) => {
    if (step.kind !== 'rest') return { step, at: step.at };
    return { step, at: new Date(new Date(step.at).getTime() - step.ms).toISOString() };
  });
  return steps.sort((a, b) => a.at.localeCompare(b.at)).map((s) => s.step);
}

/**
 * Replays a recorded scenario against the simulator: the app's REST calls are re-sent (ids
 * translated), the outside world's actions (a caller dialling in, pressing digits, hanging up,
 * a phone holding) are performed through the scripting API when the recording shows them, and
 * every key event the recording holds must come from the simulator with the same key fields.
 */
export async function runConformance(scenario: string): Promise<ConformanceReport> {
  const sim: AriSimulator = await startAriSimulator({
    // Slow enough that a busy machine keeps the recorded order of timed events.
    timeScale: 0.1,
    endpoints: labEndpoints,
    asteriskId: '02:fc:00:00:00:01',
  });
  const client = createAriClient({
    name: 'conformance',
    url: sim.url,
    username: sim.username,
    password: sim.password,
    app: 'switchboard',
  });
  const received: AriEvent[] = [];
  client.events.onAny((event) => {
    if (KEY_TYPES.has(event.type)) received.push(event);
  });
  client.connect();
  const report: ConformanceReport = {
    restMismatches: [],
    eventMismatches: [],
    extraEvents: [],
    recordedEvents: 0,
    matchedEvents: 0,
    callerSignalling: [],
  };
  const callers: CallHandle[] = [];
  const ids = new IdMap();
  const consumed = new Set<AriEvent>();
  try {
    await until(() => client.events.state === 'connected', 2000);
    const steps = orderedSteps(scenario);
    const done = new Set<RecordedStep>();
    for (const [index, step] of steps.entries()) {
      if (done.has(step)) continue;
      if (step.kind === 'rest') await replayRest(sim, step, ids, report);
      if (step.kind === 'ws' && step.ws === 'closed') sim.dropSockets();
      if (step.kind === 'ws' && step.ws === 'open')
        await until(() => client.events.state === 'connected', 2000);
      if (step.kind === 'event' && KEY_TYPES.has(step.event.type)) {
        report.recordedEvents += 1;
        await actForOutsideWorld(sim, step, ids, steps.slice(index + 1), callers);
        if (await matchEvent(step, ids, received, consumed, report, 1200)) continue;
        // A call's log line can trail the event it caused by a few ms: run the REST calls
        // logged just after this event, then look again.
        for (const next of steps.slice(index + 1)) {
          if (next.kind !== 'rest' || next.at.localeCompare(laterBy(step.at, 25)) > 0) break;
          done.add(next);
          await replayRest(sim, next, ids, report);
        }
        await matchEvent(step, ids, received, consumed, report, 1500, true);
      }
    }
    await new Promise((r) => setTimeout(r, 50));
    // Closing events are not guaranteed to reach the app (surprise 11): a recording may lack them.
    const ended = new Set(received.filter((e) => e.type === 'StasisEnd').map((e) => keyOf(e as never)));
    const closing = (e: AriEvent) =>
      e.type === 'BridgeDestroyed' ||
      ((e.type === 'ChannelDestroyed' || e.type === 'ChannelHangupRequest') && ended.has(keyOf(e as never)));
    report.callerSignalling = callers.map((c) => c.signalling());
    report.extraEvents = received
      .filter((e) => !consumed.has(e) && !closing(e))
      .map((e) => `${e.type} ${keyOf(e as never) ?? ''}`);
  } finally {
    await client.close();
    await sim.stop();
  }
  return report;
}

function laterBy(at: string, ms: number): string {
  return new Date(new Date(at).getTime() + ms).toISOString();
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 3));
  }
  return true;
}

async function replayRest(sim: AriSimulator, step: RecordedRest, ids: IdMap, report: ConformanceReport) {
  prepareOutsideChannels(sim, step, ids);
  const auth = step.status === 401 ? 'wrong:password' : `${sim.username}:${sim.password}`;
  const res = await fetch(`${sim.url}/ari${ids.translate(step.path)}`, {
    method: step.method,
    headers: {
      authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      ...(step.requestBody ? { 'content-type': 'application/json' } : {}),
    },
    body: step.requestBody ? JSON.stringify(step.requestBody) : undefined,
  });
  const text = step.bodyBytes === undefined ? await res.text() : '';
  const body: unknown = text ? JSON.parse(text) : null;
  const where = `${step.method} ${step.path}`;
  if (res.status !== step.status) {
    report.restMismatches.push(
      `${where}: status ${res.status}, recorded ${step.status} ${JSON.stringify(body)}`,
    );
    return;
  }
  if (step.bodyBytes !== undefined) {
    for (const name of ['content-type', 'cache-control', 'server']) {
      if (res.headers.get(name) !== (step.headers?.[name] ?? null))
        report.restMismatches.push(`${where}: ${name} "${res.headers.get(name)}", recorded "${step.headers?.[name]}"`);
    }
    if (Number(res.headers.get('content-length')) !== (await res.clone().arrayBuffer()).byteLength)
      report.restMismatches.push(`${where}: content-length is not the body's length`);
    await res.arrayBuffer();
    return;
  }
  const recorded = step.body as Record<string, unknown> | null;
  if (recorded && typeof recorded === 'object' && !Array.isArray(recorded)) {
    const got = (body ?? {}) as Record<string, unknown>;
    const missing = Object.keys(recorded).filter((k) => !(k in got));
    if (missing.length) report.restMismatches.push(`${where}: body lacks ${missing.join(', ')}`);
    if (typeof recorded.message === 'string' && recorded.message !== got.message) {
      report.restMismatches.push(
        `${where}: message "${String(got.message)}", recorded "${recorded.message}"`,
      );
    }
    if (typeof recorded.id === 'string' && typeof got.id === 'string') ids.add(recorded.id, got.id);
  }
  if (Array.isArray(recorded) && Array.isArray(body)) ids.addFromLists(recorded, body);
}

/** A recorded `GET /channels` showing a plain dialplan call means the lab placed one: place it too. */
function prepareOutsideChannels(sim: AriSimulator, step: RecordedRest, ids: IdMap) {
  if (step.method !== 'GET' || step.path !== '/channels' || !Array.isArray(step.body)) return;
  for (const channel of step.body as Array<{
    id: string;
    name: string;
    dialplan: { app_name: string; exten: string };
  }>) {
    if (ids.has(channel.id) || channel.dialplan.app_name !== 'Dial') continue;
    placeCall(sim.core, {
      fromEndpoint: nameStem(channel.name).split('/')[1],
      to: channel.dialplan.exten,
      stasis: false,
    });
  }
}

/** The recording shows a phone's REFER as an unhold followed by a Local;1 replacing it. */
function referAfter(
  step: RecordedEvent,
  upcoming: RecordedStep[],
): { exten: string; context: string } | undefined {
  const next = upcoming.find((s): s is RecordedEvent => s.kind === 'event' && KEY_TYPES.has(s.event.type));
  const channel = next?.event.channel as { name: string } | undefined;
  const replaced = next?.event.replace_channel as { id: string } | undefined;
  const self = (step.event.channel as { id: string }).id;
  const local = channel && /^Local\/([^@]+)@(.+)-[0-9a-f]{8};1$/.exec(channel.name);
  return next?.event.type === 'StasisStart' && replaced?.id === self && local
    ? { exten: local[1]!, context: local[2]! }
    : undefined;
}

async function actForOutsideWorld(
  sim: AriSimulator,
  step: RecordedEvent,
  ids: IdMap,
  upcoming: RecordedStep[],
  callers: CallHandle[],
) {
  const event = step.event as Record<string, unknown> & { type: string };
  const channel = event.channel as { id: string; name: string } | undefined;
  const simChannel = channel && ids.has(channel.id) ? sim.core.channels.get(ids.get(channel.id)) : undefined;
  const args = event.args as string[] | undefined;
  if (
    event.type === 'StasisStart' &&
    channel &&
    !ids.has(channel.id) &&
    args?.[0] === 'inbound' &&
    !channel.name.startsWith('Local/')
  ) {
    callers.push(
      placeCall(sim.core, { fromEndpoint: nameStem(channel.name).split('/')[1], to: args[1] ?? '' }),
    );
  }
  if (!simChannel) return;
  if (
    event.type === 'ChannelHangupRequest' &&
    !event.soft &&
    (event.cause === undefined || event.cause === 16)
  ) {
    hangupChannel(sim.core, simChannel, 'remote');
  }
  if (event.type === 'ChannelDtmfReceived') {
    await pressDigits(sim.core, simChannel, String(event.digit), Number(event.duration_ms));
  }
  if (event.type === 'ChannelHold') phoneHold(sim.core, simChannel, true);
  if (event.type === 'ChannelUnhold') {
    const refer = referAfter(step, upcoming);
    if (refer) blindTransfer(sim.core, simChannel, refer.exten, refer.context);
    else phoneHold(sim.core, simChannel, false);
  }
}

async function matchEvent(
  step: RecordedEvent,
  ids: IdMap,
  received: AriEvent[],
  consumed: Set<AriEvent>,
  report: ConformanceReport,
  timeoutMs: number,
  last = false,
): Promise<boolean> {
  const recorded = step.event as never;
  const expected = keyFields(recorded, ids);
  let match: AriEvent | undefined;
  const found = await until(() => {
    match = received.find(
      (e) => !consumed.has(e) && e.type === step.event.type && ids.couldBe(recorded, e as never),
    );
    return Boolean(match);
  }, timeoutMs);
  if (!found || !match) {
    if (last)
      report.eventMismatches.push(
        `missing ${step.event.type} ${keyOf(recorded) ?? ''} ${JSON.stringify(expected)}`,
      );
    return false;
  }
  consumed.add(match);
  ids.learn(recorded, match as never);
  const got = keyFields(match as never, ids, true);
  const differs = Object.keys(expected).filter((k) => JSON.stringify(expected[k]) !== JSON.stringify(got[k]));
  if (differs.length === 0) report.matchedEvents += 1;
  if (differs.length) {
    report.eventMismatches.push(
      `${step.event.type} ${keyOf(recorded) ?? ''}: recorded ${JSON.stringify(expected)}, simulator ${JSON.stringify(got)}`,
    );
  }
  return true;
}
