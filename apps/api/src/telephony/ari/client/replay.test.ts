import { afterEach, describe, expect, it } from 'vitest';
import type { AriEvent } from '../types/events';
import { createAriClient, type AriClient } from './ari-client';
import type { AriConnectionState } from './events';
import { AriError } from './http';
import { callAsRecorded } from '../testing/recorded-call';
import { startReplayServer } from '../testing/replay-server';
import { loadTrace, traceScenarios, type RecordedRest } from '../testing/traces';

const scenarios = traceScenarios();
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

async function replay(scenario: string) {
  const steps = loadTrace(scenario);
  const server = await startReplayServer(steps);
  const client: AriClient = createAriClient({
    name: 'replay',
    url: server.url,
    username: 'switchboard',
    password: 'secret',
    app: 'switchboard',
    events: { initialDelayMs: 10, maxDelayMs: 40 },
  });
  cleanup.push(
    () => server.close(),
    () => client.close(),
  );
  const received: AriEvent[] = [];
  const invalid: string[] = [];
  const states: AriConnectionState[] = [];
  const connects: boolean[] = [];
  client.events.onAny((e) => received.push(e));
  client.events.onInvalid((reason) => invalid.push(reason));
  client.events.onStateChange((s) => states.push(s));
  client.events.onConnected((info) => connects.push(info.reconnect));
  return { steps, server, client, received, invalid, states, connects };
}

describe('ARI client replays every recorded trace', () => {
  it.each(scenarios)('%s: REST calls, answers and errors', async (scenario) => {
    const { steps, server, client } = await replay(scenario);
    const rest = steps.filter((s): s is RecordedRest => s.kind === 'rest');
    for (const call of rest) {
      const outcome = await callAsRecorded(client, call.method, call.path, call.requestBody).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      const where = `${call.method} ${call.path}`;
      if (call.status >= 200 && call.status < 300) {
        expect(outcome.ok, where).toBe(true);
        if (!outcome.ok) continue;
        if (call.bodyBytes !== undefined)
          expect((outcome.value as Buffer).length, where).toBe(call.bodyBytes);
        else expect(outcome.value ?? null, where).toEqual(call.body ?? null);
      } else {
        expect(outcome.ok, where).toBe(false);
        if (outcome.ok) continue;
        const error = outcome.error as AriError;
        expect(error, where).toBeInstanceOf(AriError);
        const body = call.body as { message?: string; error?: string };
        expect({ status: error.status, message: error.message }, where).toEqual({
          status: call.status,
          message: body.message ?? body.error,
        });
        expect(error.operation, where).toBeTruthy();
      }
    }
    expect(server.mismatches, 'requests the client sent differ from the recording').toEqual([]);
    const sentBodies = server.requestBodies.map((b) => b ?? null);
    expect(sentBodies).toEqual(rest.map((r) => r.requestBody ?? null));
  });

  it.each(scenarios.filter((s) => loadTrace(s).some((step) => step.kind === 'event')))(
    '%s: every event parses into the typed union',
    async (scenario) => {
      const { steps, client, received, invalid } = await replay(scenario);
      const expected = steps.flatMap((s) => (s.kind === 'event' ? [s.event] : []));
      client.connect();
      await waitFor(() => received.length + invalid.length >= expected.length);
      expect(invalid).toEqual([]);
      expect(received).toEqual(expected);
      const dial = received.find((e) => e.type === 'Dial');
      // Narrowing on `type` gives the event's own fields, checked by the compiler.
      if (dial?.type === 'Dial') expect(typeof dial.peer.id).toBe('string');
    },
  );

  it('17-ws-disconnect-reconnect: reconnects after a clean close and an abrupt drop', async () => {
    const { steps, client, server, received, invalid, states, connects } = await replay(
      '17-ws-disconnect-reconnect',
    );
    const expected = steps.filter((s) => s.kind === 'event').length;
    client.connect();
    await waitFor(() => server.connections() === server.segments && client.events.state === 'connected');
    await waitFor(() => received.length === expected);
    expect(invalid).toEqual([]);
    expect(connects).toEqual([false, true, true]);
    expect(states).toEqual(['connected', 'degraded', 'connected', 'degraded', 'connected']);
  });
});
