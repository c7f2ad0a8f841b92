import type { AriClient } from '../ari/index';
import type { AriPort, RouterChannel } from './ports';

/** How long a created channel may take to enter the application before `dial` gives up. */
const STASIS_WAIT_MS = [25, 50, 100, 200, 400];

/**
 * `POST /channels/create` answers before the new channel has entered the application (its
 * StasisStart follows, as in the traces), and `dial` on a channel not yet in Stasis answers
 * 409 "Channel not in Stasis application": a race lost now and then, not a change of the call.
 * Dial again shortly instead of failing the offer or the transfer that asked for it.
 */
export async function dialOnceInStasis(dial: () => Promise<unknown>, waits: number[] = STASIS_WAIT_MS) {
  for (let attempt = 0; ; attempt++) {
    try {
      await dial();
      return;
    } catch (err) {
      const e = err as { status?: number; message?: string };
      const notYet = e.status === 409 && /not in Stasis/i.test(e.message ?? '');
      if (!notYet || attempt >= waits.length) throw err;
      await new Promise((r) => setTimeout(r, waits[attempt]));
    }
  }
}

/** The router's ARI port on top of the typed ARI client (one per Asterisk). */
export function createAriPort(client: AriClient): AriPort {
  const { channels, bridges, playbacks, recordings } = client;
  const app = client.app;
  return {
    answer: (id) => channels.answer(id),
    ring: (id) => channels.ring(id),
    hangup: (id, reason) => channels.hangup(id, reason ? { reason: reason as never } : {}),
    async createAndDial(o) {
      const variables: Record<string, string> = { ...o.variables };
      if (o.callerId) variables['CALLERID(num)'] = o.callerId;
      if (o.presentAs) {
        variables['CONNECTEDLINE(num)'] = o.presentAs.number;
        variables['CONNECTEDLINE(name)'] = o.presentAs.name;
      }
      // `create` then `dial`, as the recorded app-run queue does (timelines 10, 11).
      const ch = await channels.create({
        ...(o.channelId ? { channelId: o.channelId } : {}),
        endpoint: o.endpoint,
        app,
        appArgs: o.appArgs,
        originator: o.originator,
        variables: Object.keys(variables).length ? variables : undefined,
      });
      try {
        // Dialling with `caller` copies the caller's identity onto the leg's connected line.
        const caller = o.presentAs ? undefined : o.originator;
        await dialOnceInStasis(() => channels.dial(ch.id, { caller, timeout: o.timeoutSeconds }));
      } catch (err) {
        await channels.hangup(ch.id).catch(() => undefined);
        throw err;
      }
      return { channelId: ch.id };
    },
    async originate(o) {
      const ch = await channels.originate({
        ...(o.channelId ? { channelId: o.channelId } : {}),
        endpoint: o.endpoint,
        app,
        appArgs: o.appArgs,
        callerId: o.callerId,
        timeout: o.timeoutSeconds,
        variables: o.variables,
      });
      return { channelId: ch.id };
    },
    async createBridge(type, name) {
      const b = await bridges.create({ type, name });
      return { bridgeId: b.id };
    },
    addToBridge: (bridgeId, channelIds, role) =>
      bridges.addChannel(bridgeId, { channel: channelIds, ...(role ? { role } : {}) }),
    removeFromBridge: (bridgeId, channelId) => bridges.removeChannel(bridgeId, channelId),
    destroyBridge: (bridgeId) => bridges.destroy(bridgeId),
    startBridgeMoh: (bridgeId, mohClass) => bridges.startMoh(bridgeId, mohClass),
    async play(channelId, media) {
      const p = await channels.play(channelId, { media });
      return { playbackId: p.id };
    },
    stopPlayback: (id) => playbacks.stop(id),
    hold: (id) => channels.hold(id),
    unhold: (id) => channels.unhold(id),
    mute: (id, direction) => channels.mute(id, direction),
    unmute: (id, direction) => channels.unmute(id, direction),
    startMoh: (id, mohClass) => channels.startMoh(id, mohClass),
    stopMoh: (id) => channels.stopMoh(id),
    async record(bridgeId, name) {
      await bridges.record(bridgeId, { name, format: 'wav', ifExists: 'overwrite' });
    },
    stopRecording: (name) => recordings.stop(name),
    async snoop(channelId, o) {
      const ch = await channels.snoop(channelId, {
        app,
        spy: o.spy,
        whisper: o.whisper,
        appArgs: o.appArgs,
        ...(o.snoopId ? { snoopId: o.snoopId } : {}),
      });
      return { channelId: ch.id };
    },
    continueInDialplan: (id, context, extension, priority) =>
      channels.continueInDialplan(id, { context, extension, priority }),
    listChannels: async () => (await channels.list()) as unknown as RouterChannel[],
  };
}
