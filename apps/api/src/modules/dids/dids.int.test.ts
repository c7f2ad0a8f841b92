import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { defaultBusinessHours } from '@switchboard/contracts';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
const ids = { aQueue: '', bQueue: '', aEndpoint: '', aNoVoicemail: '', bEndpoint: '', aSchedule: '', bSchedule: '' };

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
async function made(token: string, url: string, payload: object): Promise<string> {
  const res = await call(token, 'POST', url, payload);
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}
const q = async (sql: string, params: unknown[] = []) => (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
const paths = (body: { error: { details?: { fields?: { path: string }[] } } }) => (body.error.details?.fields ?? []).map((f) => f.path);

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
  ids.aQueue = await made(a.admin.token, '/api/v1/queues', { name: 'Sales' });
  ids.bQueue = await made(b.admin.token, '/api/v1/queues', { name: 'Sales' });
  ids.aEndpoint = await made(a.admin.token, '/api/v1/endpoints', { extension: '1001', display_name: 'Alice', voicemail_enabled: true });
  ids.aNoVoicemail = await made(a.admin.token, '/api/v1/endpoints', { extension: '1002', display_name: 'Bob' });
  ids.bEndpoint = await made(b.admin.token, '/api/v1/endpoints', { extension: '1001', display_name: 'Eve', voicemail_enabled: true });
  ids.aSchedule = await made(a.admin.token, '/api/v1/schedules', { name: 'Hours', weekly_hours: defaultBusinessHours });
  ids.bSchedule = await made(b.admin.token, '/api/v1/schedules', { name: 'Hours', weekly_hours: defaultBusinessHours });
});
afterAll(async () => t?.close());

describe('DIDs', () => {
  it('normalises the number to E.164 and stores the whole routing', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/dids', {
      number: '0049 (30) 123-4567',
      description: 'Main line',
      destination: { type: 'queue', queue_id: ids.aQueue },
      time_condition: { mode: 'schedule', schedule_id: ids.aSchedule },
      closed_destination: { type: 'voicemail', endpoint_id: ids.aEndpoint },
      unanswered_fallback: 'hangup',
      caller_id_name_prefix: 'Sales: ',
      recording_enabled: true,
      sms: { enabled: true, webhook_url: 'https://hooks.example.com/sms', allowed_senders: ['+1 415 555 0100'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      number: '+49301234567',
      description: 'Main line',
      destination: { type: 'queue', queue_id: ids.aQueue },
      time_condition: { mode: 'schedule', schedule_id: ids.aSchedule },
      closed_destination: { type: 'voicemail', endpoint_id: ids.aEndpoint },
      unanswered_fallback: 'hangup',
      caller_id_name_prefix: 'Sales: ',
      recording_enabled: true,
      sms: { enabled: true, webhook_url: 'https://hooks.example.com/sms', allowed_senders: ['+14155550100'] },
    });
    expect((await call(a.supervisor.token, 'GET', `/api/v1/dids/${res.body.data.id}`)).body.data).toEqual(res.body.data);
    const audit = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ?', [a.tenantId, res.body.data.id]);
    expect(audit.map((r) => r.action)).toEqual(['did.create']);
  });

  it('refuses numbers that are not E.164, naming the field', async () => {
    for (const number of ['030 1234567', '+49 30 abc', '12', '+49301234567 ext 2']) {
      const res = await call(a.admin.token, 'POST', '/api/v1/dids', { number, destination: { type: 'hangup' } });
      expect(res.status, number).toBe(400);
      expect(paths(res.body)).toEqual(['body.number']);
    }
  });

  it('refuses a caller-id prefix that would break the SIP header', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/dids', {
      number: '+4940555400',
      destination: { type: 'hangup' },
      caller_id_name_prefix: 'Sales" <sip:x>',
    });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['body.caller_id_name_prefix']);
  });

  it('keeps numbers unique across the whole platform', async () => {
    const dup = await call(b.admin.token, 'POST', '/api/v1/dids', { number: '+49 30 1234567', destination: { type: 'hangup' } });
    expect(dup.status).toBe(409);
    expect(paths(dup.body)).toEqual(['body.number']);
    const own = await call(a.admin.token, 'POST', '/api/v1/dids', { number: '+49301234567', destination: { type: 'hangup' } });
    expect(own.status).toBe(409);
    expect(await q('SELECT id FROM dids WHERE tenant_id = ?', [b.tenantId])).toEqual([]);
  });

  it("refuses destinations that are not this tenant's, naming the field (T3)", async () => {
    const cases: [object, string][] = [
      [{ destination: { type: 'queue', queue_id: ids.bQueue } }, 'body.destination.queue_id'],
      [{ destination: { type: 'endpoint', endpoint_id: ids.bEndpoint } }, 'body.destination.endpoint_id'],
      [{ destination: { type: 'voicemail', endpoint_id: ids.bEndpoint } }, 'body.destination.endpoint_id'],
      [{ destination: { type: 'ivr', ivr_menu_id: ids.bQueue } }, 'body.destination.ivr_menu_id'],
      [{ destination: { type: 'voicemail', endpoint_id: ids.aNoVoicemail } }, 'body.destination.endpoint_id'],
      [
        {
          destination: { type: 'hangup' },
          time_condition: { mode: 'business_hours' },
          closed_destination: { type: 'queue', queue_id: ids.bQueue },
        },
        'body.closed_destination.queue_id',
      ],
      [
        {
          destination: { type: 'hangup' },
          time_condition: { mode: 'schedule', schedule_id: ids.bSchedule },
          closed_destination: { type: 'hangup' },
        },
        'body.time_condition.schedule_id',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call(a.admin.token, 'POST', '/api/v1/dids', { number: '+4940555000', ...body });
      expect(res.status, field).toBe(422);
      expect(paths(res.body)).toEqual([field]);
    }
    expect(await q("SELECT id FROM dids WHERE number = '+4940555000'")).toEqual([]);
  });

  it('needs a closed destination exactly when a time condition is set', async () => {
    const missing = await call(a.admin.token, 'POST', '/api/v1/dids', {
      number: '+4940555001',
      destination: { type: 'hangup' },
      time_condition: { mode: 'business_hours' },
    });
    expect(missing.status).toBe(400);
    expect(paths(missing.body)).toEqual(['body.closed_destination']);
    const stray = await call(a.admin.token, 'POST', '/api/v1/dids', {
      number: '+4940555001',
      destination: { type: 'hangup' },
      closed_destination: { type: 'hangup' },
    });
    expect(paths(stray.body)).toEqual(['body.closed_destination']);
  });

  it('refuses SMS webhooks to private or internal hosts (I6) and bad senders', async () => {
    for (const url of ['http://localhost:8080/x', 'http://169.254.169.254/latest', 'http://10.0.0.5/', 'http://[::1]/', 'ftp://example.com/']) {
      const res = await call(a.admin.token, 'POST', '/api/v1/dids', {
        number: '+4940555002',
        destination: { type: 'hangup' },
        sms: { enabled: true, webhook_url: url },
      });
      expect(res.status, url).toBe(400);
      expect(paths(res.body), url).toEqual(['body.sms.webhook_url']);
    }
    const sender = await call(a.admin.token, 'POST', '/api/v1/dids', {
      number: '+4940555002',
      destination: { type: 'hangup' },
      sms: { enabled: true, allowed_senders: ['not a number'] },
    });
    expect(paths(sender.body)).toEqual(['body.sms.allowed_senders.0']);
  });

  it('updates by merging and checks the merged result', async () => {
    const id = await made(a.admin.token, '/api/v1/dids', { number: '+4940555003', destination: { type: 'endpoint', endpoint_id: ids.aEndpoint } });
    const timed = await call(a.admin.token, 'PATCH', `/api/v1/dids/${id}`, {
      time_condition: { mode: 'business_hours' },
      closed_destination: { type: 'external', number: '+44 20 7946 0958' },
    });
    expect(timed.status).toBe(200);
    expect(timed.body.data).toMatchObject({
      destination: { type: 'endpoint', endpoint_id: ids.aEndpoint },
      closed_destination: { type: 'external', number: '+442079460958' },
    });
    const half = await call(a.admin.token, 'PATCH', `/api/v1/dids/${id}`, { closed_destination: null });
    expect(half.status).toBe(400);
    const off = await call(a.admin.token, 'PATCH', `/api/v1/dids/${id}`, { time_condition: null, closed_destination: null });
    expect(off.body.data).toMatchObject({ time_condition: null, closed_destination: null });
    const foreign = await call(a.admin.token, 'PATCH', `/api/v1/dids/${id}`, { destination: { type: 'queue', queue_id: ids.bQueue } });
    expect(foreign.status).toBe(422);
    const taken = await call(a.admin.token, 'PATCH', `/api/v1/dids/${id}`, { number: '+49 30 1234567' });
    expect(taken.status).toBe(409);
    const actions = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ? ORDER BY id', [a.tenantId, id]);
    expect(actions.map((r) => r.action)).toEqual(['did.create', 'did.update', 'did.update']);
  });

  it('lists with search, destination type filter and pagination', async () => {
    const bySpaced = await call(a.admin.token, 'GET', `/api/v1/dids?search=${encodeURIComponent('30 123')}`);
    expect(bySpaced.body.data.map((d: { number: string }) => d.number)).toEqual(['+49301234567']);
    const byText = await call(a.admin.token, 'GET', '/api/v1/dids?search=Main');
    expect(byText.body.data.map((d: { number: string }) => d.number)).toEqual(['+49301234567']);
    const byType = await call(a.admin.token, 'GET', '/api/v1/dids?destination_type=endpoint');
    expect(byType.body.data.map((d: { number: string }) => d.number)).toEqual(['+4940555003']);
    const first = await call(a.admin.token, 'GET', '/api/v1/dids?limit=1');
    expect(first.body.data).toHaveLength(1);
    const second = await call(a.admin.token, 'GET', `/api/v1/dids?limit=1&cursor=${first.body.meta.next_cursor}`);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    expect((await call(a.admin.token, 'GET', '/api/v1/dids?destination_type=fax')).status).toBe(400);
  });

  it('refuses to delete a queue or schedule a DID routes through, naming the DID', async () => {
    const queue = await call(a.admin.token, 'DELETE', `/api/v1/queues/${ids.aQueue}`);
    expect(queue.status).toBe(409);
    expect(queue.body.error.message).toContain('DID +49301234567');
    const schedule = await call(a.admin.token, 'DELETE', `/api/v1/schedules/${ids.aSchedule}`);
    expect(schedule.status).toBe(409);
    expect(schedule.body.error.message).toContain('+49301234567');
  });

  it('makes a DID on a foreign schedule impossible at the database too (T5)', async () => {
    await expect(
      q(
        `INSERT INTO dids (id, tenant_id, number, destination, destination_type, time_condition_mode, schedule_id,
           sms_allowed_senders, created_at, updated_at)
         VALUES (UUID(), ?, '+4940555999', '{"type":"hangup"}', 'hangup', 'schedule', ?, '[]', NOW(3), NOW(3))`,
        [a.tenantId, ids.bSchedule],
      ),
    ).rejects.toThrow(/foreign key/i);
  });

  it('deletes with an audit entry; foreign ids answer 404', async () => {
    const theirs = await made(b.admin.token, '/api/v1/dids', { number: '+4940555100', destination: { type: 'hangup' } });
    expect((await call(a.admin.token, 'GET', `/api/v1/dids/${theirs}`)).status).toBe(404);
    expect((await call(a.admin.token, 'PATCH', `/api/v1/dids/${theirs}`, { description: 'x' })).status).toBe(404);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/dids/${theirs}`)).status).toBe(404);
    const mine = await made(a.admin.token, '/api/v1/dids', { number: '+4940555101', destination: { type: 'hangup' } });
    expect((await call(a.admin.token, 'DELETE', `/api/v1/dids/${mine}`)).status).toBe(200);
    expect((await call(a.admin.token, 'GET', `/api/v1/dids/${mine}`)).status).toBe(404);
    expect((await q('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT 1', [mine]))[0]?.action).toBe('did.delete');
  });

  it('enforces the dids limit', async () => {
    const c = await createTestTenant(t.app);
    await q("UPDATE tenants SET limits = JSON_SET(limits, '$.dids', 1) WHERE id = ?", [c.tenantId]);
    expect((await call(c.admin.token, 'POST', '/api/v1/dids', { number: '+4940555200', destination: { type: 'hangup' } })).status).toBe(201);
    const over = await call(c.admin.token, 'POST', '/api/v1/dids', { number: '+4940555201', destination: { type: 'hangup' } });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 'dids' } });
  });

  it('keeps agents out: dids.read is for supervisors and admins', async () => {
    expect((await call(a.agent.token, 'GET', '/api/v1/dids')).status).toBe(403);
    expect((await call(a.supervisor.token, 'POST', '/api/v1/dids', { number: '+4940555300', destination: { type: 'hangup' } })).status).toBe(403);
  });
});

describe('destination options', () => {
  it('lists queues, endpoints and voicemail boxes of this tenant only, with labels', async () => {
    const res = await call(a.supervisor.token, 'GET', '/api/v1/destinations?limit=100');
    expect(res.status).toBe(200);
    const got = res.body.data.map((o: { kind: string; label: string }) => `${o.kind}|${o.label}`);
    expect(got).toEqual(
      expect.arrayContaining(['queue|Queue: Sales', 'endpoint|1001 — Alice', 'endpoint|1002 — Bob', 'voicemail|Voicemail 1001 — Alice']),
    );
    expect(got).not.toContain('voicemail|Voicemail 1002 — Bob');
    expect(JSON.stringify(res.body)).not.toContain(ids.bQueue);
    expect(JSON.stringify(res.body)).not.toContain(ids.bEndpoint);
    const option = res.body.data.find((o: { kind: string }) => o.kind === 'voicemail');
    expect(option.destination).toEqual({ type: 'voicemail', endpoint_id: ids.aEndpoint });
  });

  it('pages across kinds and filters by kind and search', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { kind: string; id: string }[]; meta: { next_cursor: string | null } } } = await call(
        a.admin.token,
        'GET',
        `/api/v1/destinations?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...page.body.data.map((o) => `${o.kind}:${o.id}`));
      cursor = page.body.meta.next_cursor;
    } while (cursor);
    const whole = (await call(a.admin.token, 'GET', '/api/v1/destinations?limit=100')).body.data.map(
      (o: { kind: string; id: string }) => `${o.kind}:${o.id}`,
    );
    expect(all).toEqual(whole);
    const endpoints = await call(a.admin.token, 'GET', '/api/v1/destinations?kind=endpoint&search=Bob');
    expect(endpoints.body.data.map((o: { id: string }) => o.id)).toEqual([ids.aNoVoicemail]);
  });
});
