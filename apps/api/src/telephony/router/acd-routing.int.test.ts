import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, SCALE, type CallLab } from '../../../test/call-lab';
import { createAriClient } from '../ari/index';
import { startAriSimulator, type AriSimulator } from '../simulator/simulator';
import { createCallsRepository } from '../../modules/calls/calls.repository';
import { createAgentPort } from './agent-adapter';
import { createAriPort } from './ari-adapter';
import { CallRouter } from './call-router';
import { scaledTimers } from './ports';
import { createRoutingDirectory } from './routing-directory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two workers', () => {
  let lab: CallLab;
  let sim2: AriSimulator;
  let router2: CallRouter;
  let close2: () => Promise<void>;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 1, queue: { strategy: 'ringall', ring_timeout_seconds: 300 } });
    sim2 = await startAriSimulator({ timeScale: SCALE });
    const a0 = lab.agents[0]!;
    sim2.addEndpoint({ resource: a0.araId, registered: true, behaviour: { mode: 'manual' } });
    const { container } = lab.t.app;
    const client2 = createAriClient({
      name: 'pbx2',
      url: sim2.url,
      username: sim2.username,
      password: sim2.password,
      app: sim2.app,
    });
    router2 = new CallRouter({
      ari: createAriPort(client2),
      directory: createRoutingDirectory(container.db),
      agents: createAgentPort({ db: container.db, agents: container.agents, clock: container.clock }),
      calls: createCallsRepository(container.db),
      events: { publish: async () => undefined },
      timers: scaledTimers(SCALE),
      log: container.log,
      asteriskId: 'pbx2',
      owner: 'pbx2',
      app: sim2.app,
      now: () => new Date(),
    });
    client2.events.onAny((e) => void router2.handle(e as never));
    router2.start();
    client2.connect();
    await lab.waitFor(async () => client2.events.state === 'connected' || null, 'second worker connected');
    close2 = async () => {
      router2.stop();
      await client2.close();
      await sim2.stop();
    };
  });
  afterAll(async () => {
    await close2?.();
    await lab?.close();
  });

  it('never offer one agent two calls at once, even from two workers', async () => {
    const a0 = lab.agents[0]!;
    lab.phone(a0, { mode: 'manual' });
    await lab.setState(a0, 'available');
    // Two calls for the same queue arrive at the same moment through two Asterisks/workers.
    const c1 = lab.sim.placeCall({ from: '+15550007001', to: lab.did });
    const c2 = sim2.placeCall({ from: '+15550007002', to: lab.did });
    await sleep(1500);
    const ringing = (sim: AriSimulator) =>
      [...sim.core.channels.values()].filter((c) => c.endpoint?.resource === a0.araId && !c.destroyed).length;
    expect(ringing(lab.sim) + ringing(sim2)).toBe(1);
    const records = (await lab.callRecords()).filter((c) =>
      ['+15550007001', '+15550007002'].includes(c.caller_number ?? ''),
    );
    expect(records).toHaveLength(2);
    expect(records.filter((r) => r.status === 'ringing')).toHaveLength(1);
    expect(records.filter((r) => r.status === 'queued')).toHaveLength(1);
    c1.hangup();
    c2.hangup();
    await lab.endedCall('+15550007001');
    await lab.endedCall('+15550007002');
  });
});

describe('IVR, internal and outbound calls', () => {
  let lab: CallLab;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 2, queue: { strategy: 'ringall', wrapup_seconds: 0 } });
  });
  afterAll(async () => lab?.close());

  it('an IVR menu plays, takes a digit and sends the caller to the chosen queue', async () => {
    const admin = lab.tenant.admin.token;
    const menu = await lab.api('POST', '/api/v1/ivr-menus', admin, {
      name: 'Main menu',
      greeting: { type: 'sound', name: 'hello-world' },
      options: [{ digit: '1', destination: { type: 'queue', queue_id: lab.queueId } }],
      timeout_seconds: 5,
      timeout_destination: { type: 'hangup' },
      invalid_destination: { type: 'hangup' },
      max_retries: 1,
    });
    expect(menu.status).toBe(201);
    const did = '+15559990001';
    expect(
      (
        await lab.api('POST', '/api/v1/dids', admin, {
          number: did,
          destination: { type: 'ivr', ivr_menu_id: menu.body.data.id },
        })
      ).status,
    ).toBe(201);
    const caller = '+15550008001';
    const call = lab.sim.placeCall({ from: caller, to: did });
    await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'ivr'),
      'in the IVR',
    );
    await call.pressDigits('1');
    const queued = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.caller_number === caller && c.queue_id === lab.queueId),
      'queued after pressing 1',
    );
    expect(queued.did).toBe(did);
    call.hangup();
    await lab.endedCall(caller);
  });

  it('an IVR without input times out to its timeout destination', async () => {
    const caller = '+15550008002';
    lab.sim.placeCall({ from: caller, to: '+15559990001' });
    const rec = await lab.endedCall(caller);
    expect(rec.disposition).toBe('no_answer');
  });

  it('an internal call from one extension rings the other and is recorded as internal', async () => {
    const [a0, a1] = lab.agents;
    lab.phone(a1!, { mode: 'answer', afterMs: 200 });
    await lab.setState(a0!, 'available');
    await lab.setState(a1!, 'available');
    const call = lab.sim.placeCall({ fromEndpoint: a0!.araId, to: a1!.extension });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.direction === 'internal' && c.status === 'connected'),
      'internal call connected',
    );
    expect(rec.callee_number).toBe(a1!.extension);
    // Both agents are busy for queue offers while they talk, and both are free afterwards.
    expect(await lab.agentState(a0!)).toBe('on_call');
    expect(await lab.agentState(a1!)).toBe('on_call');
    call.hangup();
    await lab.waitFor(
      async () => (await lab.callRecords()).find((c) => c.id === rec.id && c.status === 'ended'),
      'internal call ended',
    );
    expect(await lab.agentState(a0!)).toBe('available');
    expect(await lab.agentState(a1!)).toBe('available');
    await lab.setState(a0!, 'offline');
    await lab.setState(a1!, 'offline');
  });

  it('an outside number goes out through the tenant trunk; without a trunk the call fails clearly', async () => {
    const [a0] = lab.agents;
    const none = lab.sim.placeCall({ fromEndpoint: a0!.araId, to: '+4930123456' });
    await none.ended;
    const failed = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.callee_number === '+4930123456' && c.status === 'ended'),
      'the trunk-less call closed',
    );
    expect(failed).toMatchObject({ direction: 'outbound', disposition: 'failed' });
    const trunk = await lab.api('POST', '/api/v1/trunks', lab.tenant.admin.token, {
      name: 'Carrier',
      kind: 'ip',
      host: '203.0.113.10',
      match_ips: ['203.0.113.10'],
      outbound_caller_id: '+15557770000',
    });
    expect(trunk.status).toBe(201);
    lab.sim.addEndpoint({ resource: trunk.body.data.ara_id, registered: true });
    const call = lab.sim.placeCall({ fromEndpoint: a0!.araId, to: '+4930123457' });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.callee_number === '+4930123457' && c.status === 'connected'),
      'outbound call connected',
    );
    expect(rec.direction).toBe('outbound');
    call.hangup();
  });

  it('click to call rings the agent first, then dials the number', async () => {
    const [, a1] = lab.agents;
    lab.phone(a1!, { mode: 'answer', afterMs: 200 });
    const res = await lab.api('POST', '/api/v1/calls/originate', a1!.token, { number: '+4930123458' });
    expect(res.status).toBe(200);
    const rec = await lab.waitFor(async () => {
      const r = await lab.api('GET', `/api/v1/calls/${res.body.data.call_id}`, a1!.token);
      return r.body.data?.status === 'connected' ? r.body.data : null;
    }, 'click-to-call connected');
    expect(rec).toMatchObject({ direction: 'outbound', callee_number: '+4930123458', agent_user_id: a1!.id });
    // The record's caller is who placed the call (the agent's extension), not the number dialled (issue 16.8).
    expect(rec.caller_number).toBe(a1!.extension);
    const hang = await lab.api('POST', `/api/v1/calls/${rec.id}/hangup`, a1!.token, {});
    expect(hang.status).toBe(200);
  });
});
