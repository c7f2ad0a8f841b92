import type { Bridge, CallerID, Channel, LiveRecording, Playback } from '../ari/types/models';

/** How a simulated phone answers an INVITE. Durations are in simulated milliseconds. */
export type PhoneBehaviour =
  | { mode: 'answer'; afterMs: number }
  | { mode: 'busy'; afterMs: number }
  | { mode: 'noanswer' }
  /** 183 with early media, then answer. */
  | { mode: 'early-media'; afterMs: number }
  /** Rings until a test calls `phone.answer()` / `phone.reject()`. */
  | { mode: 'manual' };

export type SimEndpointConfig = {
  /** ARA id, e.g. `t42_1001`. */
  resource: string;
  technology?: string;
  callerName?: string;
  callerNumber?: string;
  tenantid?: string;
  accountcode?: string;
  context?: string;
  registered?: boolean;
  /**
   * The registered contact answers qualify OPTIONS. False models a phone that went away without
   * unregistering (Wi-Fi lost, powered off): the contact stays in ps_contacts but is Unreachable,
   * the endpoint is offline and originates to it fail with 500 Allocation failed, as on Asterisk.
   */
  reachable?: boolean;
  behaviour?: PhoneBehaviour;
};

export type SimEndpoint = Required<Omit<SimEndpointConfig, 'tenantid'>> & { tenantid?: string };

export type SimChannel = {
  json: Channel;
  vars: Map<string, string>;
  linkedid: string;
  /** The Stasis app this channel's events go to (also before StasisStart for originates). */
  app?: string;
  inStasis: boolean;
  args: string[];
  endpoint?: SimEndpoint;
  bridgeId?: string;
  /** Set while an ARI /dial or originate is ringing this channel. */
  dialing?: { behaviour: PhoneBehaviour; originateInto?: { app: string; args: string[] } };
  /** The other half of a Local/…;1 / ;2 pair (phone-side REFER transfers). */
  localPeer?: SimChannel;
  answered: boolean;
  /** Music on hold, hold and mute set by ARI; ARI hold emits no ChannelHold (surprise 1). */
  moh?: string;
  ariHold: boolean;
  muted?: 'both' | 'in' | 'out';
  phoneHold: boolean;
  simulated: boolean;
  /** A call that came in from a phone or trunk (its hang-up also shows a soft cause-16 request). */
  inbound: boolean;
  /**
   * What the calling phone received for its INVITE (inbound channels), in order, as a SIP phone's
   * log shows it: `100 Trying`, `180 Ringing`, `183 Session Progress`, `200 OK`, a final error
   * (`603 Decline`, `302 Moved Temporarily`…) or `BYE` when Asterisk ended an answered call.
   */
  signalling: string[];
  /** ARI `progress` was indicated to this unanswered inbound channel: it gets early media. */
  earlyMedia?: boolean;
  timers: Set<NodeJS.Timeout>;
  destroyed: boolean;
};

export type SimBridge = {
  json: Bridge;
  moh?: string;
  /** Apps that saw a channel in this bridge: they receive its BridgeDestroyed. */
  apps: Set<string>;
  /** Asterisk only tells the app about the destruction when a member left by hanging up (surprise 11). */
  memberHungUp: boolean;
};

export type SimPlayback = { json: Playback; apps: Set<string>; timer?: NodeJS.Timeout };

export type SimRecording = {
  json: LiveRecording;
  apps: Set<string>;
  startedAt: number;
  timer?: NodeJS.Timeout;
};

/** A finished recording; `audioMs` is how much audio it holds (the file's length follows it). */
export type SimStoredRecording = { name: string; format: string; durationSeconds: number; audioMs: number };

export const emptyCallerId = (): CallerID => ({ name: '', number: '' });

/**
 * The SIP final response chan_pjsip sends an unanswered caller for a hang-up cause
 * (`hangup_cause2sip`); a cause it does not map (16 Normal Clearing, the ARI default) is 603.
 */
export const causeSipResponse: Record<number, string> = {
  1: '404 Not Found',
  17: '486 Busy Here',
  19: '480 Temporarily Unavailable',
  21: '403 Forbidden',
  28: '484 Address Incomplete',
  31: '480 Temporarily Unavailable',
  34: '503 Service Unavailable',
  38: '500 Server Internal Error',
  58: '488 Not Acceptable Here',
  127: '500 Server Internal Error',
};

/** Q.850 causes Asterisk reports in ChannelDestroyed. */
export const causeText: Record<number, string> = {
  1: 'Unallocated (unassigned) number',
  26: 'Answered elsewhere',
  28: 'Invalid number format',
  31: 'Normal, unspecified',
  38: 'Network out of order',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  23: 'Redirected to new destination',
  32: 'Circuit/channel congestion',
  34: 'Circuit/channel congestion',
};
