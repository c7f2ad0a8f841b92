import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startSimulatorWithClient, waitFor } from '../../simulator/test-kit';
import { createAriClient } from './ari-client';
import { reconnectDelay } from './events';

describe('reconnect backoff', () => {
  it('doubles from the initial delay, is jittered between half and all of it, and caps at the maximum', () => {
    expect([0, 1, 2, 3].map((a) => reconnectDelay(a, 250, 10_000, () => 1))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((a) => reconnectDelay(a, 250, 10_000, () => 0))).toEqual([125, 250, 500, 1000]);
    expect(reconnectDelay(20, 250, 10_000, () => 1)).toBe(10_000);
    for (let attempt = 0; attempt < 30; attempt++) {
      const delay = reconnectDelay(attempt, 250, 10_000);
      expect(delay).toBeGreaterThanOrEqual(Math.min(10_000, 250 * 2 ** attempt) / 2);
      expect(delay).toBeLessThanOrEqual(10_000);
    }
  });
});

describe('events socket', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('stays degraded while Asterisk refuses the socket', async () => {
    const h = await startSimulatorWithClient();
    stop = h.stop;
    const wrong = createAriClient({
      name: 'wrong',
      url: h.sim.url,
      username: 'nobody',
      password: 'wrong',
      app: 'other',
      events: { initialDelayMs: 10, maxDelayMs: 20 },
    });
    const states: string[] = [];
    wrong.events.onStateChange((s) => states.push(s));
    wrong.connect();
    await waitFor(() => states.length > 0, 'a state change');
    await new Promise((r) => setTimeout(r, 100));
    expect(wrong.events.state).toBe('degraded');
    expect(states).toEqual(['degraded']);
    await wrong.close();
  });

  it('drops a socket that stops answering pings and reconnects', async () => {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/ari/events', autoPong: false });
    let connections = 0;
    wss.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = createAriClient({
      name: 'silent',
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      username: 'u',
      password: 'p',
      app: 'switchboard',
      events: { pingIntervalMs: 30, initialDelayMs: 10, maxDelayMs: 20 },
    });
    const states: string[] = [];
    client.events.onStateChange((s) => states.push(s));
    stop = async () => {
      await client.close();
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    client.connect();
    await waitFor(() => connections >= 2, 'a second connection after the missed pong');
    expect(states.slice(0, 2)).toEqual(['connected', 'degraded']);
  });

  it('a second socket for the same app replaces the first, which hears ApplicationReplaced', async () => {
    const h = await startSimulatorWithClient();
    stop = h.stop;
    const second = createAriClient({
      name: 'second',
      url: h.sim.url,
      username: h.sim.username,
      password: h.sim.password,
      app: h.sim.app,
    });
    const seen: string[] = [];
    second.events.onAny((e) => seen.push(e.type));
    second.connect();
    await h.nextEvent('ApplicationReplaced');
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    await waitFor(() => seen.includes('StasisStart'), 'StasisStart on the newer socket');
    expect(h.events.filter((e) => e.type === 'StasisStart')).toEqual([]);
    await second.close();
  });
});
