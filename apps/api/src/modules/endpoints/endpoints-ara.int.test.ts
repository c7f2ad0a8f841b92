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
  t = await createTestApp();
  a = await createTestTenant(t.app);
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
const count = async (sql: string, params: unknown[] = []) => Number((await q(sql, params))[0]!.n);
const create = async (extension: string, extra: object = {}) => {
  const res = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
    extension,
    display_name: `Phone ${extension}`,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; sip_username: string };
};

describe('one transaction for Switchboard and Asterisk rows', () => {
  it('leaves neither side changed when an ARA write fails mid-way', async () => {
    // The endpoint and AOR rows are written first; the auth insert then fails inside the transaction.
    await q(`CREATE TRIGGER fail_ps_auths BEFORE INSERT ON ps_auths FOR EACH ROW
             SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected ps_auths failure'`);
    try {
      const failed = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
        extension: '7001',
        display_name: 'Broken',
      });
      expect(failed.status).toBe(500);
      expect(failed.raw).not.toContain('injected');
      expect(
        await count('SELECT COUNT(*) AS n FROM endpoints WHERE tenant_id = ? AND extension = ?', [
          a.tenantId,
          '7001',
        ]),
      ).toBe(0);
      expect(await count("SELECT COUNT(*) AS n FROM ps_endpoints WHERE id LIKE '%\\_7001'")).toBe(0);
      expect(await count("SELECT COUNT(*) AS n FROM ps_aors WHERE id LIKE '%\\_7001'")).toBe(0);
      expect(
        await count(
          "SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'endpoint.create'",
          [a.tenantId],
        ),
      ).toBe(0);
    } finally {
      await q('DROP TRIGGER fail_ps_auths');
    }
  });

  it('keeps the old rows when an update fails mid-way', async () => {
    const ep = await create('7002');
    const before = await q('SELECT * FROM ps_endpoints WHERE id = ?', [ep.sip_username]);
    await q(`CREATE TRIGGER fail_ps_aors BEFORE INSERT ON ps_aors FOR EACH ROW
             SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected ps_aors failure'`);
    try {
      expect(
        (
          await call(a.admin.token, 'PATCH', `/api/v1/endpoints/${ep.id}`, {
            extension: '7003',
            codecs: ['alaw'],
          })
        ).status,
      ).toBe(500);
    } finally {
      await q('DROP TRIGGER fail_ps_aors');
    }
    expect(
      (await q('SELECT extension FROM endpoints WHERE tenant_id = ? AND id = ?', [a.tenantId, ep.id]))[0]!
        .extension,
    ).toBe('7002');
    expect(await q('SELECT * FROM ps_endpoints WHERE id = ?', [ep.sip_username])).toEqual(before);
    expect(await count('SELECT COUNT(*) AS n FROM ps_aors WHERE id = ?', [ep.sip_username])).toBe(1);
    expect(
      await count('SELECT COUNT(*) AS n FROM ps_endpoints WHERE id = ?', [
        ep.sip_username.replace(/_7002$/, '_7003'),
      ]),
    ).toBe(0);
  });
});

describe('reveal and regenerate the SIP password', () => {
  it('audits both, changes ps_auths on regenerate, and needs endpoints.write', async () => {
    const ep = await create('8001');
    const revealed = await call(a.admin.token, 'POST', `/api/v1/endpoints/${ep.id}/reveal-password`);
    expect(revealed.status).toBe(200);
    expect(revealed.body.data.sip_username).toBe(ep.sip_username);
    const first = revealed.body.data.password as string;
    expect((await q('SELECT password FROM ps_auths WHERE id = ?', [ep.sip_username]))[0]!.password).toBe(
      first,
    );

    const regen = await call(a.admin.token, 'POST', `/api/v1/endpoints/${ep.id}/regenerate-password`);
    expect(regen.status).toBe(200);
    const second = regen.body.data.password as string;
    expect(second).not.toBe(first);
    expect((await q('SELECT password FROM ps_auths WHERE id = ?', [ep.sip_username]))[0]!.password).toBe(
      second,
    );
    expect(
      (await call(a.admin.token, 'POST', `/api/v1/endpoints/${ep.id}/reveal-password`)).body.data.password,
    ).toBe(second);

    const audit = await q(
      'SELECT action, actor_id, `before`, `after` FROM audit_log WHERE tenant_id = ? AND entity_id = ? ORDER BY id',
      [a.tenantId, ep.id],
    );
    expect(audit.map((r) => r.action)).toEqual([
      'endpoint.create',
      'endpoint.password_reveal',
      'endpoint.password_regenerate',
      'endpoint.password_reveal',
    ]);
    expect(audit.every((r) => r.actor_id === a.admin.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(first);
    expect(JSON.stringify(audit)).not.toContain(second);

    for (const action of ['reveal-password', 'regenerate-password']) {
      expect((await call(a.supervisor.token, 'POST', `/api/v1/endpoints/${ep.id}/${action}`)).status).toBe(
        403,
      );
    }
  });
});

describe('ara:sync', () => {
  it('repairs drift, removes namespaced orphans, leaves foreign rows and contacts alone, and is idempotent', async () => {
    const ep = await create('9001', { voicemail_enabled: true });
    const disabled = await create('9002');
    await call(a.admin.token, 'PATCH', `/api/v1/endpoints/${disabled.id}`, { enabled: false });
    const sync = t.app.container.araSync;
    // Earlier tests left everything consistent.
    expect(await sync.run()).toEqual({ added: [], updated: [], removed: [] });

    const original = await q('SELECT * FROM ps_endpoints WHERE id = ?', [ep.sip_username]);
    await q('DELETE FROM ps_auths WHERE id = ?', [ep.sip_username]);
    await q("UPDATE ps_endpoints SET allow = 'gsm', context = 'default' WHERE id = ?", [ep.sip_username]);
    await q("INSERT INTO ps_aors (id, max_contacts) VALUES ('t999999_1234', 1)");
    await q("INSERT INTO ps_endpoints (id, context) VALUES ('hand_made_1', 'from-internal')");
    await q('INSERT INTO ps_contacts (id, uri, expiration_time) VALUES (?, ?, ?)', [
      `${ep.sip_username}^3B@x`,
      'sip:a@b',
      1,
    ]);

    const dry = await sync.run({ dryRun: true });
    expect(dry.added).toHaveLength(1);
    expect(await count('SELECT COUNT(*) AS n FROM ps_auths WHERE id = ?', [ep.sip_username])).toBe(0);

    const report = await sync.run();
    expect(report.added).toEqual([{ table: 'ps_auths', id: ep.sip_username }]);
    expect(report.updated).toEqual([
      { table: 'ps_endpoints', id: ep.sip_username, columns: ['context', 'allow'] },
    ]);
    expect(report.removed).toEqual([{ table: 'ps_aors', id: 't999999_1234' }]);
    expect(await q('SELECT * FROM ps_endpoints WHERE id = ?', [ep.sip_username])).toEqual(original);
    expect((await q('SELECT password FROM ps_auths WHERE id = ?', [ep.sip_username]))[0]!.password).toBe(
      (await call(a.admin.token, 'POST', `/api/v1/endpoints/${ep.id}/reveal-password`)).body.data.password,
    );
    expect(await count("SELECT COUNT(*) AS n FROM ps_endpoints WHERE id = 'hand_made_1'")).toBe(1);
    expect(
      await count('SELECT COUNT(*) AS n FROM ps_contacts WHERE id = ?', [`${ep.sip_username}^3B@x`]),
    ).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM ps_endpoints WHERE id = ?', [disabled.sip_username])).toBe(
      0,
    );

    expect(await sync.run()).toEqual({ added: [], updated: [], removed: [] });
  });
});
