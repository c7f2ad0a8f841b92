import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

// The router keeps the DID, queue and phone lookups of a burst in memory (routing-cache.ts):
// a change made through the API must still route the very next call by the new rows.
let lab: CallLab;
beforeAll(async () => {
  lab = await createCallLab({
    agents: 2,
    queue: { strategy: 'linear', wrapup_seconds: 0, ring_timeout_seconds: 15 },
  });
});
afterAll(async () => lab?.close());

async function answeredBy(caller: string) {
  const call = lab.sim.placeCall({ from: caller, to: lab.did });
  const connected = await lab.waitFor(
    async () => (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected'),
    `call from ${caller} answered`,
  );
  call.hangup();
  await lab.endedCall(caller);
  return connected;
}

describe('provisioning changes reach the router at once', () => {
  it('queue members, a DID’s destination and an agent’s phone changed through the API route the next call', async () => {
    const [a0, a1] = lab.agents;
    const admin = lab.tenant.admin.token;
    for (const a of lab.agents) {
      lab.phone(a, { mode: 'answer', afterMs: 200 });
      await lab.setState(a, 'available');
    }
    expect((await answeredBy('+15550002001')).agent_user_id).toBe(a0!.id); // linear: the first member
    expect((await answeredBy('+15550002002')).agent_user_id).toBe(a0!.id); // from memory this time

    // Members: only agent 1 now.
    const m = await lab.api('PUT', `/api/v1/queues/${lab.queueId}/members`, admin, {
      members: [{ user_id: a1!.id, penalty: 0 }],
    });
    expect(m.status).toBe(200);
    expect((await answeredBy('+15550002003')).agent_user_id).toBe(a1!.id);

    // The DID to a new queue whose only member is agent 0.
    const q = await lab.api('POST', '/api/v1/queues', admin, {
      name: 'Second line',
      strategy: 'linear',
      wrapup_seconds: 0,
    });
    expect(q.status).toBe(201);
    await lab.api('PUT', `/api/v1/queues/${q.body.data.id}/members`, admin, {
      members: [{ user_id: a0!.id, penalty: 0 }],
    });
    const dids = await lab.api('GET', '/api/v1/dids', admin);
    const did = dids.body.data.find((d: { number: string }) => d.number === lab.did);
    const d = await lab.api('PATCH', `/api/v1/dids/${did.id}`, admin, {
      destination: { type: 'queue', queue_id: q.body.data.id },
    });
    expect(d.status).toBe(200);
    const moved = await answeredBy('+15550002004');
    expect(moved).toMatchObject({ queue_id: q.body.data.id, agent_user_id: a0!.id });

    // Agent 0's phone disabled: the next caller of that queue is not rung on it.
    const e = await lab.api('PATCH', `/api/v1/endpoints/${a0!.endpointId}`, admin, { enabled: false });
    expect(e.status).toBe(200);
    const caller = '+15550002005';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    await new Promise((r) => setTimeout(r, 300));
    expect(await lab.agentState(a0!)).toBe('available');
    call.hangup();
    expect((await lab.endedCall(caller)).agent_user_id).toBeNull();
  });
});
