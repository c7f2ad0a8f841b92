import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';
import { listen, openSocket } from '../../realtime/ws-test-client';
import { NOTIFICATION_CREATED_EVENT } from './notifications.service';

let t: TestApp;
let a: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  [a, other] = await Promise.all([createTestTenant(t.app), createTestTenant(t.app)]);
});
afterAll(async () => t?.close());

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
const notify = (tenant: TestTenant, userId: string, title: string) =>
  t.app.container.notifications.notify(tenant.tenantId, userId, {
    kind: 'test',
    title,
    body: `About ${title}`,
    link: '/tickets/1',
  });

describe('notifications', () => {
  it("stores a notification, pushes it to its owner's socket, and shows it only to its owner", async () => {
    const base = await listen(t.app);
    const socket = await openSocket(base, { token: a.agent.token });
    socket.send({ type: 'subscribe', id: 'sub', rooms: [`user:${a.agent.id}`] });
    await socket.ack('sub');
    const n = await notify(a, a.agent.id, 'Ticket assigned');
    const pushed = await socket.waitFor((m) => m.type === 'event' && m.event === NOTIFICATION_CREATED_EVENT);
    expect(pushed).toMatchObject({ room: `user:${a.agent.id}`, data: n });
    expect((pushed as { id: unknown }).id).not.toBeNull();
    await socket.close();

    const mine = await call(a.agent.token, 'GET', '/api/v1/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      {
        id: n.id,
        kind: 'test',
        title: 'Ticket assigned',
        body: 'About Ticket assigned',
        link: '/tickets/1',
        read_at: null,
        created_at: n.created_at,
      },
    ]);
    expect((await call(a.supervisor.token, 'GET', '/api/v1/notifications')).body.data).toEqual([]);
    expect((await call(other.agent.token, 'GET', '/api/v1/notifications')).body.data).toEqual([]);
    expect((await call(a.agent.token, 'GET', '/api/v1/notifications/unread-count')).body.data).toEqual({
      unread: 1,
    });
  });

  it('refuses notifications with an external link', async () => {
    await expect(
      t.app.container.notifications.notify(a.tenantId, a.agent.id, {
        kind: 'x',
        title: 'x',
        link: 'https://evil.example',
      }),
    ).rejects.toThrow();
  });

  it('pages newest first without duplicates and filters unread', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await notify(a, a.supervisor.id, `N${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        a.supervisor.token,
        'GET',
        `/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data.map((n: { id: string }) => n.id));
      cursor = res.body.meta.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const marked = await call(a.supervisor.token, 'POST', '/api/v1/notifications/read', {
      ids: [ids[0], ids[2]],
    });
    expect(marked.status).toBe(200);
    expect(marked.body.data).toEqual({ unread: 3 });
    const unread = await call(a.supervisor.token, 'GET', '/api/v1/notifications?unread=true');
    expect(unread.body.data.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3], ids[1]]);
    const all = await call(a.supervisor.token, 'GET', '/api/v1/notifications');
    expect(all.body.data.find((n: { id: string }) => n.id === ids[0]).read_at).not.toBeNull();

    expect((await call(a.supervisor.token, 'POST', '/api/v1/notifications/read', {})).body.data).toEqual({
      unread: 0,
    });
    expect((await call(a.supervisor.token, 'GET', '/api/v1/notifications?unread=1')).body.data).toEqual([]);
  });

  it("answers 404 for someone else's notification and marks nothing", async () => {
    const theirs = await notify(a, a.admin.id, 'For the admin');
    const mine = await notify(a, a.agent.id, 'For the agent');
    const res = await call(a.agent.token, 'POST', '/api/v1/notifications/read', {
      ids: [mine.id, theirs.id],
    });
    expect(res.status).toBe(404);
    const adminView = await call(a.admin.token, 'GET', '/api/v1/notifications?unread=true');
    expect(adminView.body.data.map((n: { id: string }) => n.id)).toContain(theirs.id);
    const agentView = await call(a.agent.token, 'GET', '/api/v1/notifications?unread=true');
    expect(agentView.body.data.map((n: { id: string }) => n.id)).toContain(mine.id);
  });

  it('names invalid fields', async () => {
    const res = await call(a.agent.token, 'POST', '/api/v1/notifications/read', { ids: ['abc'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].path).toBe('body.ids.0');
    const q = await call(a.agent.token, 'GET', '/api/v1/notifications?unread=maybe&limit=1000');
    expect(q.status).toBe(400);
    expect(q.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['querystring.unread', 'querystring.limit']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
