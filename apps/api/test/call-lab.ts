import { randomBytes } from 'node:crypto';
import type { CallRecord, TenantLimits } from '@switchboard/contracts';
import { startAriSimulator, type AriSimulator } from '../src/telephony/simulator/simulator';
import type { PhoneBehaviour } from '../src/telephony/simulator/model';
import { scaledTimers } from '../src/telephony/router/ports';
import { bearer, createTestApp, createTestTenant, login, TEST_PASSWORD, type TestApp, type TestTenant } from './helpers';

/**
 * A contact center in a box for call scenarios: the real app on its own database, the ARI
 * simulator as its Asterisk, one tenant (or `tenants` of them, or more with `addTenant`) with
 * agents who each have a registered phone, a queue and a DID routed to it. Router and simulator
 * timers run `SCALE` times faster, so a 20 s ring timeout takes 0.4 s; the call records keep real
 * (scaled) times.
 */
export const SCALE = 0.02;

export type LabAgent = { id: string; email: string; token: string; araId: string; endpointId: string; extension: string };

export type CallLab = {
  t: TestApp;
  sim: AriSimulator;
  tenant: TestTenant;
  agents: LabAgent[];
  queueId: string;
  did: string;
  /** Every tenant of the lab; the first is `tenant`/`agents`/`queueId`/`did` above. */
  tenants: LabTenant[];
  /** Adds another tenant (its own agents, queue and DID) to the running lab. */
  addTenant: (opts?: LabTenantOptions) => Promise<LabTenant>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read field by field
  api: (method: string, url: string, token: string, body?: unknown) => Promise<{ status: number; body: any }>;
  setState: (agent: LabAgent, state: 'available' | 'paused' | 'away' | 'offline', reasonId?: string) => Promise<void>;
  phone: (agent: LabAgent, behaviour: PhoneBehaviour) => void;
  waitFor: <T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs?: number) => Promise<T>;
  callRecords: () => Promise<CallRecord[]>;
  endedCall: (callerNumber: string) => Promise<CallRecord>;
  agentState: (agent: LabAgent) => Promise<string>;
  close: () => Promise<void>;
};

/** One contact center inside the lab: a tenant with its agents, a queue and a DID routed to it. */
export type LabTenant = {
  tenant: TestTenant;
  agents: LabAgent[];
  queueId: string;
  did: string;
};

export type LabTenantOptions = {
  agents?: number;
  queue?: Record<string, unknown>;
  /** Tenant limits to override (the demo plan allows 25 agents and 30 concurrent calls). */
  limits?: Partial<TenantLimits>;
};

export async function createCallLab(
  opts: LabTenantOptions & {
    startTelephony?: boolean;
    /** How many tenants to make, each with `agents` agents, its own queue and DID (default 1). */
    tenants?: number;
    /** Extra settings for the app (e.g. DATABASE_POOL_SIZE, DATABASE_QUEUE_LIMIT). */
    env?: Record<string, string>;
  } = {},
): Promise<CallLab> {
  const sim = await startAriSimulator({ timeScale: SCALE });
  const t = await createTestApp({
    env: {
      ARI_URL: sim.url,
      ARI_USERNAME: sim.username,
      ARI_PASSWORD: sim.password,
      ARI_APP: sim.app,
      ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
      ...(process.env.DATABASE_QUEUE_LIMIT ? { DATABASE_QUEUE_LIMIT: process.env.DATABASE_QUEUE_LIMIT } : {}),
      ...opts.env,
    },
    ports: { telephonyTimers: scaledTimers(SCALE) },
  });
  const api = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await t.app.inject({ method: method as 'GET', url, headers: bearer(token), ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  /** A tenant with agents (each with a registered simulated phone), a queue of them and a DID. */
  const addTenant = async (o: LabTenantOptions = {}): Promise<LabTenant> => {
    const tenant = await createTestTenant(t.app, { limits: o.limits });
    const admin = tenant.admin.token;
    const agents: LabAgent[] = [];
    for (let i = 0; i < (o.agents ?? 2); i++) {
      const email = `agent${i}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
      const u = await api('POST', '/api/v1/users', admin, { email, name: `Agent ${i}`, password: TEST_PASSWORD, role_id: tenant.roleIds.agent });
      if (u.status !== 201) throw new Error(`create agent: ${u.status} ${JSON.stringify(u.body)}`);
      const extension = String(2001 + i);
      const e = await api('POST', '/api/v1/endpoints', admin, { extension, display_name: `Agent ${i}`, user_id: u.body.data.id });
      if (e.status !== 201) throw new Error(`create endpoint: ${e.status} ${JSON.stringify(e.body)}`);
      const araId = e.body.data.sip_username as string;
      sim.addEndpoint({ resource: araId, registered: true, tenantid: tenant.tenantId, behaviour: { mode: 'answer', afterMs: 2000 } });
      agents.push({ id: u.body.data.id, email, token: await login(t.app, email), araId, endpointId: e.body.data.id, extension });
    }
    const q = await api('POST', '/api/v1/queues', admin, { name: `Support ${randomBytes(2).toString('hex')}`, ...o.queue });
    if (q.status !== 201) throw new Error(`create queue: ${q.status} ${JSON.stringify(q.body)}`);
    const queueId = q.body.data.id as string;
    const members = await api('PUT', `/api/v1/queues/${queueId}/members`, admin, {
      members: agents.map((a) => ({ user_id: a.id, penalty: 0 })),
    });
    if (members.status !== 200) throw new Error(`members: ${members.status} ${JSON.stringify(members.body)}`);
    const did = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const d = await api('POST', '/api/v1/dids', admin, { number: did, destination: { type: 'queue', queue_id: queueId } });
    if (d.status !== 201) throw new Error(`create did: ${d.status} ${JSON.stringify(d.body)}`);
    return { tenant, agents, queueId, did };
  };
  const tenants: LabTenant[] = [];
  for (let i = 0; i < Math.max(1, opts.tenants ?? 1); i++) tenants.push(await addTenant(opts));
  const { tenant, agents, queueId, did } = tenants[0]!;

  const waitFor = async <T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 8000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const callRecords = async () => {
    const rows = await t.app.container.db.query.callRecords.findMany({
      where: (c, { eq }) => eq(c.tenantId, tenant.tenantId),
    });
    return Promise.all(rows.map((r) => t.app.container.calls.get(supervisorCtx(), r.id)));
  };
  const supervisorCtx = () =>
    ({
      tenantId: tenant.tenantId,
      userId: tenant.supervisor.id,
      permissions: new Set(['calls.supervise', 'cdr.read', 'calls.read']),
    }) as never;
  if (opts.startTelephony !== false) {
    await t.app.container.telephony.start();
    await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
  }
  return {
    t,
    sim,
    tenant,
    agents,
    queueId,
    did,
    tenants,
    async addTenant(o) {
      const made = await addTenant(o);
      tenants.push(made);
      return made;
    },
    api,
    async setState(agent, state, reasonId) {
      const r = await api('PUT', '/api/v1/agents/me/state', agent.token, { state, ...(reasonId ? { reason_id: reasonId } : {}) });
      if (r.status !== 200) throw new Error(`set state: ${r.status} ${JSON.stringify(r.body)}`);
    },
    phone(agent, behaviour) {
      sim.core.endpoints.get(agent.araId)!.behaviour = behaviour;
    },
    waitFor,
    callRecords,
    endedCall: (callerNumber) =>
      waitFor(async () => (await callRecords()).find((c) => c.caller_number === callerNumber && c.status === 'ended'), `call from ${callerNumber} to end`),
    async agentState(agent) {
      const r = await api('GET', '/api/v1/agents/me/state', agent.token);
      return r.body.data.state as string;
    },
    async close() {
      await t.app.container.telephony.stop();
      await sim.stop();
      await t.close();
    },
  };
}
