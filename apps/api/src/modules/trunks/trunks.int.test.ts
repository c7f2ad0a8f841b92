import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { applyDialRules } from '@switchboard/contracts';
import {
  bearer,
  createPlatformAdmin,
  createTestApp,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

async function call(
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json(), raw: res.body };
}
const q = async (sql: string, params: unknown[] = []) =>
  (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
const setColumns = (row: RowDataPacket | undefined) =>
  row ? Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) : undefined;

describe('registration trunks', () => {
  it('writes endpoint, AOR, outbound auth and registration, and never returns the password', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Carrier One',
      kind: 'registration',
      host: 'sip.carrier.example',
      username: 'acct1234',
      password: 'carrier-secret-9',
      from_domain: 'sip.carrier.example',
      outbound_caller_id: '+442071234567',
      dial_rules: [{ prefix: '00', strip: 2, prepend: '+' }],
    });
    expect(res.status).toBe(201);
    const trunk = res.body.data;
    expect(res.raw).not.toContain('carrier-secret-9');
    expect(trunk).toMatchObject({
      has_password: true,
      shared: false,
      read_only: false,
      port: 5060,
      transport: 'udp',
    });
    const id = trunk.ara_id as string;
    expect(id).toMatch(/^t[0-9]+_trunk_[a-z0-9]{8}$/);

    expect(setColumns((await q('SELECT * FROM ps_endpoints WHERE id = ?', [id]))[0])).toEqual({
      id,
      transport: 'transport-udp',
      aors: id,
      outbound_auth: id,
      context: 'switchboard-trunks',
      disallow: 'all',
      allow: 'ulaw,alaw',
      direct_media: 'no',
      rtp_symmetric: 'yes',
      force_rport: 'yes',
      rewrite_contact: 'yes',
      dtmf_mode: 'rfc4733',
      from_domain: 'sip.carrier.example',
      from_user: 'acct1234',
      send_pai: 'yes',
      send_connected_line: 'no',
      trust_id_inbound: 'yes',
    });
    expect(setColumns((await q('SELECT * FROM ps_aors WHERE id = ?', [id]))[0])).toEqual({
      id,
      contact: 'sip:sip.carrier.example:5060',
      qualify_frequency: 60,
    });
    expect(setColumns((await q('SELECT * FROM ps_auths WHERE id = ?', [id]))[0])).toEqual({
      id,
      auth_type: 'userpass',
      username: 'acct1234',
      password: 'carrier-secret-9',
    });
    expect(setColumns((await q('SELECT * FROM ps_registrations WHERE id = ?', [id]))[0])).toEqual({
      id,
      server_uri: 'sip:sip.carrier.example:5060',
      client_uri: 'sip:acct1234@sip.carrier.example:5060',
      outbound_auth: id,
      transport: 'transport-udp',
      expiration: 3600,
      retry_interval: 60,
      forbidden_retry_interval: 600,
      max_retries: 10000,
      auth_rejection_permanent: 'no',
      line: 'yes',
      endpoint: id,
    });
    const detail = await call(a.admin.token, 'GET', `/api/v1/trunks/${trunk.id}`);
    expect(detail.raw).not.toContain('carrier-secret-9');
    expect((await call(a.admin.token, 'GET', '/api/v1/trunks')).raw).not.toContain('carrier-secret-9');
    const audit = await q("SELECT `after` FROM audit_log WHERE tenant_id = ? AND action = 'trunk.create'", [
      a.tenantId,
    ]);
    expect(JSON.stringify(audit)).not.toContain('carrier-secret-9');
  });

  it('needs credentials and names the missing or bad field', async () => {
    const noPass = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'X',
      kind: 'registration',
      host: 'sip.x.example',
      username: 'u',
    });
    expect(noPass.status).toBe(400);
    expect(noPass.body.error.details.fields[0].path).toBe('body.password');
    const badHost = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Y',
      kind: 'ip',
      host: 'sip://bad host',
    });
    expect(badHost.status).toBe(400);
    expect(badHost.body.error.message).toContain('body.host');
    const badMatch = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Z',
      kind: 'ip',
      host: '192.0.2.1',
      match_ips: ['300.1.1.1/99'],
    });
    expect(badMatch.status).toBe(400);
    const longHost = `${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    const noMatch = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Long',
      kind: 'ip',
      host: longHost,
    });
    expect(noMatch.status).toBe(400);
    expect(noMatch.body.error.details.fields[0].path).toBe('body.match_ips');
    // The longest accepted values still fit Asterisk's columns (no 500 from the database).
    const host200 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(8)}`;
    expect(host200).toHaveLength(200);
    const maxed = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Longest host',
      kind: 'registration',
      host: host200,
      port: 65535,
      username: 'u'.repeat(40),
      password: 'p'.repeat(80),
      from_domain: host200,
    });
    expect(maxed.status).toBe(201);
    const tooLong = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Too long',
      kind: 'ip',
      host: `${host200}d`,
    });
    expect(tooLong.status).toBe(400);
    const dup = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Carrier One',
      kind: 'ip',
      host: '192.0.2.1',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields[0].path).toBe('body.name');
  });
});

describe('IP trunks', () => {
  it('matches by source address and keeps the rows in step on update, disable and delete', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'IP carrier',
      kind: 'ip',
      host: '198.51.100.10',
      transport: 'tcp',
      match_ips: ['198.51.100.0/28', '203.0.113.5'],
      codecs: ['alaw'],
    });
    expect(res.status).toBe(201);
    const trunk = res.body.data;
    const id = trunk.ara_id as string;
    const matches = async () =>
      (
        await q('SELECT id, endpoint, `match` FROM ps_endpoint_id_ips WHERE endpoint = ? ORDER BY id', [id])
      ).map((r) => ({ ...r }));
    expect(await matches()).toEqual([
      { id: `${id}_1`, endpoint: id, match: '198.51.100.0/28' },
      { id: `${id}_2`, endpoint: id, match: '203.0.113.5' },
    ]);
    expect(await q('SELECT id FROM ps_auths WHERE id = ?', [id])).toEqual([]);
    expect(await q('SELECT id FROM ps_registrations WHERE id = ?', [id])).toEqual([]);
    expect(
      (await q('SELECT transport, outbound_auth, allow FROM ps_endpoints WHERE id = ?', [id]))[0],
    ).toMatchObject({
      transport: 'transport-tcp',
      outbound_auth: null,
      allow: 'alaw',
    });

    await call(a.admin.token, 'PATCH', `/api/v1/trunks/${trunk.id}`, { match_ips: [], port: 5080 });
    expect(await matches()).toEqual([{ id: `${id}_1`, endpoint: id, match: '198.51.100.10' }]);
    expect((await q('SELECT contact FROM ps_aors WHERE id = ?', [id]))[0]!.contact).toBe(
      'sip:198.51.100.10:5080',
    );

    await call(a.admin.token, 'PATCH', `/api/v1/trunks/${trunk.id}`, { enabled: false });
    expect(await matches()).toEqual([]);
    expect(await q('SELECT id FROM ps_endpoints WHERE id = ?', [id])).toEqual([]);
    await call(a.admin.token, 'PATCH', `/api/v1/trunks/${trunk.id}`, { enabled: true });
    expect(await matches()).toHaveLength(1);

    expect((await call(a.admin.token, 'DELETE', `/api/v1/trunks/${trunk.id}`)).status).toBe(200);
    expect(await matches()).toEqual([]);
    expect(await q('SELECT id FROM ps_aors WHERE id = ?', [id])).toEqual([]);
  });
});

describe('shared trunks', () => {
  it('only a platform admin may share; other tenants see it read only without details', async () => {
    const denied = await call(a.admin.token, 'POST', '/api/v1/trunks', {
      name: 'Shared?',
      kind: 'ip',
      host: '192.0.2.50',
      shared: true,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.fields[0].path).toBe('body.shared');

    const operator = await createPlatformAdmin(t.app);
    const sw = await call(operator.token, 'POST', '/api/v1/auth/switch-tenant', { tenant_id: a.tenantId });
    expect(sw.status).toBe(200);
    const opToken = sw.body.data.access_token as string;
    const shared = await call(opToken, 'POST', '/api/v1/trunks', {
      name: 'Platform carrier',
      kind: 'registration',
      host: 'sip.platform.example',
      username: 'platform',
      password: 'platform-secret',
      shared: true,
    });
    expect(shared.status).toBe(201);
    const trunkId = shared.body.data.id as string;

    const seen = await call(b.admin.token, 'GET', `/api/v1/trunks/${trunkId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toMatchObject({
      shared: true,
      read_only: true,
      host: null,
      username: null,
      has_password: false,
      ara_id: null,
    });
    const list = (await call(b.admin.token, 'GET', '/api/v1/trunks')).body.data;
    expect(list.map((x: { id: string }) => x.id)).toEqual([trunkId]);
    expect((await call(b.admin.token, 'GET', '/api/v1/trunks?include_shared=false')).body.data).toEqual([]);
    expect(
      (await call(b.admin.token, 'PATCH', `/api/v1/trunks/${trunkId}`, { name: 'Mine now' })).status,
    ).toBe(404);
    expect((await call(b.admin.token, 'DELETE', `/api/v1/trunks/${trunkId}`)).status).toBe(404);
    // The owner tenant's admin can edit it but not unshare it.
    expect((await call(a.admin.token, 'PATCH', `/api/v1/trunks/${trunkId}`, { shared: false })).status).toBe(
      403,
    );
    expect(
      (await call(a.admin.token, 'PATCH', `/api/v1/trunks/${trunkId}`, { name: 'Platform carrier 2' }))
        .status,
    ).toBe(200);
  });
});

describe('ara:sync with trunks', () => {
  it('rebuilds a trunk registration that went missing and then reports no changes', async () => {
    const id = (
      await q('SELECT ara_id FROM trunks WHERE tenant_id = ? AND name = ?', [a.tenantId, 'Carrier One'])
    )[0]!.ara_id as string;
    await q('DELETE FROM ps_registrations WHERE id = ?', [id]);
    const report = await t.app.container.araSync.run();
    expect(report).toEqual({ added: [{ table: 'ps_registrations', id }], updated: [], removed: [] });
    expect(await t.app.container.araSync.run()).toEqual({ added: [], updated: [], removed: [] });
  });

  it('repairs trunk endpoints written before connected-line updates were turned off', async () => {
    const id = (
      await q('SELECT ara_id FROM trunks WHERE tenant_id = ? AND name = ?', [a.tenantId, 'Carrier One'])
    )[0]!.ara_id as string;
    // A row as older releases wrote it: send_connected_line unset (Asterisk's default: yes).
    await q('UPDATE ps_endpoints SET send_connected_line = NULL WHERE id = ?', [id]);
    const report = await t.app.container.araSync.run();
    expect(report.updated).toContainEqual({ table: 'ps_endpoints', id, columns: ['sendConnectedLine'] });
    expect((await q('SELECT send_connected_line FROM ps_endpoints WHERE id = ?', [id]))[0]).toEqual({
      send_connected_line: 'no',
    });
    expect(await t.app.container.araSync.run()).toEqual({ added: [], updated: [], removed: [] });
  });
});

describe('dial rules', () => {
  it('applies the first rule whose prefix matches', () => {
    const rules = [
      { prefix: '00', strip: 2, prepend: '+' },
      { prefix: '0', strip: 1, prepend: '+44' },
    ];
    expect(applyDialRules('0049301234', rules)).toBe('+49301234');
    expect(applyDialRules('02071234567', rules)).toBe('+442071234567');
    expect(applyDialRules('+15551234567', rules)).toBe('+15551234567');
  });
});
