import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('overflow', () => {
  let lab: CallLab;
  let overflowQueue: string;
  beforeAll(async () => {
    lab = await createCallLab({
      agents: 1,
      queue: { strategy: 'ringall', max_wait_seconds: 10, wrapup_seconds: 0 },
    });
    const q = await lab.api('POST', '/api/v1/queues', lab.tenant.admin.token, { name: 'Overflow desk' });
    overflowQueue = q.body.data.id;
    await lab.api('PUT', `/api/v1/queues/${overflowQueue}/members`, lab.tenant.admin.token, {
      members: [{ user_id: lab.agents[0]!.id, penalty: 0 }],
    });
    const patch = await lab.api('PATCH', `/api/v1/queues/${lab.queueId}`, lab.tenant.admin.token, {
      overflow_destination: { type: 'queue', queue_id: overflowQueue },
    });
    expect(patch.status).toBe(200);
  });
  afterAll(async () => lab?.close());

  it('with no agent the caller leaves at max wait for the overflow destination', async () => {
    await lab.setState(lab.agents[0]!, 'offline');
    const caller = '+15550004001';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.caller_number === caller && c.queue_id === overflowQueue),
      'caller moved to the overflow queue',
    );
    expect(rec.overflowed).toBe(true);
    expect(rec.status).toBe('queued');
    call.hangup();
    const ended = await lab.endedCall(caller);
    expect(ended.disposition).toBe('abandoned');
    expect(ended.overflowed).toBe(true);
  });

  it('join-empty off sends the caller to overflow at once when no member is logged in', async () => {
    await lab.api('PATCH', `/api/v1/queues/${lab.queueId}`, lab.tenant.admin.token, {
      join_empty: false,
      overflow_destination: { type: 'hangup' },
    });
    const caller = '+15550004002';
    lab.sim.placeCall({ from: caller, to: lab.did });
    const rec = await lab.endedCall(caller);
    expect(rec).toMatchObject({ overflowed: true, disposition: 'no_answer', answered_at: null });
  });
});

describe('call control', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 2, queue: { strategy: 'linear', wrapup_seconds: 0 } });
  });
  afterAll(async () => lab?.close());

  const connect = async (caller: string) => {
    const [a0] = lab.agents;
    lab.phone(a0!, { mode: 'answer', afterMs: 200 });
    await lab.setState(a0!, 'available');
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected'),
      'call connected',
    );
    return { call, rec };
  };

  it('hold and unhold from the API are counted as hold time', async () => {
    const { call, rec } = await connect('+15550005001');
    const a0 = lab.agents[0]!;
    const hold = await lab.api('POST', `/api/v1/calls/${rec.id}/hold`, a0.token, { on_hold: true });
    expect(hold.status).toBe(200);
    const live = await lab.api('GET', `/api/v1/calls/${rec.id}`, a0.token);
    expect(live.body.data.on_hold).toBe(true);
    await sleep(400);
    expect((await lab.api('POST', `/api/v1/calls/${rec.id}/hold`, a0.token, { on_hold: false })).status).toBe(
      200,
    );
    // Another agent may not touch this call.
    const other = await lab.api('POST', `/api/v1/calls/${rec.id}/hold`, lab.agents[1]!.token, {
      on_hold: true,
    });
    expect(other.status).toBe(403);
    call.hangup();
    const ended = await lab.endedCall('+15550005001');
    expect(ended.hold_seconds).toBeGreaterThanOrEqual(0.35);
    expect(ended.talk_seconds).not.toBeNull();
  });

  it('blind transfer to an extension: the agent leaves, the caller talks to the target', async () => {
    const { call, rec } = await connect('+15550005002');
    const [a0, a1] = lab.agents;
    lab.phone(a1!, { mode: 'answer', afterMs: 200 });
    const res = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
      kind: 'blind',
      target: { type: 'extension', extension: a1!.extension },
    });
    expect(res.status).toBe(200);
    const after = await lab.waitFor(async () => {
      const r = await lab.api('GET', `/api/v1/calls/${rec.id}`, lab.tenant.supervisor.token);
      return r.body.data.status === 'connected' && r.body.data.transfers.length === 1 ? r.body.data : null;
    }, 'caller connected to the transfer target');
    expect(after.transfers[0]).toMatchObject({
      kind: 'blind',
      from_user_id: a0!.id,
      to: `ext:${a1!.extension}`,
    });
    call.hangup();
    const ended = await lab.endedCall('+15550005002');
    expect(ended.disposition).toBe('answered');
  });

  it('attended transfer: consult, then complete', async () => {
    const { call, rec } = await connect('+15550005003');
    const [a0, a1] = lab.agents;
    lab.phone(a1!, { mode: 'answer', afterMs: 200 });
    const consult = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer`, a0!.token, {
      kind: 'attended',
      target: { type: 'extension', extension: a1!.extension },
    });
    expect(consult.status).toBe(200);
    await sleep(300);
    const live = await lab.api('GET', `/api/v1/calls/${rec.id}`, a0!.token);
    expect(live.body.data.on_hold).toBe(true);
    const done = await lab.api('POST', `/api/v1/calls/${rec.id}/transfer/attended`, a0!.token, {
      action: 'complete',
    });
    expect(done.status).toBe(200);
    const after = await lab.api('GET', `/api/v1/calls/${rec.id}`, lab.tenant.supervisor.token);
    expect(after.body.data).toMatchObject({ status: 'connected', on_hold: false });
    expect(after.body.data.transfers[0]).toMatchObject({ kind: 'attended', to: `ext:${a1!.extension}` });
    call.hangup();
    await lab.endedCall('+15550005003');
  });

  it('errors are clear: unknown call 404, control of an ended call 409', async () => {
    const a0 = lab.agents[0]!;
    expect(
      (await lab.api('POST', `/api/v1/calls/00000000-0000-7000-8000-000000000000/hangup`, a0.token, {}))
        .status,
    ).toBe(404);
    const ended = (await lab.callRecords()).find((c) => c.status === 'ended')!;
    const res = await lab.api('POST', `/api/v1/calls/${ended.id}/hangup`, lab.tenant.supervisor.token, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });
});
