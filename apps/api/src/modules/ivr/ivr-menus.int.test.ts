import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let b: TestTenant;
let storageDir: string;
const ids = { aQueue: '', bQueue: '', aEndpoint: '', aAudio: '', bAudio: '' };

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
async function uploadOgg(token: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/audio?name=Greeting',
    headers: { ...bearer(token), 'content-type': 'audio/ogg' },
    payload: Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(100)]),
  });
  return res.json().data.id;
}
const q = async (sql: string, params: unknown[] = []) => (await t.app.container.dbHandle.pool.query<RowDataPacket[]>(sql, params))[0];
const paths = (body: { error: { details?: { fields?: { path: string }[] } } }) => (body.error.details?.fields ?? []).map((f) => f.path);

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), 'sb-ivr-'));
  t = await createTestApp({ env: { STORAGE_DIR: storageDir } });
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
  ids.aQueue = await made(a.admin.token, '/api/v1/queues', { name: 'Sales' });
  ids.bQueue = await made(b.admin.token, '/api/v1/queues', { name: 'Sales' });
  ids.aEndpoint = await made(a.admin.token, '/api/v1/endpoints', { extension: '1001', display_name: 'Alice', voicemail_enabled: true });
  ids.aAudio = await uploadOgg(a.admin.token);
  ids.bAudio = await uploadOgg(b.admin.token);
});
afterAll(async () => {
  await t?.close();
  await rm(storageDir, { recursive: true, force: true });
});

describe('IVR menus', () => {
  let mainId = '';

  it('creates a menu with a sound greeting and options, and reads it back', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', {
      name: 'Main menu',
      greeting: { type: 'sound', name: 'custom/welcome' },
      options: [
        { digit: '1', destination: { type: 'queue', queue_id: ids.aQueue } },
        { digit: '2', destination: { type: 'voicemail', endpoint_id: ids.aEndpoint } },
        { digit: '#', destination: { type: 'external', number: '0044 20 7946 0958' } },
        { digit: '*', destination: { type: 'hangup' } },
      ],
      timeout_seconds: 7,
      timeout_destination: { type: 'queue', queue_id: ids.aQueue },
      invalid_destination: { type: 'hangup' },
      max_retries: 2,
    });
    expect(res.status).toBe(201);
    mainId = res.body.data.id;
    expect(res.body.data).toMatchObject({
      name: 'Main menu',
      greeting: { type: 'sound', name: 'custom/welcome' },
      timeout_seconds: 7,
      max_retries: 2,
      enabled: true,
    });
    expect(res.body.data.options[2]).toEqual({ digit: '#', destination: { type: 'external', number: '+442079460958' } });
    expect((await call(a.supervisor.token, 'GET', `/api/v1/ivr-menus/${mainId}`)).body.data).toEqual(res.body.data);
  });

  it('validates sound names, digits and duplicates, naming the field', async () => {
    for (const name of ['../../etc/passwd', '/var/lib/sound', 'welcome.wav', 'a b', '']) {
      const res = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', { name: 'Bad', greeting: { type: 'sound', name } });
      expect(res.status, name).toBe(400);
      expect(paths(res.body), name).toContain('body.greeting.name');
    }
    const dup = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', {
      name: 'Bad',
      options: [
        { digit: '1', destination: { type: 'hangup' } },
        { digit: '1', destination: { type: 'hangup' } },
      ],
    });
    expect(paths(dup.body)).toContain('body.options.1.digit');
    const digit = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', { name: 'Bad', options: [{ digit: 'A', destination: { type: 'hangup' } }] });
    expect(paths(digit.body)).toContain('body.options.0.digit');
    const timeout = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', { name: 'Bad', timeout_seconds: 0 });
    expect(paths(timeout.body)).toContain('body.timeout_seconds');
    const taken = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', { name: 'Main menu' });
    expect(taken.status).toBe(409);
    expect(paths(taken.body)).toEqual(['body.name']);
  });

  it("refuses another tenant's queue, menu or audio anywhere in the menu (T3)", async () => {
    const cases: [object, string][] = [
      [{ options: [{ digit: '1', destination: { type: 'queue', queue_id: ids.bQueue } }] }, 'body.options.0.destination.queue_id'],
      [{ greeting: { type: 'audio', audio_id: ids.bAudio } }, 'body.greeting.audio_id'],
      [{ timeout_destination: { type: 'ivr', ivr_menu_id: ids.bQueue } }, 'body.timeout_destination.ivr_menu_id'],
      [{ invalid_destination: { type: 'endpoint', endpoint_id: ids.bQueue } }, 'body.invalid_destination.endpoint_id'],
    ];
    for (const [body, field] of cases) {
      const res = await call(a.admin.token, 'POST', '/api/v1/ivr-menus', { name: 'Probe', ...body });
      expect(res.status, field).toBe(422);
      expect(paths(res.body)).toEqual([field]);
      const patch = await call(a.admin.token, 'PATCH', `/api/v1/ivr-menus/${mainId}`, body);
      expect(patch.status, field).toBe(422);
    }
    expect(await q("SELECT id FROM ivr_menus WHERE name = 'Probe'")).toEqual([]);
  });

  it('greets with an uploaded file, which then cannot be deleted', async () => {
    const res = await call(a.admin.token, 'PATCH', `/api/v1/ivr-menus/${mainId}`, { greeting: { type: 'audio', audio_id: ids.aAudio } });
    expect(res.status).toBe(200);
    expect(res.body.data.greeting).toEqual({ type: 'audio', audio_id: ids.aAudio });
    expect(res.body.data.options).toHaveLength(4);
    const del = await call(a.admin.token, 'DELETE', `/api/v1/audio/${ids.aAudio}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('Main menu');
    await expect(
      q("INSERT INTO ivr_menus (id, tenant_id, name, greeting_type, greeting_audio_id, options, created_at, updated_at) VALUES (UUID(), ?, 'X', 'audio', ?, '[]', NOW(3), NOW(3))", [
        a.tenantId,
        ids.bAudio,
      ]),
    ).rejects.toThrow(/foreign key/i);
  });

  it('refuses to delete a menu that a DID or another menu routes to; a self-loop is fine', async () => {
    const sub = await made(a.admin.token, '/api/v1/ivr-menus', {
      name: 'Sub menu',
      options: [{ digit: '9', destination: { type: 'ivr', ivr_menu_id: mainId } }],
    });
    await call(a.admin.token, 'PATCH', `/api/v1/ivr-menus/${sub}`, {
      options: [{ digit: '0', destination: { type: 'ivr', ivr_menu_id: sub } }],
    });
    await call(a.admin.token, 'PATCH', `/api/v1/ivr-menus/${mainId}`, {
      options: [{ digit: '3', destination: { type: 'ivr', ivr_menu_id: sub } }],
    });
    const did = await made(a.admin.token, '/api/v1/dids', { number: '+4940777000', destination: { type: 'ivr', ivr_menu_id: mainId } });
    const refused = await call(a.admin.token, 'DELETE', `/api/v1/ivr-menus/${mainId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('DID +4940777000');
    const subRefused = await call(a.admin.token, 'DELETE', `/api/v1/ivr-menus/${sub}`);
    expect(subRefused.body.error.message).toContain('IVR menu Main menu');
    await call(a.admin.token, 'DELETE', `/api/v1/dids/${did}`);
    await call(a.admin.token, 'PATCH', `/api/v1/ivr-menus/${mainId}`, { options: [] });
    expect((await call(a.admin.token, 'DELETE', `/api/v1/ivr-menus/${sub}`)).status).toBe(200);
    const actions = await q('SELECT action FROM audit_log WHERE tenant_id = ? AND entity_id = ? ORDER BY id', [a.tenantId, sub]);
    expect(actions.map((r) => r.action)).toEqual(['ivr_menu.create', 'ivr_menu.update', 'ivr_menu.delete']);
  });

  it('lists with search and shows up in the destination picker', async () => {
    const list = await call(a.admin.token, 'GET', '/api/v1/ivr-menus?search=Main');
    expect(list.body.data.map((m: { id: string }) => m.id)).toEqual([mainId]);
    const options = await call(a.admin.token, 'GET', '/api/v1/destinations?kind=ivr');
    expect(options.body.data).toEqual([
      { kind: 'ivr', id: mainId, label: 'IVR: Main menu', enabled: true, destination: { type: 'ivr', ivr_menu_id: mainId } },
    ]);
  });

  it("answers 404 for another tenant's menu", async () => {
    const theirs = await made(b.admin.token, '/api/v1/ivr-menus', { name: 'Theirs' });
    expect((await call(a.admin.token, 'GET', `/api/v1/ivr-menus/${theirs}`)).status).toBe(404);
    expect((await call(a.admin.token, 'PATCH', `/api/v1/ivr-menus/${theirs}`, { name: 'Mine' })).status).toBe(404);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/ivr-menus/${theirs}`)).status).toBe(404);
    expect(JSON.stringify((await call(a.admin.token, 'GET', '/api/v1/ivr-menus?limit=100')).body)).not.toContain(theirs);
  });
});
