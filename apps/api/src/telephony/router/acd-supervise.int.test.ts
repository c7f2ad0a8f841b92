import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLab, type CallLab } from '../../../test/call-lab';

/**
 * Supervisor listen / whisper / barge on the simulator, as test/asterisk/supervise.asterisk.ts
 * does on a real Asterisk: the supervisor's phone rings, answers and is joined (to a snoop channel
 * on the agent's leg, or to the call's bridge); when they hang up, the snoop channel and its bridge
 * go too and the call goes on.
 */
describe('supervisor listen, whisper and barge', () => {
  let lab: CallLab;
  let supervisorPhone: string;
  beforeAll(async () => {
    lab = await createCallLab({ agents: 1, queue: { strategy: 'ringall', wrapup_seconds: 0 } });
    const e = await lab.api('POST', '/api/v1/endpoints', lab.tenant.admin.token, {
      extension: '2901',
      display_name: 'Supervisor',
      user_id: lab.tenant.supervisor.id,
    });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    supervisorPhone = e.body.data.sip_username;
    lab.sim.addEndpoint({
      resource: supervisorPhone,
      registered: true,
      tenantid: lab.tenant.tenantId,
      behaviour: { mode: 'answer', afterMs: 200 },
    });
  });
  afterAll(async () => lab?.close());

  const channels = () => [...lab.sim.core.channels.values()].filter((c) => !c.destroyed).map((c) => c.json);
  const busyBridges = () =>
    [...lab.sim.core.bridges.values()].map((b) => b.json).filter((b) => b.channels.length > 0);

  it('each mode joins the answered supervisor; their hang-up leaves only the caller and agent, bridged', async () => {
    const a0 = lab.agents[0]!;
    lab.phone(a0, { mode: 'answer', afterMs: 200 });
    await lab.setState(a0, 'available');
    const caller = '+15550009001';
    const call = lab.sim.placeCall({ from: caller, to: lab.did });
    const rec = await lab.waitFor(
      async () =>
        (await lab.callRecords()).find((c) => c.caller_number === caller && c.status === 'connected'),
      'call connected',
    );
    const agentChan = channels().find((c) => c.name.startsWith(`PJSIP/${a0.araId}-`))!;
    const pair = [call.id, agentChan.id].sort().join();
    expect(busyBridges().map((b) => [...b.channels].sort().join())).toEqual([pair]);
    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      const s = await lab.api('POST', `/api/v1/calls/${rec.id}/supervise`, lab.tenant.supervisor.token, {
        mode,
      });
      expect(s.status, JSON.stringify(s.body)).toBe(200);
      const supId = s.body.data.channel_id as string;
      await lab.waitFor(
        async () => busyBridges().some((b) => b.channels.includes(supId)),
        `${mode}: supervisor joined`,
      );
      if (mode === 'barge') {
        expect(busyBridges().map((b) => [...b.channels].sort().join())).toEqual([
          [call.id, agentChan.id, supId].sort().join(),
        ]);
      } else {
        const sb = busyBridges().find((b) => b.channels.includes(supId))!;
        const snoop = channels().find((c) => c.id === sb.channels.find((id) => id !== supId))!;
        expect(snoop.name).toMatch(new RegExp(`^Snoop/${agentChan.id.replace('.', '\\.')}-`));
      }
      lab.sim.phone(supervisorPhone).hangup();
      await lab.waitFor(async () => channels().length === 2, `${mode}: only caller and agent left`);
      expect(busyBridges().map((b) => [...b.channels].sort().join())).toEqual([pair]);
      const snoopBridges = [...lab.sim.core.bridges.values()].filter((b) => b.json.name.startsWith('snoop-'));
      expect(snoopBridges).toEqual([]);
      const d = await lab.api('GET', `/api/v1/calls/${rec.id}`, lab.tenant.supervisor.token);
      expect(d.body.data.status).toBe('connected');
    }
    const ev = await lab.api('GET', `/api/v1/calls/${rec.id}/events`, lab.tenant.supervisor.token);
    const modes = (ev.body.data as Array<{ type: string; data: { mode?: string } }>)
      .filter((e) => e.type === 'supervise')
      .map((e) => e.data.mode);
    expect(modes).toEqual(['listen', 'whisper', 'barge']);
    call.hangup();
    await lab.endedCall(caller);
  });
});
