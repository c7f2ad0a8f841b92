import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../helpers';
import { ARI, CARRIER_IP, cli, labKit, waitFor, type LabKit, realtimeErrors, sipp, sippMessages, startAsterisk, stopAsterisk } from './lab';

// One Asterisk for the file, on the test app's own database (ARA tables from the migrations).
let t: TestApp;
let tenant: TestTenant;
let api: LabKit['api'];
let makePhone: LabKit['makePhone'];
let register: LabKit['register'];

beforeAll(async () => {
  t = await createTestApp({
    env: { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' },
  });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  ({ api, makePhone, register } = labKit(t, tenant));
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
}, 120_000);

afterAll(async () => {
  await t?.app.container.telephony.stop();
  await stopAsterisk();
  await t?.close();
});

describe('registration against a real Asterisk (ARA over ODBC)', () => {
  it('an endpoint created through the API registers with the revealed credentials, and the API shows it registered', async () => {
    const p = await makePhone('2001');
    const r = await register(p);
    expect(r.code, r.out + sippMessages('register.xml', p.port)).toBe(0);
    expect(await cli('pjsip show contacts')).toContain(p.user);
    const ep = await waitFor(async () => {
      const g = await api('GET', `/api/v1/endpoints/${p.endpointId}`, tenant.admin.token);
      return g.body.data.registration.status === 'registered' && g.body.data;
    }, 'API shows the endpoint registered');
    expect(ep.registration.contacts.length).toBe(1);
  });

  it('a wrong password is refused', async () => {
    const p = await makePhone('2002');
    const r = await register({ ...p, password: 'wrong-password' }, 'register-refused.xml');
    expect(r.code, r.out).toBe(0);
    expect(await cli('pjsip show contacts')).not.toContain(p.user);
  });

  it('a disabled endpoint cannot register', async () => {
    const p = await makePhone('2003');
    const d = await api('PATCH', `/api/v1/endpoints/${p.endpointId}`, tenant.admin.token, { enabled: false });
    expect(d.status).toBe(200);
    const r = await register(p, 'register-refused.xml');
    expect(r.code, r.out + sippMessages('register-refused.xml', p.port)).toBe(0);
    expect(await cli('pjsip show contacts')).not.toContain(p.user);
    const g = await api('GET', `/api/v1/endpoints/${p.endpointId}`, tenant.admin.token);
    expect(g.body.data.registration.status).toBe('unregistered');
  });

  it('Asterisk logs no realtime or unknown-column errors for our ARA tables', async () => {
    expect(await cli(`pjsip show endpoint ${(await makePhone('2004')).user}`)).toContain('Endpoint:');
    expect(realtimeErrors()).toEqual([]);
  });
});

describe('DID → queue → agent on a real Asterisk', () => {
  it('the Available agent’s phone rings, answers, is bridged with the caller; one record; wrap-up then available', async () => {
    const admin = tenant.admin.token;
    const agent = await makePhone('2101', { agent: true });
    const trunk = await api('POST', '/api/v1/trunks', admin, { name: 'Carrier', kind: 'ip', host: CARRIER_IP, port: 5070 });
    expect(trunk.status, JSON.stringify(trunk.body)).toBe(201);
    const q = await api('POST', '/api/v1/queues', admin, { name: `Support ${randomBytes(2).toString('hex')}`, wrapup_seconds: 3 });
    expect(q.status, JSON.stringify(q.body)).toBe(201);
    expect((await api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin, { members: [{ user_id: agent.userId, penalty: 0 }] })).status).toBe(200);
    const did = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expect((await api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'queue', queue_id: q.body.data.id } })).status).toBe(201);

    expect((await register(agent)).code).toBe(0);
    const phone = sipp('agent.xml', { localPort: agent.port, pauseMs: 1500 });
    let watch: NodeJS.Timeout | undefined;
    try {
      expect((await api('PUT', '/api/v1/agents/me/state', agent.token!, { state: 'available' })).status).toBe(200);
      const caller = sipp('caller.xml', { localIp: CARRIER_IP, localPort: 5070, service: did, pauseMs: 4000, calls: 1, timeoutS: 20, keys: { caller: '15550001' } });
      const states = new Set<string>();
      watch = setInterval(() => {
        void api('GET', '/api/v1/agents/me/state', agent.token!).then((r) => states.add(r.body?.data?.state));
      }, 100);
      const c = await caller.done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const rows = await waitFor(async () => {
        const rs = await t.app.container.db.query.callRecords.findMany({ where: (r, { eq }) => eq(r.tenantId, tenant.tenantId) });
        return rs.length > 0 && rs.every((r) => r.status === 'ended') && rs;
      }, 'the call record to end');
      expect(rows).toHaveLength(1);
      const rec = await t.app.container.calls.get(
        { tenantId: tenant.tenantId, userId: tenant.supervisor.id, permissions: new Set(['calls.supervise', 'cdr.read', 'calls.read']) } as never,
        rows[0]!.id,
      );
      expect(rec).toMatchObject({ did, queue_id: q.body.data.id, agent_user_id: agent.userId, disposition: 'answered' });
      expect(rec.wait_seconds).toBeGreaterThanOrEqual(1);
      expect(rec.wait_seconds).toBeLessThan(6);
      expect(rec.talk_seconds).toBeGreaterThanOrEqual(1);
      expect(rec.talk_seconds).toBeLessThan(6);
      // The worker's periodic task ends wrap-ups; this test app runs no worker loop, so run it here.
      await waitFor(async () => states.has('wrap_up') && (await t.app.container.agents.expireWrapUps()) >= 0 && (await api('GET', '/api/v1/agents/me/state', agent.token!)).body.data.state === 'available', 'wrap-up then available', 10_000).catch((e: Error) => {
        throw new Error(`${e.message}; states seen: ${[...states].join(', ')}`);
      });
      expect([...states]).toEqual(expect.arrayContaining(['ringing', 'on_call', 'wrap_up', 'available']));
      const agentMsgs = sippMessages('agent.xml', agent.port);
      expect(agentMsgs).toContain('INVITE sip:');
      expect(agentMsgs).toContain('BYE sip:');
    } finally {
      clearInterval(watch);
      await phone.stop();
    }
  });
});

describe('internal extension to extension on a real Asterisk', () => {
  it('2201 dials 2202: the calling phone gets 180 while the callee rings and 200 when it answers', async () => {
    const a = await makePhone('2201');
    const b = await makePhone('2202');
    expect((await register(a)).code).toBe(0);
    expect((await register(b)).code).toBe(0);
    const callee = sipp('agent.xml', { localPort: b.port, pauseMs: 1500 });
    try {
      const c = await sipp('caller-ring.xml', {
        localPort: a.port,
        service: '2202',
        user: a.user,
        password: a.password,
        pauseMs: 1000,
        calls: 1,
        timeoutS: 20,
        keys: { caller: a.user },
      }).done;
      expect(c.code, c.out + sippMessages('caller-ring.xml', a.port)).toBe(0);
      expect(sippMessages('agent.xml', b.port)).toContain('INVITE sip:');
    } finally {
      await callee.stop();
    }
  });
});

describe('outbound through an IP trunk on a real Asterisk', () => {
  // The carrier's first INVITE, kept for the caller-ID test below.
  let carrierInvite = '';
  it('a phone dials out: the caller gets 180/200; the carrier gets no connected-line re-INVITE/UPDATE', async () => {
    const admin = tenant.admin.token;
    const list = await api('GET', '/api/v1/trunks', admin);
    let trunkId = list.body.data.find((tr: { host: string }) => tr.host === CARRIER_IP)?.id as string | undefined;
    if (!trunkId) {
      const tr = await api('POST', '/api/v1/trunks', admin, { name: 'Carrier', kind: 'ip', host: CARRIER_IP, port: 5070 });
      expect(tr.status, JSON.stringify(tr.body)).toBe(201);
      trunkId = tr.body.data.id;
    }
    const oc = await api('PATCH', `/api/v1/trunks/${trunkId}`, admin, { outbound_caller_id: '+15550000000' });
    expect(oc.status, JSON.stringify(oc.body)).toBe(200);
    const a = await makePhone('2301');
    expect((await register(a)).code).toBe(0);
    const carrier = sipp('agent.xml', { localIp: CARRIER_IP, localPort: 5070, pauseMs: 1000 });
    try {
      const c = await sipp('caller-ring.xml', {
        localPort: a.port,
        service: '+14155550123',
        user: a.user,
        password: a.password,
        pauseMs: 1500,
        calls: 1,
        timeoutS: 20,
        keys: { caller: a.user },
      }).done;
      expect(c.code, c.out + sippMessages('caller-ring.xml', a.port)).toBe(0);
      const carrierMsgs = sippMessages('agent.xml', 5070);
      const invites = carrierMsgs.split(/\n(?=UDP message)/).filter((m) => /\n(INVITE|UPDATE) sip:/.test(m));
      expect(invites.length, carrierMsgs).toBeGreaterThanOrEqual(1);
      carrierInvite = invites[0]!;
      // Only the initial INVITE: no connected-line re-INVITE/UPDATE. (The caller ID the initial
      // INVITE carries is checked by the next test.)
      expect(invites.slice(1), 'carrier received a re-INVITE/UPDATE').toEqual([]);
    } finally {
      await carrier.stop();
    }
  });

  // Failed before 69dc115: From and P-Asserted-Identity were "Phone 2301" <sip:2301@127.0.0.1>.
  it('the carrier’s first INVITE shows the trunk’s outbound caller ID in From and P-Asserted-Identity, never the phone’s internal name', () => {
    expect(carrierInvite, 'the previous test captured the carrier INVITE').toContain('INVITE sip:');
    const header = (name: string) => carrierInvite.split('\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? '';
    for (const h of ['From', 'P-Asserted-Identity']) {
      expect(header(h), `${h} of the carrier INVITE`).toContain('+15550000000');
      expect(header(h), `${h} of the carrier INVITE`).not.toMatch(/Phone 2301|sip:2301@/);
    }
  });
});
