import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../helpers';
import { ARI, ariGet, busyBridges, cli, labKit, sipp, sippMessages, startAsterisk, stopAsterisk, waitFor, type LabKit, type Phone } from './lab';

// A supervisor listens, whispers and barges on a live DID → queue → agent call through a real
// Asterisk, driven from the API; their phone rings first. One Asterisk for the file.
let t: TestApp;
let tenant: TestTenant;
let api: LabKit['api'];
let makePhone: LabKit['makePhone'];
let register: LabKit['register'];
let connectCall: LabKit['connectCall'];

beforeAll(async () => {
  t = await createTestApp({
    env: { ARI_URL: ARI.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, ARI_APP: ARI.app, TRUNK_ALLOW_PRIVATE_HOSTS: 'true' },
  });
  await startAsterisk(t.url);
  tenant = await createTestTenant(t.app);
  ({ api, makePhone, register, connectCall } = labKit(t, tenant));
  await t.app.container.telephony.start();
  await waitFor(async () => t.app.container.telephony.status().status === 'connected', 'telephony connected');
}, 120_000);

afterAll(async () => {
  await t?.app.container.telephony.stop();
  await stopAsterisk();
  await t?.close();
});

const channelOf = async (p: Phone) => (await ariGet('/channels')).find((c) => String(c.name).startsWith(`PJSIP/${p.user}-`));
/** `core show channels concise` lines (channel!context!exten!prio!state!app!data!…). */
const concise = async () =>
  (await cli('core show channels concise'))
    .split('\n')
    .filter((l) => l.includes('!'))
    .map((l) => l.split('!'));

describe('supervisor listen, whisper and barge on a live call through a real Asterisk', () => {
  it('each mode rings the supervisor’s phone, which answers (listen and whisper: a snoop channel on the agent’s leg bridged with the supervisor; barge: the supervisor in the call’s bridge); the supervisor hangs up and the call goes on', async () => {
    const a = await makePhone('3301', { agent: true });
    const sup = await makePhone('3309', { user: { id: tenant.supervisor.id, token: tenant.supervisor.token } });
    const reg = await register(sup);
    expect(reg.code, reg.out).toBe(0);
    const supPhone = sipp('supervisor.xml', { localPort: sup.port, pauseMs: 1000 });
    const call = await connectCall(a, { callerTalkMs: 36_000 });
    try {
      const aChan = (await channelOf(a))!;
      expect(aChan).toBeTruthy();
      const callBridge = (await busyBridges()).find((b) => (b.channels as string[]).includes(call.callerChannelId))!;
      const callPair = [call.callerChannelId, aChan.id as string].sort().join();
      expect([...(callBridge.channels as string[])].sort().join()).toBe(callPair);

      for (const mode of ['listen', 'whisper', 'barge'] as const) {
        const s = await api('POST', `/api/v1/calls/${call.id}/supervise`, tenant.supervisor.token, { mode });
        expect(s.status, `${mode}: ${JSON.stringify(s.body)}`).toBe(200);
        const supChanId = s.body.data.channel_id as string;
        const supChan = await waitFor(async () => {
          const c = await channelOf(sup);
          return c?.state === 'Up' && c;
        }, `${mode}: the supervisor’s phone to answer`);
        expect(supChan.id).toBe(supChanId);
        if (mode === 'barge') {
          // Barge: the supervisor joins the call's own bridge; no snoop channel.
          await waitFor(async () => {
            const b = (await ariGet('/bridges')).find((br) => br.id === callBridge.id);
            return b && [...(b.channels as string[])].sort().join() === [call.callerChannelId, aChan.id, supChanId].sort().join();
          }, 'barge: caller, agent and supervisor in the call’s bridge');
          expect((await ariGet('/channels')).filter((c) => String(c.name).startsWith('Snoop/'))).toEqual([]);
        } else {
          // Listen / whisper: a snoop channel on the agent's leg (Snoop/<agent channel id>-n), in
          // the Stasis app, bridged with the supervisor's phone; the call's bridge is untouched.
          const snoopChan = await waitFor(async () => {
            const bs = await busyBridges();
            const sb = bs.find((br) => (br.channels as string[]).includes(supChanId));
            const other = (sb?.channels as string[] | undefined)?.find((id) => id !== supChanId);
            const chans = await ariGet('/channels');
            return other ? (chans.find((c) => c.id === other) ?? null) : null;
          }, `${mode}: the supervisor bridged with a snoop channel`);
          expect(String(snoopChan.name)).toMatch(new RegExp(`^Snoop/${String(aChan.id).replace('.', '\\.')}-`));
          const line = (await concise()).find((f) => f[0] === snoopChan.name);
          expect(line, (await concise()).map((f) => f.join('!')).join('\n')).toBeTruthy();
          expect(line![5]).toBe('Stasis');
          expect(line![6]).toContain(`snoop,${call.id}`);
          const b = (await ariGet('/bridges')).find((br) => br.id === callBridge.id)!;
          expect([...(b.channels as string[])].sort().join()).toBe(callPair);
        }
        // The supervisor hangs up (their phone sends BYE after 5 s): the call goes on.
        await waitFor(async () => !(await ariGet('/channels')).some((c) => c.id === supChanId), `${mode}: the supervisor to hang up`, 15_000);
        await waitFor(async () => {
          const chans = await ariGet('/channels');
          return chans.length === 2 && chans;
        }, `${mode}: only the caller and the agent left (no snoop channel)`).catch(async (e: Error) => {
          const names = (await ariGet('/channels')).map((c) => String(c.name));
          const snoopName = names.find((n) => n.startsWith('Snoop/'));
          throw new Error(`${e.message}: ${JSON.stringify(names)}\n${await cli('core show channels concise')}\n${snoopName ? await cli(`core show channel ${snoopName}`) : ''}`);
        });
        const bs = await busyBridges();
        expect(bs.map((br) => [...(br.channels as string[])].sort().join()), JSON.stringify(bs)).toEqual([callPair]);
        const d = (await api('GET', `/api/v1/calls/${call.id}`, tenant.supervisor.token)).body.data;
        expect(d.status).toBe('connected');
        expect(d.current_agent_user_id).toBe(a.userId);
      }
      const c = await call.caller.done;
      expect(c.code, c.out + sippMessages('caller.xml', 5070)).toBe(0);
      const ev = await api('GET', `/api/v1/calls/${call.id}/events`, tenant.supervisor.token);
      const modes = (ev.body.data as Array<{ type: string; data: { mode?: string } }>).filter((e) => e.type === 'supervise').map((e) => e.data.mode);
      expect(modes).toEqual(['listen', 'whisper', 'barge']);
      await waitFor(async () => (await ariGet('/channels')).length === 0, 'every channel gone');
    } finally {
      await call.caller.stop();
      await call.phone.stop();
      await supPhone.stop();
    }
  }, 90_000);
});
