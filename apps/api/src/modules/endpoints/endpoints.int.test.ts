import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import {
  bearer,
  createTestApp,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp({
    env: { SIP_DOMAIN: 'pbx.example.test', SIP_WSS_URL: 'wss://pbx.example.test/ws' },
  });
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json(), raw: res.body };
}
const q = async (sql: string, params: unknown[] = []) =>
  (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
/** Only the non-NULL columns: what the row tells Asterisk (NULL = Asterisk's default). */
const setColumns = (row: RowDataPacket | undefined) =>
  row ? Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) : undefined;
const araRows = async (id: string) => ({
  endpoint: setColumns((await q('SELECT * FROM ps_endpoints WHERE id = ?', [id]))[0]),
  aor: setColumns((await q('SELECT * FROM ps_aors WHERE id = ?', [id]))[0]),
  auth: setColumns((await q('SELECT * FROM ps_auths WHERE id = ?', [id]))[0]),
});

describe('endpoints → ARA rows', () => {
  it('creates a SIP phone and exactly the endpoint, AOR and auth Asterisk expects', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '1001',
      display_name: 'Front desk',
      user_id: a.agent.id,
      codecs: ['g722', 'ulaw'],
      voicemail_enabled: true,
    });
    expect(res.status).toBe(201);
    const ep = res.body.data;
    expect(ep.sip_username).toMatch(/^t[0-9]+_1001$/);
    const prefix = ep.sip_username.split('_')[0];
    expect(ep.sip_settings).toEqual({
      domain: 'pbx.example.test',
      port: 5060,
      transport: 'udp',
      username: ep.sip_username,
      wss_url: null,
    });
    expect(ep.registration).toEqual({ status: 'unregistered', contacts: [] });

    const rows = await araRows(ep.sip_username);
    const password = (await call(a.admin.token, 'POST', `/api/v1/endpoints/${ep.id}/reveal-password`)).body
      .data.password;
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(rows.endpoint).toEqual({
      id: ep.sip_username,
      transport: 'transport-udp',
      aors: ep.sip_username,
      auth: ep.sip_username,
      context: 'switchboard-phones',
      disallow: 'all',
      allow: 'g722,ulaw',
      direct_media: 'no',
      rtp_symmetric: 'yes',
      force_rport: 'yes',
      rewrite_contact: 'yes',
      dtmf_mode: 'rfc4733',
      callerid: '"Front desk" <1001>',
      mailboxes: `1001@${prefix}`,
      set_var: `SWITCHBOARD_TENANT=${a.tenantId}`,
      accountcode: a.tenantId,
      tenantid: a.tenantId,
    });
    expect(rows.aor).toEqual({
      id: ep.sip_username,
      max_contacts: 1,
      remove_existing: 'yes',
      qualify_frequency: 60,
      mailboxes: `1001@${prefix}`,
    });
    expect(rows.auth).toEqual({
      id: ep.sip_username,
      auth_type: 'userpass',
      username: ep.sip_username,
      password,
    });
    // The password never travels in list or detail answers.
    expect(res.raw).not.toContain(password);
    expect((await call(a.admin.token, 'GET', `/api/v1/endpoints/${ep.id}`)).raw).not.toContain(password);
    expect((await call(a.admin.token, 'GET', '/api/v1/endpoints')).raw).not.toContain(password);
    expect(
      (await q('SELECT sip_password_enc FROM endpoints WHERE id = ?', [ep.id]))[0]!.sip_password_enc,
    ).not.toContain(password);
  });

  it('creates a WebRTC endpoint on the wss transport with webrtc=yes and shows the wss URL', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '2001',
      display_name: 'Browser',
      kind: 'webrtc',
      nat: false,
    });
    expect(res.status).toBe(201);
    const ep = res.body.data;
    expect(ep.sip_settings).toMatchObject({ transport: 'wss', wss_url: 'wss://pbx.example.test/ws' });
    const rows = await araRows(ep.sip_username);
    expect(rows.endpoint).toMatchObject({
      transport: 'transport-wss',
      webrtc: 'yes',
      allow: 'ulaw,alaw',
      rtp_symmetric: 'yes',
    });
    expect(rows.endpoint).not.toHaveProperty('mailboxes');
  });

  it('keeps the ARA rows in step on update, rename, disable, enable and delete', async () => {
    const created = (
      await call(a.admin.token, 'POST', '/api/v1/endpoints', {
        extension: '3001',
        display_name: 'Desk',
        nat: false,
      })
    ).body.data;
    const oldId = created.sip_username as string;
    expect((await araRows(oldId)).endpoint).toMatchObject({ rtp_symmetric: 'no', rewrite_contact: 'no' });

    const upd = await call(a.admin.token, 'PATCH', `/api/v1/endpoints/${created.id}`, {
      extension: '3002',
      caller_id_name: 'Sales',
      caller_id_number: '+442071234567',
      max_contacts: 3,
      codecs: ['alaw'],
    });
    expect(upd.status).toBe(200);
    const newId = upd.body.data.sip_username as string;
    expect(newId).toBe(oldId.replace(/_3001$/, '_3002'));
    expect(await araRows(oldId)).toEqual({ endpoint: undefined, aor: undefined, auth: undefined });
    const renamed = await araRows(newId);
    expect(renamed.endpoint).toMatchObject({
      id: newId,
      allow: 'alaw',
      callerid: '"Sales" <+442071234567>',
      aors: newId,
      auth: newId,
    });
    expect(renamed.aor).toMatchObject({ max_contacts: 3 });
    expect(renamed.auth).toMatchObject({ username: newId });

    expect(
      (await call(a.admin.token, 'PATCH', `/api/v1/endpoints/${created.id}`, { enabled: false })).body.data
        .enabled,
    ).toBe(false);
    expect(await araRows(newId)).toEqual({ endpoint: undefined, aor: undefined, auth: undefined });
    await call(a.admin.token, 'PATCH', `/api/v1/endpoints/${created.id}`, { enabled: true });
    expect((await araRows(newId)).endpoint).toMatchObject({ id: newId });

    expect((await call(a.admin.token, 'DELETE', `/api/v1/endpoints/${created.id}`)).status).toBe(200);
    expect(await araRows(newId)).toEqual({ endpoint: undefined, aor: undefined, auth: undefined });
    expect((await call(a.admin.token, 'GET', `/api/v1/endpoints/${created.id}`)).status).toBe(404);
  });
});

describe('registration status from ps_contacts', () => {
  it('is registered only while an unexpired contact exists for the AOR', async () => {
    const ep = (
      await call(a.admin.token, 'POST', '/api/v1/endpoints', {
        extension: '4001',
        display_name: 'Reg',
        max_contacts: 2,
      })
    ).body.data;
    const aor = ep.sip_username as string;
    const now = Math.floor(Date.now() / 1000);
    await q(
      'INSERT INTO ps_contacts (id, uri, expiration_time, user_agent, via_addr, via_port, endpoint) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [`${aor}^3B@expired`, 'sip:old@10.0.0.9:5060', now - 30, 'Old Phone', '10.0.0.9', 5060, aor],
    );
    // An AOR whose name extends this one (t1_40011) must not count as this endpoint's contact.
    await q('INSERT INTO ps_contacts (id, uri, expiration_time) VALUES (?, ?, ?)', [
      `${aor}1^3B@other`,
      'sip:x@10.0.0.8',
      now + 300,
    ]);
    const before = (await call(a.admin.token, 'GET', `/api/v1/endpoints/${ep.id}`)).body.data.registration;
    expect(before).toEqual({ status: 'unregistered', contacts: [] });

    await q(
      'INSERT INTO ps_contacts (id, uri, expiration_time, user_agent, via_addr, via_port, endpoint) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [`${aor}^3B@abc123`, 'sip:4001@192.0.2.10:5062;ob', now + 120, 'Yealink T54W', '192.0.2.10', 5062, aor],
    );
    const detail = (await call(a.admin.token, 'GET', `/api/v1/endpoints/${ep.id}`)).body.data.registration;
    expect(detail).toEqual({
      status: 'registered',
      contacts: [
        {
          uri: 'sip:4001@192.0.2.10:5062;ob',
          user_agent: 'Yealink T54W',
          expires_at: new Date((now + 120) * 1000).toISOString(),
          via_addr: '192.0.2.10',
          via_port: 5062,
        },
      ],
    });
    const list = (await call(a.admin.token, 'GET', '/api/v1/endpoints?search=4001')).body.data;
    expect(list).toHaveLength(1);
    expect(list[0].registration.status).toBe('registered');
  });
});

describe('validation, limits and permissions', () => {
  it('answers 409 naming the extension when it is taken', async () => {
    await call(a.admin.token, 'POST', '/api/v1/endpoints', { extension: '5001', display_name: 'One' });
    const dup = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '5001',
      display_name: 'Two',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields[0].path).toBe('body.extension');
  });

  it('names the bad field on invalid input', async () => {
    const bad = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '01',
      display_name: 'X',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path)).toContain('body.extension');
    const codec = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '5002',
      display_name: 'X',
      codecs: ['mp3'],
    });
    expect(codec.status).toBe(400);
    expect(codec.body.error.message).toContain('body.codecs');
    const extra = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '5003',
      display_name: 'X',
      tenant_id: 'x',
    });
    expect(extra.status).toBe(400);
    const user = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '5004',
      display_name: 'X',
      user_id: 'no-such-user',
    });
    expect(user.status).toBe(422);
    expect(user.body.error.details.fields[0].path).toBe('body.user_id');
  });

  it('accepts the longest allowed values and still fits Asterisk columns', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '9999999999',
      display_name: 'N'.repeat(80),
      caller_id_number: `+${'1'.repeat(19)}`,
      voicemail_enabled: true,
      max_contacts: 10,
    });
    expect(res.status).toBe(201);
    const row = (
      await q('SELECT callerid, mailboxes FROM ps_endpoints WHERE id = ?', [res.body.data.sip_username])
    )[0]!;
    expect(String(row.callerid).length).toBeLessThanOrEqual(40);
    expect(row.mailboxes).toMatch(/^9999999999@t[0-9]+$/);
    await call(a.admin.token, 'DELETE', `/api/v1/endpoints/${res.body.data.id}`);
  });

  it('filters the list by kind, enabled, user and search', async () => {
    const byKind = (await call(a.admin.token, 'GET', '/api/v1/endpoints?kind=webrtc')).body.data;
    expect(byKind.length).toBeGreaterThan(0);
    expect(byKind.every((e: { kind: string }) => e.kind === 'webrtc')).toBe(true);
    const byUser = (await call(a.admin.token, 'GET', `/api/v1/endpoints?user_id=${a.agent.id}`)).body.data;
    expect(byUser.map((e: { extension: string }) => e.extension)).toEqual(['1001']);
    const page1 = await call(a.admin.token, 'GET', '/api/v1/endpoints?limit=2');
    expect(page1.body.data).toHaveLength(2);
    const page2 = await call(
      a.admin.token,
      'GET',
      `/api/v1/endpoints?limit=2&cursor=${page1.body.meta.next_cursor}`,
    );
    expect(page2.body.data[0].id > page1.body.data[1].id).toBe(true);
  });

  it('lets supervisors read but not write, and agents neither', async () => {
    expect((await call(a.supervisor.token, 'GET', '/api/v1/endpoints')).status).toBe(200);
    expect(
      (await call(a.supervisor.token, 'POST', '/api/v1/endpoints', { extension: '6001', display_name: 'X' }))
        .status,
    ).toBe(403);
    expect((await call(a.agent.token, 'GET', '/api/v1/endpoints')).status).toBe(403);
  });

  it("enforces the tenant's endpoint limit and the webrtc feature", async () => {
    const b = await createTestTenant(t.app);
    await q(
      `UPDATE tenants SET limits = JSON_SET(limits, '$.endpoints', 1), features = JSON_SET(features, '$.webrtc', false) WHERE id = ?`,
      [b.tenantId],
    );
    const webrtc = await call(b.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '1001',
      display_name: 'X',
      kind: 'webrtc',
    });
    expect(webrtc.status).toBe(403);
    expect(webrtc.body.error.code).toBe('FEATURE_DISABLED');
    expect(
      (await call(b.admin.token, 'POST', '/api/v1/endpoints', { extension: '1001', display_name: 'X' }))
        .status,
    ).toBe(201);
    const over = await call(b.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '1002',
      display_name: 'Y',
    });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'LIMIT_REACHED',
      details: { limit: 'endpoints', max: 1, used: 1 },
    });
    expect((await q('SELECT COUNT(*) AS n FROM ps_endpoints WHERE tenantid = ?', [b.tenantId]))[0]!.n).toBe(
      1,
    );
  });
});
