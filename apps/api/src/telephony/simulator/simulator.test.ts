import { afterEach, describe, expect, it } from 'vitest';
import { createAriClient } from '../ari/client/ari-client';
import { AriError } from '../ari/client/http';
import type { AriEvent } from '../ari/types/events';
import { startSimulatorWithClient, waitFor } from './test-kit';

type Harness = Awaited<ReturnType<typeof startSimulatorWithClient>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start() {
  harness = await startSimulatorWithClient();
  return harness;
}

const types = (h: Harness, from = 0) =>
  h.events
    .slice(from)
    .filter((e) => e.type !== 'ChannelVarset' && e.type !== 'ChannelConnectedLine')
    .map((e) => e.type);

describe('ARI simulator', () => {
  it('delivers a trunk call into Stasis with the DID as exten and no tenantid', async () => {
    const h = await start();
    const call = h.sim.placeCall({ from: '+15551000', to: '+15557001', callerName: 'Pat' });
    const stasisStart = await h.nextEvent('StasisStart');
    expect(stasisStart.args).toEqual(['inbound', '+15557001']);
    expect(stasisStart.channel.id).toMatch(/^\d{10}\.\d+$/);
    expect(stasisStart.channel.name).toMatch(/^PJSIP\/carrier-[0-9a-f]{8}$/);
    expect(stasisStart.channel.dialplan.exten).toBe('+15557001');
    expect(stasisStart.channel.caller).toEqual({ name: 'Pat', number: '+15551000' });
    expect(stasisStart.channel.tenantid).toBeUndefined();
    expect(stasisStart.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(stasisStart.asterisk_id).toBeTruthy();
    call.hangup();
    await call.ended;
    await h.nextEvent('ChannelDestroyed');
    expect(types(h)).toEqual([
      'StasisStart',
      'ChannelHangupRequest',
      'StasisEnd',
      'ChannelHangupRequest',
      'ChannelDestroyed',
    ]);
    expect(h.invalid).toEqual([]);
  });

  it('gives an unanswered caller no media, even bridged with an answered party, until answered', async () => {
    const h = await start();
    const call = h.sim.phone('t1_1001').call('1002');
    const caller = (await h.nextEvent('StasisStart')).channel;
    const leg = await h.client.channels.create({
      endpoint: 'PJSIP/t1_1002',
      app: 'switchboard',
      appArgs: 'leg',
      originator: caller.id,
    });
    await h.client.channels.dial(leg.id, { caller: caller.id, timeout: 10 });
    await h.nextEvent('Dial', (e) => e.dialstatus === 'ANSWER');
    expect(call.hears()).toBe('nothing');
    const bridge = await h.client.bridges.create({ type: 'mixing' });
    await h.client.bridges.addChannel(bridge.id, { channel: [caller.id, leg.id] });
    await h.nextEvent('ChannelConnectedLine', (e) => e.channel.id === caller.id);
    // Both are in the mixing bridge and the callee is Up, but the caller was never answered: it
    // stays in Ring and hears only its own ringback (the connected-line 180 of trace 03).
    expect(call.channel()!.state).toBe('Ring');
    expect(call.hears()).toBe('ringback');
    expect(call.signalling()).toEqual(['100 Trying', '180 Ringing']);
    await h.client.channels.answer(caller.id);
    await h.nextEvent('ChannelStateChange', (e) => e.channel.id === caller.id && e.channel.state === 'Up');
    expect(call.hears()).toBe('party');
    expect(call.signalling()).toEqual(['100 Trying', '180 Ringing', '200 OK']);
  });

  it('hangs up a never-answered caller with the app\'s cause (16 by default) and a 603 Decline', async () => {
    const h = await start();
    const call = h.sim.phone('t1_1001').call('+15005550124');
    const caller = (await h.nextEvent('StasisStart')).channel;
    await h.client.channels.hangup(caller.id);
    const destroyed = await h.nextEvent('ChannelDestroyed', (e) => e.channel.id === caller.id);
    expect(destroyed.channel.state).toBe('Ring');
    expect([destroyed.cause, destroyed.cause_txt]).toEqual([16, 'Normal Clearing']);
    expect(call.signalling()).toEqual(['100 Trying', '603 Decline']);
  });

  it('rings an agent with create + dial: Dial "" → RINGING → ANSWER, tenantid from the endpoint', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const agent = await h.client.channels.create({
      endpoint: 'PJSIP/t1_1001',
      app: 'switchboard',
      appArgs: ['agent', 'q1'],
    });
    expect(agent.tenantid).toBe('t1');
    expect(agent.name).toMatch(/^PJSIP\/t1_1001-[0-9a-f]{8}$/);
    await h.client.channels.dial(agent.id, { caller: caller.id, timeout: 20 });
    const answer = await h.nextEvent('Dial', (e) => e.dialstatus === 'ANSWER');
    expect(answer.peer.state).toBe('Up');
    const dials = h.events
      .filter((e) => e.type === 'Dial')
      .map((e) => (e.type === 'Dial' ? e.dialstatus : ''));
    expect(dials).toEqual(['', 'RINGING', 'ANSWER']);
  });

  it('sends no final Dial event when the agent is busy and reports cause 17', async () => {
    const h = await start();
    h.sim.phone('t1_1002').setBehaviour({ mode: 'busy', afterMs: 100 });
    const agent = await h.client.channels.create({ endpoint: 'PJSIP/t1_1002', app: 'switchboard' });
    await h.client.channels.dial(agent.id, { timeout: 20 });
    const destroyed = await h.nextEvent('ChannelDestroyed');
    expect({ cause: destroyed.cause, text: destroyed.cause_txt }).toEqual({ cause: 17, text: 'User busy' });
    const dials = h.events
      .filter((e) => e.type === 'Dial')
      .map((e) => (e.type === 'Dial' ? e.dialstatus : ''));
    expect(dials).toEqual(['', 'RINGING']);
  });

  it('hangs up with the cause the reason names, and refuses an unknown reason', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    await h.client.channels.answer(caller.id);
    await expect(h.client.channels.hangup(caller.id, { reason: 'bogus' as never })).rejects.toMatchObject({
      status: 400,
      message: 'Invalid reason for hangup provided',
    });
    await h.client.channels.hangup(caller.id, { reason: 'busy' });
    const destroyed = await h.nextEvent('ChannelDestroyed');
    expect([destroyed.cause, destroyed.cause_txt]).toEqual([17, 'User busy']);
  });

  it('answers 500 {"error":"Allocation failed"} for an unregistered or unknown endpoint', async () => {
    const h = await start();
    for (const endpoint of ['PJSIP/t1_1003', 'PJSIP/9999']) {
      const error = await h.client.channels
        .originate({ endpoint, app: 'switchboard' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriError);
      expect({
        status: (error as AriError).status,
        message: (error as AriError).message,
        body: (error as AriError).body,
      }).toEqual({
        status: 500,
        message: 'Allocation failed',
        body: { error: 'Allocation failed' },
      });
    }
    h.sim.phone('t1_1003').register();
    const channel = await h.client.channels.originate({ endpoint: 'PJSIP/t1_1003', app: 'switchboard' });
    expect(channel.state).toBe('Down');
  });

  it('stops bridge music once the holding bridge empties (later DELETE moh is 409)', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const holding = await h.client.bridges.create({ type: 'holding', name: 'queue-support' });
    await h.client.bridges.addChannel(holding.id, { channel: caller.id, role: 'participant' });
    await h.client.bridges.startMoh(holding.id, 'default');
    await h.client.bridges.removeChannel(holding.id, caller.id);
    const error = await h.client.bridges.stopMoh(holding.id).catch((e: unknown) => e as AriError);
    expect([error?.status, error?.message]).toEqual([409, "Bridge isn't playing music"]);
  });

  it('records a bridge into a stored recording whose file is a WAV', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const bridge = await h.client.bridges.create({ type: 'mixing' });
    await h.client.bridges.addChannel(bridge.id, { channel: caller.id });
    const live = await h.client.bridges.record(bridge.id, {
      name: 'rec-1',
      format: 'wav',
      maxDurationSeconds: 2,
    });
    expect(live).toMatchObject({ name: 'rec-1', state: 'queued', target_uri: `bridge:${bridge.id}` });
    const finished = await h.nextEvent('RecordingFinished');
    expect(finished.recording.duration).toBe(2);
    expect(await h.client.recordings.getStored('rec-1')).toEqual({ name: 'rec-1', format: 'wav' });
    const wav = await h.client.recordings.getStoredFile('rec-1');
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    await h.client.recordings.deleteStored('rec-1');
    await expect(h.client.recordings.getStored('rec-1')).rejects.toMatchObject({ status: 404 });
  });

  // Real Asterisk 22 reports a recording's duration in whole seconds recorded, truncated: a call
  // bridge recorded for 1.94 s (test/asterisk/queue.asterisk.ts) and trace 15's 1.5 s both say 1.
  it('a bridge recording ended by destroying the bridge (the call ended) is stored, its duration truncated to whole seconds', async () => {
    harness = await startSimulatorWithClient({ timeScale: 0.2 });
    const h = harness;
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const bridge = await h.client.bridges.create({ type: 'mixing' });
    await h.client.bridges.addChannel(bridge.id, { channel: caller.id });
    await h.client.bridges.record(bridge.id, { name: 'call-rec', format: 'wav', ifExists: 'overwrite' });
    await h.nextEvent('RecordingStarted');
    await new Promise((r) => setTimeout(r, 300)); // 1.5 simulated seconds
    await h.client.bridges.destroy(bridge.id);
    const finished = await h.nextEvent('RecordingFinished');
    expect([finished.recording.state, finished.recording.duration]).toEqual(['done', 1]);
    expect(await h.client.recordings.getStored('call-rec')).toEqual({ name: 'call-rec', format: 'wav' });
  });

  it('emits ChannelHold only for a phone-side hold, never for ARI hold', async () => {
    const h = await start();
    const agent = await h.client.channels.originate({ endpoint: 'PJSIP/t1_1001', app: 'switchboard' });
    await h.nextEvent('StasisStart');
    await h.client.channels.hold(agent.id);
    await h.client.channels.unhold(agent.id);
    h.sim.phone('t1_1001').hold();
    await h.nextEvent('ChannelHold');
    expect(h.events.filter((e) => e.type === 'ChannelHold')).toHaveLength(1);
  });

  it('makes snoop channels with context default and no tenantid', async () => {
    const h = await start();
    h.sim.placeCall({ fromEndpoint: 't1_1001', to: '1002' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    expect(caller.tenantid).toBe('t1');
    const snoop = await h.client.channels.snoop(caller.id, {
      app: 'switchboard',
      spy: 'both',
      whisper: 'out',
      appArgs: ['snoop', caller.id],
    });
    expect(snoop.name).toMatch(new RegExp(`^Snoop/${caller.id.replace('.', '\\.')}-0000000\\d$`));
    expect(snoop.dialplan.context).toBe('default');
    expect(snoop.tenantid).toBeUndefined();
    const started = await h.nextEvent('StasisStart', (e) => e.channel.id === snoop.id);
    expect(started.args).toEqual(['snoop', caller.id]);
  });

  // As a real Asterisk 22 (test/asterisk/supervise.asterisk.ts): the supervisor's originated leg
  // enters Stasis only once answered, and when it hangs up the snoop channel it was bridged with
  // stays up in Stasis, alone in the bridge, until the app hangs it up.
  it('keeps a snoop channel up in Stasis, alone in its bridge, after the supervisor’s leg hangs up', async () => {
    const h = await start();
    h.sim.placeCall({ fromEndpoint: 't1_1001', to: '1002' });
    const caller = (await h.nextEvent('StasisStart')).channel;
    const snoop = await h.client.channels.snoop(caller.id, { app: 'switchboard', spy: 'both', whisper: 'none', appArgs: ['snoop', caller.id] });
    await h.nextEvent('StasisStart', (e) => e.channel.id === snoop.id);
    const sup = await h.client.channels.originate({ endpoint: 'PJSIP/t1_1002', app: 'switchboard', appArgs: 'supervisor' });
    const before = h.events.length;
    const started = await h.nextEvent('StasisStart', (e) => e.channel.id === sup.id);
    expect(started.channel.state).toBe('Up');
    expect(h.events.slice(0, before).some((e) => e.type === 'StasisStart' && (e as { channel: { id: string } }).channel.id === sup.id)).toBe(false);
    const bridge = await h.client.bridges.create({ type: 'mixing', name: 'snoop-x' });
    await h.client.bridges.addChannel(bridge.id, { channel: [snoop.id, sup.id] });
    h.sim.phone('t1_1002').hangup();
    await h.nextEvent('ChannelDestroyed', (e) => e.channel.id === sup.id);
    expect((await h.client.channels.get(snoop.id)).state).toBe('Up');
    expect((await h.client.bridges.get(bridge.id)).channels).toEqual([snoop.id]);
    expect(h.events.some((e) => e.type === 'StasisEnd' && (e as { channel: { id: string } }).channel.id === snoop.id)).toBe(false);
  });

  it('drops the events socket; the client goes degraded, reconnects and signals a reconnect', async () => {
    const h = await start();
    const states: string[] = [];
    const reconnects: boolean[] = [];
    h.client.events.onStateChange((s) => states.push(s));
    h.client.events.onConnected((info) => reconnects.push(info.reconnect));
    h.sim.dropSockets();
    await waitFor(() => states.includes('degraded') && h.client.events.state === 'connected', 'reconnect');
    expect(states).toEqual(['degraded', 'connected']);
    expect(reconnects).toEqual([true]);
  });

  it('sends ChannelCreated and BridgeCreated only to subscribeAll sockets, as Asterisk does', async () => {
    const h = await start();
    const monitor = createAriClient({
      name: 'monitor',
      url: h.sim.url,
      username: h.sim.username,
      password: h.sim.password,
      app: 'switchboard-monitor',
      events: { subscribeAll: true },
    });
    const seen: string[] = [];
    monitor.events.onAny((e) => seen.push(e.type));
    monitor.connect();
    await waitFor(() => monitor.events.state === 'connected', 'monitor socket');
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    await h.nextEvent('StasisStart');
    await h.client.bridges.create({ type: 'mixing' });
    await waitFor(() => seen.includes('BridgeCreated') && seen.includes('StasisStart'), 'monitor events');
    expect(seen.slice(0, 2)).toEqual(['ChannelCreated', 'StasisStart']);
    expect(h.events.map((e) => e.type)).not.toContain('ChannelCreated');
    expect(h.events.map((e) => e.type)).not.toContain('BridgeCreated');
    await monitor.close();
  });

  it('restart makes every channel vanish without events', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    await h.nextEvent('StasisStart');
    const before = h.events.length;
    h.sim.restart();
    await waitFor(() => h.client.events.state === 'connected' && h.sim.socketCount() === 1, 'reconnect');
    expect(await h.client.channels.list()).toEqual([]);
    expect(h.events.length).toBe(before);
  });

  it('an app that follows endpoint:PJSIP hears its own channels\' events twice, the same message (as Asterisk 22.10.1), StasisStart and StasisEnd once', async () => {
    const h = await start();
    const raw = createAriClient({
      name: 'raw',
      url: h.sim.url,
      username: h.sim.username,
      password: h.sim.password,
      app: 'probe',
      events: { initialDelayMs: 20 },
    });
    const seen: AriEvent[] = [];
    raw.events.onAny((e) => seen.push(e));
    raw.connect();
    try {
      await waitFor(() => raw.events.state === 'connected', 'probe connected');
      await raw.applications.subscribe('probe', 'endpoint:PJSIP');
      const ch = await raw.channels.originate({ endpoint: 'PJSIP/t1_1001', app: 'probe' });
      await waitFor(() => seen.some((e) => e.type === 'StasisStart'), 'StasisStart');
      await raw.channels.hangup(ch.id);
      await waitFor(() => seen.some((e) => e.type === 'StasisEnd'), 'StasisEnd');
      await waitFor(() => seen.filter((e) => e.type === 'ChannelDestroyed').length === 2, 'ChannelDestroyed twice');
      const count = (type: string) => seen.filter((e) => e.type === type).length;
      expect([count('StasisStart'), count('StasisEnd'), count('ChannelDestroyed')]).toEqual([1, 1, 2]);
      const destroyed = seen.filter((e) => e.type === 'ChannelDestroyed');
      expect(JSON.stringify(destroyed[1])).toBe(JSON.stringify(destroyed[0]));
      // The application's own channel events come once when it does not follow the endpoint.
      expect((await raw.applications.unsubscribe('probe', 'endpoint:PJSIP')).endpoint_ids).toEqual([]);
      const again = await raw.channels.originate({ endpoint: 'PJSIP/t1_1002', app: 'probe' });
      const from = seen.length;
      await waitFor(() => seen.slice(from).some((e) => e.type === 'StasisStart'), 'StasisStart');
      await raw.channels.hangup(again.id);
      await waitFor(() => seen.slice(from).some((e) => e.type === 'ChannelDestroyed'), 'ChannelDestroyed');
      await new Promise((r) => setTimeout(r, 50));
      expect(seen.slice(from).filter((e) => e.type === 'ChannelDestroyed')).toHaveLength(1);
    } finally {
      await raw.close();
    }
  });

  it('restart with downMs: every connection is cut until it is back (a crashed Asterisk booting), then an empty Asterisk', async () => {
    const h = await start();
    h.sim.placeCall({ from: '+15551000', to: '+15557001' });
    await h.nextEvent('StasisStart');
    const before = h.events.length;
    const at = Date.now();
    h.sim.restart({ downMs: 600 });
    await waitFor(() => h.client.events.state === 'degraded', 'the socket dropped');
    await expect(h.client.channels.list()).rejects.toThrow();
    await waitFor(() => h.client.events.state === 'connected' && h.sim.socketCount() === 1, 'reconnect', 5000);
    expect(Date.now() - at).toBeGreaterThanOrEqual(600);
    expect(await h.client.channels.list()).toEqual([]);
    expect(h.events.length).toBe(before);
  });
});
