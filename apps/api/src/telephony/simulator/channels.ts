import type { CallerID, Channel } from '../ari/types/models';
import { leaveBridge } from './bridges';
import type { SimCore } from './core';
import { finishRecordingsOf, stopPlaybacksOf } from './media';
import {
  causeSipResponse,
  causeText,
  emptyCallerId,
  type PhoneBehaviour,
  type SimChannel,
  type SimEndpoint,
} from './model';

export type NewChannel = {
  name: string;
  state: Channel['state'];
  caller: CallerID;
  connected?: CallerID;
  accountcode?: string;
  tenantid?: string;
  dialplan: Channel['dialplan'];
  endpoint?: SimEndpoint;
  app?: string;
  linkedid?: string;
  protocolId?: string;
  simulated?: boolean;
  variables?: Record<string, string>;
};

export function createChannel(core: SimCore, init: NewChannel): SimChannel {
  const id = core.nextChannelId();
  const json: Channel = {
    id,
    name: init.name,
    state: init.state,
    protocol_id: init.protocolId ?? core.newId(),
    caller: { ...init.caller },
    connected: { ...(init.connected ?? emptyCallerId()) },
    accountcode: init.accountcode ?? '',
    dialplan: { ...init.dialplan },
    creationtime: core.now(),
    language: 'en',
  };
  if (init.simulated) json.channelvars = { SWITCHBOARD_SIMULATED: '1' };
  if (init.tenantid) json.tenantid = init.tenantid;
  const channel: SimChannel = {
    json,
    vars: new Map(Object.entries(init.variables ?? {})),
    linkedid: init.linkedid ?? id,
    app: init.app,
    inStasis: false,
    args: [],
    endpoint: init.endpoint,
    answered: init.state === 'Up',
    ariHold: false,
    phoneHold: false,
    simulated: init.simulated ?? false,
    inbound: false,
    signalling: [],
    timers: new Set(),
    destroyed: false,
  };
  if (init.simulated) channel.vars.set('SWITCHBOARD_SIMULATED', '1');
  core.channels.set(id, channel);
  core.emit('ChannelCreated', { channel: core.snapshot(channel) }, [], true);
  return channel;
}

/** A channel towards a registered endpoint (phone or trunk), state Down, as /channels/create makes. */
export function endpointChannel(
  core: SimCore,
  endpoint: SimEndpoint,
  extra: Partial<NewChannel> = {},
): SimChannel {
  return createChannel(core, {
    name: `${endpoint.technology}/${endpoint.resource}-${core.nextChannelSuffix()}`,
    state: 'Down',
    caller: { name: endpoint.callerName, number: endpoint.callerNumber },
    accountcode: endpoint.accountcode,
    tenantid: endpoint.tenantid,
    dialplan: { context: endpoint.context, exten: 's', priority: 1, app_name: '', app_data: '' },
    endpoint,
    ...extra,
  });
}

export function setState(core: SimCore, channel: SimChannel, state: Channel['state']) {
  if (channel.json.state === state) return;
  channel.json.state = state;
  if (state === 'Up') channel.answered = true;
  core.channelEvent('ChannelStateChange', channel);
}

export function setVariable(core: SimCore, channel: SimChannel, variable: string, value: string) {
  channel.vars.set(variable, value);
  core.channelEvent('ChannelVarset', channel, { variable, value });
}

export function setConnected(core: SimCore, channel: SimChannel, connected: CallerID) {
  channel.json.connected = { ...connected };
  core.channelEvent('ChannelConnectedLine', channel);
  // chan_pjsip tells a caller still in state Ring about the new identity with a 180 (trace 03).
  if (channel.inbound && !channel.answered && channel.json.state === 'Ring') channel.signalling.push('180 Ringing');
}

/** The calling phone is an unanswered inbound channel: nothing reaches it but what is indicated. */
export function awaitingAnswer(channel: SimChannel) {
  return channel.inbound && !channel.answered;
}

/**
 * ARI `ring` / `progress` on a channel. An unanswered caller gets a 180 (its phone plays its own
 * ringback) or a 183 (early media: it hears the bridge from now on); the channel state stays
 * `Ring` either way, as recorded (trace 03). On other channels Asterisk accepts it and nothing shows.
 */
export function indicate(channel: SimChannel, what: 'ringing' | 'progress' | 'stop-ringing') {
  if (!awaitingAnswer(channel)) return;
  if (what === 'ringing') channel.signalling.push('180 Ringing');
  if (what === 'progress' && !channel.earlyMedia) {
    channel.earlyMedia = true;
    channel.signalling.push('183 Session Progress');
  }
}

/**
 * What the person on this channel hears. An inbound channel nobody answered gets no media at all,
 * bridge or not (Asterisk sends RTP only after 200 OK or 183): `nothing`, or `ringback` that the
 * phone plays itself after a 180. Otherwise a playback, music, the other party, or silence.
 */
export function heardOn(
  core: SimCore,
  channel: SimChannel,
): 'nothing' | 'ringback' | 'playback' | 'music' | 'party' | 'silence' {
  if (awaitingAnswer(channel) && !channel.earlyMedia)
    return channel.signalling.includes('180 Ringing') ? 'ringback' : 'nothing';
  const bridge = channel.bridgeId ? core.bridges.get(channel.bridgeId) : undefined;
  const targets = new Set([`channel:${channel.json.id}`, ...(bridge ? [`bridge:${bridge.json.id}`] : [])]);
  if ([...core.playbacks.values()].some((p) => targets.has(p.json.target_uri))) return 'playback';
  if (channel.moh || channel.ariHold || bridge?.moh) return 'music';
  if (bridge && bridge.json.bridge_type === 'mixing' && bridge.json.channels.length > 1) return 'party';
  return 'silence';
}

export function enterStasis(
  core: SimCore,
  channel: SimChannel,
  app: string,
  args: string[],
  opts: { varset: boolean },
) {
  channel.app = app;
  channel.inStasis = true;
  channel.args = args;
  channel.json.dialplan = {
    ...channel.json.dialplan,
    app_name: 'Stasis',
    app_data: [app, ...args].join(','),
  };
  core.knownApps.add(app);
  if (opts.varset) setVariable(core, channel, 'STASISSTATUS', '');
  core.channelEvent('StasisStart', channel, { args });
}

function leaveStasis(core: SimCore, channel: SimChannel) {
  if (!channel.inStasis) return;
  channel.inStasis = false;
  core.channelEvent('StasisEnd', channel);
  channel.vars.set('STASISSTATUS', 'SUCCESS');
  core.channelEvent('ChannelVarset', channel, { variable: 'STASISSTATUS', value: 'SUCCESS' });
}

/** Who ended the channel; each gives the event sequence recorded for it (traces 10, 11, 06). */
export type HangupBy = 'app' | 'remote' | 'busy' | 'timeout' | 'redirect' | 'rejected';

/** `DELETE /channels/{id}?reason=` values and the Q.850 cause each sets. */
export const hangupReasonCauses: Record<string, number> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 19,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};

export function hangupChannel(core: SimCore, channel: SimChannel, by: HangupBy, reasonCause?: number) {
  if (channel.destroyed) return;
  channel.destroyed = true;
  for (const timer of channel.timers) core.cancel(timer);
  channel.timers.clear();
  const ringingUnanswered = !channel.answered;
  const requestFields: Record<string, unknown> =
    by === 'remote'
      ? { cause: 16 }
      : by === 'busy'
        ? { cause: 17 }
        : by === 'redirect'
          ? { cause: 23 }
          : by === 'rejected'
            ? { cause: 21 }
            : { cause: 32, soft: true };
  core.channelEvent('ChannelHangupRequest', channel, requestFields);
  stopPlaybacksOf(core, `channel:${channel.json.id}`);
  finishRecordingsOf(core, `channel:${channel.json.id}`);
  if (channel.bridgeId) leaveBridge(core, channel, { hangup: true });
  leaveStasis(core, channel);
  if (by === 'redirect' && channel.inbound) channel.signalling.push('302 Moved Temporarily');
  if (by !== 'redirect') {
    if (by === 'remote' || (channel.inbound && channel.answered)) {
      core.channelEvent('ChannelHangupRequest', channel, { cause: 16, soft: true });
    }
    // A caller's own unanswered channel keeps the cause the app gave (16 by default); only a leg
    // Asterisk was ringing reports "no answer".
    const cause =
      reasonCause && reasonCause !== 16
        ? reasonCause
        : by === 'busy'
          ? 17
          : by === 'rejected'
            ? 21
            : ringingUnanswered && by !== 'remote' && !channel.inbound
              ? 19
              : 16;
    core.channelEvent('ChannelDestroyed', channel, { cause, cause_txt: causeText[cause] ?? 'Unknown' });
    if (channel.inbound && by !== 'remote')
      channel.signalling.push(ringingUnanswered ? (causeSipResponse[cause] ?? '603 Decline') : 'BYE');
  }
  core.markGone(channel.json.id);
  const peer = channel.localPeer;
  if (peer && !peer.destroyed) hangupChannel(core, peer, 'remote');
}

export type RingOptions = {
  behaviour: PhoneBehaviour;
  /** Originate puts the channel into Stasis on answer; create+dial already did. */
  originateInto?: { app: string; args: string[] };
  /** Seconds; 0 rings forever. */
  timeout: number;
  caller?: SimChannel;
};

/**
 * Rings a channel: Dial "" → RINGING (or PROGRESS) → ANSWER. A failed ARI /dial sends no final
 * Dial event (surprise 9): only the hang-up sequence with cause 19 or 17.
 */
export function ring(core: SimCore, channel: SimChannel, options: RingOptions) {
  const { behaviour } = options;
  const dialstring = channel.endpoint?.resource ?? channel.json.name;
  const originate = Boolean(options.originateInto);
  channel.dialing = { behaviour, originateInto: options.originateInto };
  const dial = (dialstatus: string, first = false) =>
    core.emit(
      'Dial',
      {
        dialstatus,
        forward: '',
        dialstring: first || originate ? dialstring : '',
        peer: core.snapshot(channel),
      },
      [channel.app],
    );
  if (options.caller) setConnected(core, channel, options.caller.json.caller);
  dial('', true);
  if (behaviour.mode === 'early-media') {
    dial('PROGRESS');
  } else {
    setState(core, channel, 'Ringing');
    dial('RINGING');
  }
  const answerNow = () => answerDialled(core, channel);
  if (behaviour.mode === 'answer' || behaviour.mode === 'early-media')
    core.after(behaviour.afterMs, answerNow, channel);
  if (behaviour.mode === 'busy')
    core.after(behaviour.afterMs, () => hangupChannel(core, channel, 'busy'), channel);
  if (options.timeout > 0)
    core.after(options.timeout * 1000, () => hangupChannel(core, channel, 'timeout'), channel);
}

export function answerDialled(core: SimCore, channel: SimChannel) {
  if (channel.destroyed || !channel.dialing) return;
  const { originateInto } = channel.dialing;
  channel.dialing = undefined;
  for (const timer of channel.timers) core.cancel(timer);
  channel.timers.clear();
  setState(core, channel, 'Up');
  core.emit('Dial', { dialstatus: 'ANSWER', forward: '', dialstring: '', peer: core.snapshot(channel) }, [
    channel.app,
  ]);
  if (originateInto) enterStasis(core, channel, originateInto.app, originateInto.args, { varset: true });
}

/** ARI answer; answering one half of a Local pair brings the other half up (trace 09). */
export function answerChannel(core: SimCore, channel: SimChannel) {
  if (awaitingAnswer(channel)) channel.signalling.push('200 OK');
  setState(core, channel, 'Up');
  const peer = channel.localPeer;
  if (peer && !peer.destroyed && peer.json.state !== 'Up') {
    setState(core, peer, 'Up');
    core.emit('Dial', { dialstatus: 'ANSWER', forward: '', dialstring: '', peer: core.snapshot(peer) }, [
      peer.app,
    ]);
  }
}

/** Values for `GET /channels/{id}/variable`, including the dialplan functions the bridge reads. */
export function readVariable(channel: SimChannel, name: string): string | undefined {
  const json = channel.json;
  const functions: Record<string, string | undefined> = {
    'CALLERID(num)': json.caller.number,
    'CALLERID(name)': json.caller.name,
    'CONNECTEDLINE(num)': json.connected.number,
    'CONNECTEDLINE(name)': json.connected.name,
    'CHANNEL(name)': json.name,
    'CHANNEL(uniqueid)': json.id,
    'CHANNEL(linkedid)': channel.linkedid,
    'CHANNEL(state)': json.state,
    'CHANNEL(accountcode)': json.accountcode,
    'CHANNEL(tenantid)': json.tenantid ?? '',
    UNIQUEID: json.id,
  };
  return Object.hasOwn(functions, name) ? functions[name] : channel.vars.get(name);
}
