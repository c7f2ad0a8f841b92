import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsEventEnvelope } from '@switchboard/contracts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../test/helpers';
import { RealtimeClient } from '../../../web/src/lib/websocket/realtime-client';
import { listen } from './ws-test-client';

// The browser client, run in Node against the real hub: `ws` stands in for the browser's WebSocket.
(globalThis as { WebSocket: unknown }).WebSocket = WebSocket;

let t: TestApp;
let base: string;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

describe('web RealtimeClient', () => {
  it('reconnects after the server drops it, resumes, and delivers every event once', async () => {
    let token: string | null = a.agent.token;
    let refreshed = 0;
    const client = new RealtimeClient({
      url: `${base}/ws`,
      getToken: () => token,
      refresh: async () => {
        refreshed++;
        return token !== null;
      },
      minDelayMs: 50,
      maxDelayMs: 200,
    });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    const got: WsEventEnvelope[] = [];
    const room = `user:${a.agent.id}`;
    client.listen(room, (e) => got.push(e));
    client.start();
    await expect.poll(() => client.connectionStatus).toBe('open');
    await expect
      .poll(() => t.app.container.metrics.getSingleMetricAsString('ws_connections'))
      .toMatch(/ws_connections 1/);

    const emit = (n: number) =>
      t.app.container.realtime.events.emit(a.tenantId, [{ room, event: 'test.n', data: { n } }]);
    // Wait until the subscribe has landed: an event arrives.
    await emit(0);
    await expect.poll(() => got.length).toBe(1);

    // A role change closes the socket (4001); the client refreshes and comes back.
    t.app.container.sessionRevocations.revoke({
      userId: a.agent.id,
      tenantId: a.tenantId,
      reason: 'role_changed',
    });
    await expect.poll(() => statuses.includes('reconnecting')).toBe(true);
    for (let n = 1; n <= 5; n++) await emit(n);
    await expect.poll(() => client.connectionStatus).toBe('open');
    await emit(6);
    await expect.poll(() => got.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(refreshed).toBe(1);

    // Signed out: the client stops instead of retrying.
    token = null;
    client.tokenChanged();
    expect(client.connectionStatus).toBe('closed');
  });
});
