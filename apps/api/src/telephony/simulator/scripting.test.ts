import { afterEach, describe, expect, it } from 'vitest';
import { createControlHandler } from './control';
import { createDemoGenerator, type DemoGenerator } from './demo';
import { startSimulatorWithClient, waitFor } from './test-kit';

type Harness = Awaited<ReturnType<typeof startSimulatorWithClient>>;
let harness: Harness | undefined;
let demo: DemoGenerator | undefined;
afterEach(async () => {
  demo?.stop();
  await harness?.stop();
  harness = undefined;
});

async function start() {
  harness = await startSimulatorWithClient({
    control: (sim) => {
      demo = createDemoGenerator(sim);
      return createControlHandler(sim, demo);
    },
  });
  return harness;
}

function control(h: Harness, path: string, body?: unknown, auth = `${h.sim.username}:${h.sim.password}`) {
  return fetch(`${h.sim.url}/_sim${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('simulator scripting', () => {
  it('places a call over /_sim/calls that presses digits and hangs up', async () => {
    const h = await start();
    const res = await control(h, '/calls', {
      from: '+15551000',
      to: '+15557001',
      script: [
        { whenAnswered: true, dtmf: '12' },
        { afterMs: 100, hangup: true },
      ],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await h.client.channels.answer(id);
    await h.nextEvent('StasisEnd', (e) => e.channel.id === id);
    const digits = h.events.flatMap((e) => (e.type === 'ChannelDtmfReceived' ? [e.digit] : []));
    expect(digits).toEqual(['1', '2']);
  });

  it('rejects bad control input with 400 naming the field, and unauthenticated calls with 401', async () => {
    const h = await start();
    const bad = await control(h, '/calls', { to: 5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^to:/);
    expect((await control(h, '/state', undefined, 'x:y')).status).toBe(401);
  });

  it('unregisters a phone over /_sim/phones so originate fails with Allocation failed', async () => {
    const h = await start();
    expect((await control(h, '/phones/t1_1001', { registered: false })).status).toBe(204);
    await expect(
      h.client.channels.originate({ endpoint: 'PJSIP/t1_1001', app: 'switchboard' }),
    ).rejects.toMatchObject({
      status: 500,
      message: 'Allocation failed',
    });
  });

  it('a phone that stops answering qualify goes Unreachable (ContactStatusChange, endpoint offline) and refuses channels as Asterisk does', async () => {
    const h = await start();
    await h.client.applications.subscribe(h.sim.app, 'endpoint:PJSIP');
    expect((await control(h, '/phones/t1_1001', { reachable: false })).status).toBe(204);
    const change = await h.nextEvent('ContactStatusChange', (e) => e.endpoint.resource === 't1_1001');
    expect(change.contact_info).toMatchObject({ contact_status: 'Unreachable', aor: 't1_1001' });
    await h.nextEvent('EndpointStateChange', (e) => e.endpoint.resource === 't1_1001' && e.endpoint.state === 'offline');
    expect((await h.client.endpoints.get('PJSIP', 't1_1001')).state).toBe('offline');
    for (const attempt of [
      () => h.client.channels.originate({ endpoint: 'PJSIP/t1_1001', app: 'switchboard' }),
      () => h.client.channels.create({ endpoint: 'PJSIP/t1_1001', app: 'switchboard' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ status: 500, message: 'Allocation failed' });
    }
    expect((await control(h, '/phones/t1_1001', { reachable: true })).status).toBe(204);
    const back = await h.nextEvent(
      'ContactStatusChange',
      (e) => e.endpoint.resource === 't1_1001' && e.contact_info.contact_status === 'Reachable',
    );
    expect(back.endpoint.state).toBe('online');
  });

  it('a manual phone rings until answered over the control API', async () => {
    const h = await start();
    await control(h, '/phones/t1_1002', { behaviour: { mode: 'manual' } });
    const agent = await h.client.channels.create({ endpoint: 'PJSIP/t1_1002', app: 'switchboard' });
    await h.client.channels.dial(agent.id);
    await h.nextEvent('Dial', (e) => e.dialstatus === 'RINGING');
    expect(h.events.some((e) => e.type === 'Dial' && e.dialstatus === 'ANSWER')).toBe(false);
    expect((await control(h, '/phones/t1_1002/answer', {})).status).toBe(204);
    await h.nextEvent('Dial', (e) => e.dialstatus === 'ANSWER');
  });

  it('a phone REFER leaves its channel Up in Stasis and sends BridgeBlindTransfer', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const agent = await h.client.channels.originate({ endpoint: 'PJSIP/t1_1001', app: 'switchboard' });
    await h.nextEvent('StasisStart', (e) => e.channel.id === agent.id);
    const bridge = await h.client.bridges.create({ type: 'mixing' });
    await h.client.bridges.addChannel(bridge.id, { channel: [caller.id, agent.id] });
    h.sim.phone('t1_1001').transfer('+15557002');
    const transfer = await h.nextEvent('BridgeBlindTransfer');
    expect(transfer).toMatchObject({ exten: '+15557002', result: 'Success', is_external: true });
    expect(transfer.transferee?.id).toBe(caller.id);
    const local2 = await h.nextEvent('StasisStart', (e) => e.channel.name.endsWith(';2'));
    expect(local2.args).toEqual(['inbound', '+15557002']);
    const stillThere = await h.client.channels.get(agent.id);
    expect(stillThere.state).toBe('Up');
    expect((await h.client.bridges.get(bridge.id)).channels).not.toContain(agent.id);
  });

  it('the demo generator places labelled calls that abandon or talk to an agent', async () => {
    const h = await start();
    const call = demo!.placeOne('+15557001');
    expect(call).toBeDefined();
    const started = await h.nextEvent('StasisStart');
    expect(started.channel.caller.name).toMatch(/^\[SIM\] /);
    expect(started.channel.caller.number).toMatch(/^\+1\d{3}5550\d{3}$/);
    expect(started.channel.channelvars).toEqual({ SWITCHBOARD_SIMULATED: '1' });
    expect(await h.client.channels.getVariable(started.channel.id, 'SWITCHBOARD_SIMULATED')).toBe('1');
    // Each caller gives up within its patience (at most 240 simulated s = 4.8 s here).
    await waitFor(() => h.events.some((e) => e.type === 'StasisEnd'), 'the demo caller to leave', 8000);
  });

  it('drops sockets and restarts over the control API', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    await h.nextEvent('StasisStart');
    expect((await control(h, '/restart', {})).status).toBe(204);
    await waitFor(() => h.client.events.state === 'connected' && h.sim.socketCount() === 1, 'reconnect');
    const state = (await (await control(h, '/state')).json()) as { channels: unknown[] };
    expect(state.channels).toEqual([]);
  });
});
