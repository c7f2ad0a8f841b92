import type { Channel } from '../ari/types/models';
import { joinBridge, leaveBridge } from './bridges';
import { answerDialled, createChannel, enterStasis, hangupChannel, heardOn } from './channels';
import type { SimCore } from './core';
import type { PhoneBehaviour, SimChannel } from './model';
import { endpointJson } from './rest-resources';

/** One step of a caller's script; `afterMs` counts from the previous step (simulated ms). */
export type CallScriptStep = {
  afterMs?: number;
  /** Wait until the app answered the call before counting `afterMs`. */
  whenAnswered?: boolean;
  dtmf?: string;
  dtmfDurationMs?: number;
  hold?: boolean;
  unhold?: boolean;
  hangup?: boolean;
};

export type PlaceCallOptions = {
  /** Caller number (trunk calls) — ignored when `fromEndpoint` is set. */
  from?: string;
  /** The dialled number: a DID for trunk calls, an extension for internal calls. */
  to: string;
  callerName?: string;
  /** Place the call from a registered phone (internal call; tenantid from the endpoint). */
  fromEndpoint?: string;
  app?: string;
  /** Stasis args; default `['inbound', to]` as the tenant dialplan passes them. */
  args?: string[];
  /** false: a plain dialplan call that never enters Stasis (for 409 checks). */
  stasis?: boolean;
  simulated?: boolean;
  script?: CallScriptStep[];
};

export type CallHandle = {
  id: string;
  channel: () => Channel | undefined;
  pressDigits: (digits: string, durationMs?: number) => Promise<void>;
  hold: () => void;
  unhold: () => void;
  hangup: () => void;
  /** The SIP responses (and BYE) the calling phone received, in order: `100 Trying`, `180 Ringing`, `200 OK`… */
  signalling: () => string[];
  /** What the caller hears right now: `nothing` until Asterisk answers, rings or sends early media. */
  hears: () => ReturnType<typeof heardOn>;
  /** Resolves once the channel is gone (hung up, redirected or the simulator restarted). */
  ended: Promise<void>;
};

function sleep(core: SimCore, ms: number, owner?: SimChannel) {
  return new Promise<void>((resolve) => core.after(ms, resolve, owner));
}

export function phoneHold(core: SimCore, channel: SimChannel, hold: boolean) {
  if (channel.destroyed || channel.phoneHold === hold) return;
  channel.phoneHold = hold;
  // Only a phone-side hold (re-INVITE sendonly) produces these events (surprise 1).
  if (hold) core.channelEvent('ChannelHold', channel, { musicclass: 'default' });
  else core.channelEvent('ChannelUnhold', channel);
}

export async function pressDigits(core: SimCore, channel: SimChannel, digits: string, durationMs = 280) {
  for (const digit of digits) {
    if (channel.destroyed) return;
    await sleep(core, durationMs);
    if (channel.destroyed) return;
    core.channelEvent('ChannelDtmfReceived', channel, { digit, duration_ms: durationMs });
    await sleep(core, 150);
  }
}

function handleFor(core: SimCore, channel: SimChannel): CallHandle {
  const ended = core.whenGone(channel.json.id);
  return {
    id: channel.json.id,
    channel: () => (core.channels.has(channel.json.id) ? core.snapshot(channel) : undefined),
    pressDigits: (digits, durationMs) => pressDigits(core, channel, digits, durationMs),
    hold: () => phoneHold(core, channel, true),
    unhold: () => phoneHold(core, channel, false),
    hangup: () => hangupChannel(core, channel, 'remote'),
    signalling: () => [...channel.signalling],
    hears: () => (channel.destroyed ? 'nothing' : heardOn(core, channel)),
    ended,
  };
}

/** Resolves once the channel is Up or gone, woken by the simulator's own events (no polling). */
function whenUp(core: SimCore, channel: SimChannel): Promise<void> {
  return new Promise((resolve) => {
    const settled = () => channel.destroyed || channel.json.state === 'Up';
    if (settled()) return resolve();
    const off = core.onEvent(() => {
      if (!settled()) return;
      off();
      resolve();
    });
    void core.whenGone(channel.json.id).then(() => {
      off();
      resolve();
    });
  });
}

async function runScript(core: SimCore, channel: SimChannel, steps: CallScriptStep[]) {
  const alive = () => !channel.destroyed;
  for (const step of steps) {
    if (step.whenAnswered) await whenUp(core, channel);
    if (step.afterMs) await sleep(core, step.afterMs, channel);
    if (!alive()) return;
    if (step.dtmf) await pressDigits(core, channel, step.dtmf, step.dtmfDurationMs);
    if (step.hold) phoneHold(core, channel, true);
    if (step.unhold) phoneHold(core, channel, false);
    if (step.hangup) hangupChannel(core, channel, 'remote');
  }
}

/** A call arriving at Asterisk: from the carrier trunk to a DID, or from a registered phone. */
export function placeCall(core: SimCore, options: PlaceCallOptions): CallHandle {
  const app = options.app ?? core.defaultApp;
  const args = options.args ?? ['inbound', options.to];
  const phone = options.fromEndpoint ? core.endpoints.get(options.fromEndpoint) : undefined;
  if (options.fromEndpoint && !phone?.registered)
    throw new Error(`phone ${options.fromEndpoint} is not registered`);
  const source = phone ?? core.endpoints.get(core.trunkEndpoint)!;
  const stasis = options.stasis ?? true;
  const prefix = options.simulated ? '[SIM] ' : '';
  const channel = createChannel(core, {
    name: `${source.technology}/${source.resource}-${core.nextChannelSuffix()}`,
    state: 'Ring',
    caller: phone
      ? { name: phone.callerName, number: phone.callerNumber }
      : { name: `${prefix}${options.callerName ?? ''}`.trim(), number: options.from ?? 'anonymous' },
    accountcode: phone?.accountcode ?? '',
    tenantid: phone?.tenantid,
    dialplan: {
      context: phone?.context ?? 'from-trunk',
      exten: options.to,
      priority: 1,
      app_name: stasis ? 'Stasis' : 'Dial',
      app_data: stasis ? [app, ...args].join(',') : `PJSIP/${options.to}`,
    },
    endpoint: source,
    simulated: options.simulated,
  });
  channel.app = stasis ? app : undefined;
  channel.inbound = true;
  channel.signalling.push('100 Trying');
  if (stasis) enterStasis(core, channel, app, args, { varset: false });
  else {
    channel.json.state = 'Up';
    channel.answered = true;
    channel.signalling.push('200 OK');
  }
  void runScript(core, channel, options.script ?? []);
  return handleFor(core, channel);
}

/** The newest live channel of a phone (the one ringing or talking). */
function currentChannel(core: SimCore, resource: string): SimChannel | undefined {
  return [...core.channels.values()].reverse().find((c) => c.endpoint?.resource === resource && !c.destroyed);
}

/**
 * A phone's blind transfer (SIP REFER) out of an ARI bridge, as in trace 09: a Local pair
 * replaces the phone in the bridge, BridgeBlindTransfer arrives, and the phone's own channel
 * stays Up in Stasis for the app to hang up (surprise 2).
 */
export function blindTransfer(core: SimCore, channel: SimChannel, exten: string, context = 'from-internal') {
  const bridge = channel.bridgeId ? core.bridges.get(channel.bridgeId) : undefined;
  if (!bridge) throw new Error('a REFER needs the phone to be in a bridge');
  const transferee = bridge.json.channels.map((id) => core.channels.get(id)).find((c) => c && c !== channel);
  // The phone's re-INVITE before the REFER shows up as an unhold (trace 09).
  core.channelEvent('ChannelUnhold', channel);
  const suffix = core.nextLocalSuffix();
  const local = (half: 1 | 2, state: Channel['state']) =>
    createChannel(core, {
      name: `Local/${exten}@${context}-${suffix};${half}`,
      state,
      caller: { ...channel.json.caller },
      accountcode: channel.json.accountcode,
      tenantid: channel.json.tenantid,
      dialplan: { context, exten, priority: 1, app_name: '', app_data: '' },
      linkedid: channel.linkedid,
      simulated: channel.simulated,
    });
  const one = local(1, 'Down');
  const two = local(2, 'Ring');
  one.localPeer = two;
  two.localPeer = one;
  one.app = channel.app;
  one.inStasis = true;
  core.channelEvent('StasisStart', one, { args: [], replace_channel: core.snapshot(channel) });
  leaveBridge(core, channel, { hangup: false });
  joinBridge(core, bridge, one);
  core.emit(
    'BridgeBlindTransfer',
    {
      channel: core.snapshot(channel),
      exten,
      context,
      result: 'Success',
      is_external: true,
      ...(transferee ? { transferee: core.snapshot(transferee) } : {}),
      replace_channel: core.snapshot(one),
      bridge: structuredClone(bridge.json),
    },
    [channel.app],
  );
  enterStasis(core, two, channel.app ?? core.defaultApp, ['inbound', exten], { varset: false });
}

export type PhoneHandle = ReturnType<typeof phoneHandle>;

/** Scripting for one registered endpoint (an agent's phone). */
export function phoneHandle(core: SimCore, resource: string) {
  const endpoint = core.endpoints.get(resource) ?? core.addEndpoint({ resource });
  const setRegistered = (registered: boolean) => {
    if (endpoint.registered === registered) return;
    endpoint.registered = registered;
    if (registered) endpoint.reachable = true; // a fresh REGISTER comes with a qualify answer
    const apps = core.appsSubscribedTo(`endpoint:${endpoint.technology}/${resource}`);
    core.emit('EndpointStateChange', { endpoint: endpointJson(core, endpoint) }, apps);
    core.emit(
      'ContactStatusChange',
      {
        endpoint: endpointJson(core, endpoint),
        contact_info: {
          uri: `sip:${resource}@192.0.2.10:5060`,
          contact_status: registered ? 'Reachable' : 'Removed',
          aor: resource,
          roundtrip_usec: registered ? '1200' : '0',
        },
      },
      apps,
    );
  };
  /** Qualify OPTIONS stop (or start again) being answered: Unreachable / Reachable, as Asterisk reports it. */
  const setReachable = (reachable: boolean) => {
    if (endpoint.reachable === reachable) return;
    endpoint.reachable = reachable;
    if (!endpoint.registered) return; // no contact to qualify
    const apps = core.appsSubscribedTo(`endpoint:${endpoint.technology}/${resource}`);
    core.emit(
      'ContactStatusChange',
      {
        endpoint: endpointJson(core, endpoint),
        contact_info: {
          uri: `sip:${resource}@192.0.2.10:5060`,
          contact_status: reachable ? 'Reachable' : 'Unreachable',
          aor: resource,
          roundtrip_usec: reachable ? '1200' : '0',
        },
      },
      apps,
    );
    core.emit('EndpointStateChange', { endpoint: endpointJson(core, endpoint) }, apps);
  };
  const live = () => currentChannel(core, resource);
  return {
    resource,
    get registered() {
      return endpoint.registered;
    },
    register: () => setRegistered(true),
    unregister: () => setRegistered(false),
    get reachable() {
      return endpoint.reachable;
    },
    stopAnsweringQualify: () => setReachable(false),
    answerQualify: () => setReachable(true),
    setBehaviour(behaviour: PhoneBehaviour) {
      endpoint.behaviour = behaviour;
    },
    channel: () => {
      const channel = live();
      return channel ? core.snapshot(channel) : undefined;
    },
    isRinging: () => Boolean(live()?.dialing),
    answer() {
      const channel = live();
      if (channel?.dialing) answerDialled(core, channel);
    },
    reject() {
      const channel = live();
      if (channel?.dialing) hangupChannel(core, channel, 'busy');
    },
    hangup() {
      const channel = live();
      if (channel) hangupChannel(core, channel, 'remote');
    },
    hold: () => live() && phoneHold(core, live()!, true),
    unhold: () => live() && phoneHold(core, live()!, false),
    transfer(exten: string) {
      const channel = live();
      if (!channel) throw new Error(`phone ${resource} has no call to transfer`);
      blindTransfer(core, channel, exten);
    },
    /** A call from this phone (internal extension or outbound number). */
    call: (to: string, script?: CallScriptStep[]) => placeCall(core, { fromEndpoint: resource, to, script }),
  };
}
