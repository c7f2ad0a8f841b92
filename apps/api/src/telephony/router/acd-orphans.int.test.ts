import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEvents, callRecords, telephonyOwners } from '../../db/schema/index';
import { createCallLab, type CallLab } from '../../../test/call-lab';
import { bearer, createTestApp, createTestTenant } from '../../../test/helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * F7 when the phone system changes or goes away: calls it left open are closed at its last sign
 * of life (never at the next start), their agents freed, and live figures stop counting them.
 */
describe('calls left open by a phone system that went away', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 1, queue: { strategy: 'ringall', wrapup_seconds: 0 } });
  });
  afterAll(async () => lab?.close());

  const connect = async (caller: string) => {
    const a0 = lab.agents[0]!;
    lab.phone(a0, { mode: 'answer', afterMs: 100 });
    await lab.setState(a0, 'available');
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected'),
      'connected',
    );
    return { call, rec };
  };
  const db = () => lab.t.app.container.db;
  const row = async (id: string) =>
    (
      await db()
        .select()
        .from(callRecords)
        .where(and(eq(callRecords.tenantId, lab.tenant.tenantId), eq(callRecords.id, id)))
    )[0]!;

  it('a call owned by a phone system no longer configured is closed at its last heartbeat and its agent freed', async () => {
    const caller = '+15550007001';
    const { call, rec } = await connect(caller);
    const telephony = lab.t.app.container.telephony;
    await telephony.stop();
    // What the demo PBX leaves behind when the operator sets ARI_URL: a live record owned by "simulator".
    const lastBeat = new Date(Date.now() - 500);
    await db()
      .update(callRecords)
      .set({ owner: 'simulator' })
      .where(and(eq(callRecords.tenantId, lab.tenant.tenantId), eq(callRecords.id, rec.id)));
    await db()
      .insert(telephonyOwners)
      .values({ name: 'simulator', startedAt: new Date(Date.now() - 60_000), lastSeenAt: lastBeat })
      .onDuplicateKeyUpdate({ set: { lastSeenAt: lastBeat } });
    await sleep(1200);
    const restartedAt = Date.now();
    await telephony.start();
    await lab.waitFor(async () => telephony.status().status === 'connected' || null, 'connected');
    const ended = await lab.waitFor(
      async () => ((await row(rec.id)).endedAt ? row(rec.id) : null),
      'orphan closed',
    );
    expect(ended.status).toBe('ended');
    expect(ended.disposition).toBe('answered');
    // Closed at the owner's last sign of life, not when this run started.
    expect(ended.endedAt!.getTime()).toBeLessThan(restartedAt);
    expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(ended.updatedAt.getTime() - 5000);
    expect(
      Math.abs(
        ended.endedAt!.getTime() -
          Math.max(lastBeat.getTime(), rec.answered_at ? Date.parse(rec.answered_at) : 0),
      ),
    ).toBeLessThan(1500);
    expect(Number(ended.talkSeconds)).toBeLessThan((restartedAt - Date.parse(rec.answered_at!)) / 1000 - 1);
    await lab.waitFor(
      async () => (await lab.agentState(lab.agents[0]!)) === 'available' || null,
      'agent freed',
    );
    const timeline = await db()
      .select()
      .from(callEvents)
      .where(and(eq(callEvents.tenantId, lab.tenant.tenantId), eq(callEvents.callId, rec.id)));
    expect(timeline.find((e) => e.type === 'ended')?.data).toMatchObject({ disposition: 'answered' });
    // Live figures no longer count it, and the freed agent is offered the next call.
    const stats = await lab.api('GET', '/api/v1/queue-stats', lab.tenant.supervisor.token);
    expect(stats.status).toBe(200);
    expect(JSON.stringify(stats.body.data)).not.toContain(rec.id);
    const live = await lab.api('GET', '/api/v1/calls', lab.tenant.supervisor.token);
    expect(live.status).toBe(200);
    expect(live.body.data.map((c: { id: string }) => c.id)).not.toContain(rec.id);
    call.hangup();
    const next = '+15550007002';
    const second = await connect(next);
    second.call.hangup();
    await lab.endedCall(next);
  });

  it("a caller who hung up while the worker was down ends at the worker's last heartbeat, not at the restart", async () => {
    const caller = '+15550007003';
    const { call } = await connect(caller);
    const telephony = lab.t.app.container.telephony;
    await telephony.stop();
    const stoppedAt = Date.now();
    call.hangup();
    await sleep(1500);
    const restartedAt = Date.now();
    await telephony.start();
    await lab.waitFor(async () => telephony.status().status === 'connected' || null, 'connected');
    const ended = await lab.endedCall(caller);
    expect(Date.parse(ended.ended_at!)).toBeLessThanOrEqual(stoppedAt);
    expect(Date.parse(ended.ended_at!)).toBeLessThan(restartedAt - 1000);
    await lab.waitFor(
      async () => (await lab.agentState(lab.agents[0]!)) === 'available' || null,
      'agent freed',
    );
  });
});

describe('the in-process demo PBX stopping', () => {
  it('ends its calls with a disposition when the worker stops, instead of leaving them open', async () => {
    const t = await createTestApp({ env: { SIMULATOR: 'true', SIMULATOR_DEMO_CALLS_PER_MINUTE: '0' } });
    try {
      const tenant = await createTestTenant(t.app);
      const q = await t.app.inject({
        method: 'POST',
        url: '/api/v1/queues',
        headers: bearer(tenant.admin.token),
        payload: { name: 'Waiting room' },
      });
      expect(q.statusCode).toBe(201);
      const did = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const d = await t.app.inject({
        method: 'POST',
        url: '/api/v1/dids',
        headers: bearer(tenant.admin.token),
        payload: { number: did, destination: { type: 'queue', queue_id: q.json().data.id } },
      });
      expect(d.statusCode).toBe(201);
      const telephony = t.app.container.telephony;
      await telephony.start();
      const until = Date.now() + 8000;
      while (telephony.status().status !== 'connected' && Date.now() < until) await sleep(25);
      telephony.simulator()!.placeCall({ from: '+15550007010', to: did });
      const live = async () =>
        t.app.container.db.select().from(callRecords).where(eq(callRecords.tenantId, tenant.tenantId));
      while (!(await live()).some((c) => c.status === 'queued') && Date.now() < until) await sleep(25);
      expect((await live()).map((c) => c.status)).toEqual(['queued']);
      await telephony.stop();
      const [closed] = await live();
      expect(closed!.endedAt).not.toBeNull();
      expect(closed!.disposition).toBe('abandoned');
    } finally {
      await t.app.container.telephony.stop();
      await t.close();
    }
  });
});
