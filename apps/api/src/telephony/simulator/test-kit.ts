import { createAriClient, type AriClient } from '../ari/client/ari-client';
import type { AriEvent } from '../ari/types/events';
import { startAriSimulator, type AriSimulator, type AriSimulatorOptions } from './simulator';

/**
 * Test helper: a fast simulator (time scale 0.02) with two registered agent phones and one
 * unregistered, plus a connected client that records every event it receives.
 */
export async function startSimulatorWithClient(options: AriSimulatorOptions = {}) {
  const sim: AriSimulator = await startAriSimulator({
    timeScale: 0.02,
    endpoints: [
      { resource: 't1_1001', tenantid: 't1', callerName: 'Agent One', callerNumber: '1001' },
      { resource: 't1_1002', tenantid: 't1', callerName: 'Agent Two', callerNumber: '1002' },
      {
        resource: 't1_1003',
        tenantid: 't1',
        callerName: 'Agent Three',
        callerNumber: '1003',
        registered: false,
      },
    ],
    ...options,
  });
  const client: AriClient = createAriClient({
    name: 'sim',
    url: sim.url,
    username: sim.username,
    password: sim.password,
    app: sim.app,
    events: { initialDelayMs: 20, maxDelayMs: 100, pingIntervalMs: 1000 },
  });
  const events: AriEvent[] = [];
  const invalid: string[] = [];
  client.events.onAny((e) => events.push(e));
  client.events.onInvalid((reason) => invalid.push(reason));
  client.connect();
  await waitFor(() => client.events.state === 'connected');

  /** Resolves with the first matching event at or after `from` (an index into `events`). */
  async function nextEvent<T extends AriEvent['type']>(
    type: T,
    match: (e: Extract<AriEvent, { type: T }>) => boolean = () => true,
    from = 0,
  ): Promise<Extract<AriEvent, { type: T }>> {
    let found: Extract<AriEvent, { type: T }> | undefined;
    await waitFor(() => {
      found = events
        .slice(from)
        .find((e): e is Extract<AriEvent, { type: T }> => e.type === type && match(e as never));
      return Boolean(found);
    }, `${type} event`);
    return found!;
  }

  return {
    sim,
    client,
    events,
    invalid,
    nextEvent,
    async stop() {
      await client.close();
      await sim.stop();
    },
  };
}

export async function waitFor(check: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
