import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';
import { isInternalHost } from './trunk-host';

// Issue 16.6: a trunk must not make Asterisk send SIP to this machine or an internal network.
let t: TestApp;
let a: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

const post = (app: TestApp['app'], token: string, body: object) =>
  app.inject({ method: 'POST', url: '/api/v1/trunks', headers: bearer(token), payload: body });

describe('trunk hosts', () => {
  it.each(['127.0.0.1', '169.254.169.254', '10.1.2.3', '172.20.0.1', '192.168.1.10', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', 'localhost'])(
    'refuses %s with 400 naming body.host',
    async (host) => {
      const res = await post(t.app, a.admin.token, { name: `T ${host}`, kind: 'ip', host });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe('body.host');
    },
  );

  it('refuses an update that moves a trunk to the metadata address', async () => {
    const ok = await post(t.app, a.admin.token, { name: 'Carrier', kind: 'ip', host: '203.0.113.10' });
    expect(ok.statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/trunks/${ok.json().data.id}`,
      headers: bearer(a.admin.token),
      payload: { host: '169.254.169.254' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.host');
  });

  it('classifies public addresses and names as external', () => {
    for (const h of ['203.0.113.10', '8.8.8.8', '2001:db8::10', 'sip.carrier.example', '172.32.0.1', '100.128.0.1'])
      expect(isInternalHost(h), h).toBe(false);
  });

  it('accepts loopback carriers when the operator sets TRUNK_ALLOW_PRIVATE_HOSTS', async () => {
    const lab = await createTestApp({ env: { TRUNK_ALLOW_PRIVATE_HOSTS: 'true' } });
    try {
      const tenant = await createTestTenant(lab.app);
      const res = await post(lab.app, tenant.admin.token, { name: 'Local carrier', kind: 'ip', host: '127.0.0.1' });
      expect(res.statusCode).toBe(201);
    } finally {
      await lab.close();
    }
  });
});
