/**
 * What the call router needs from the outside world, as narrow ports. The worker wires them to
 * the ARI client, the provisioning tables, the agent-state service and the event bus; unit tests
 * wire them to fakes. Keeping them narrow is what lets the router be tested scenario by scenario.
 */

/** The slice of an ARI channel the router reads (field names as in ARI's Channel model). */
export type RouterChannel = {
  id: string;
  name: string;
  state: string;
  caller: { name: string; number: string };
  connected?: { name: string; number: string };
  dialplan?: { context: string; exten: string; priority?: number; app_name?: string; app_data?: string };
  creationtime?: string;
  tenantid?: string;
  channelvars?: Record<string, string>;
};

/** The ARI events the router reacts to. Anything else is ignored. */
export type RouterEvent =
  | {
      type: 'StasisStart';
      timestamp: string;
      args: string[];
      channel: RouterChannel;
      replace_channel?: RouterChannel;
    }
  | { type: 'StasisEnd'; timestamp: string; channel: RouterChannel }
  | { type: 'ChannelStateChange'; timestamp: string; channel: RouterChannel }
  | { type: 'ChannelDestroyed'; timestamp: string; channel: RouterChannel; cause: number; cause_txt: string }
  | { type: 'ChannelHangupRequest'; timestamp: string; channel: RouterChannel; cause?: number }
  | {
      type: 'ChannelDtmfReceived';
      timestamp: string;
      channel: RouterChannel;
      digit: string;
      duration_ms: number;
    }
  | { type: 'ChannelHold'; timestamp: string; channel: RouterChannel; musicclass?: string }
  | { type: 'ChannelUnhold'; timestamp: string; channel: RouterChannel }
  | { type: 'Dial'; timestamp: string; peer: RouterChannel; caller?: RouterChannel; dialstatus: string }
  | {
      type: 'PlaybackFinished';
      timestamp: string;
      playback: { id: string; target_uri: string; state: string };
    }
  | {
      type: 'BridgeBlindTransfer';
      timestamp: string;
      channel: RouterChannel;
      exten: string;
      context: string;
      result: string;
    }
  | {
      type: 'RecordingFinished';
      timestamp: string;
      recording: { name: string; target_uri: string; state: string };
    }
  | { type: 'EndpointStateChange'; timestamp: string; endpoint: RouterEndpoint }
  | {
      type: 'ContactStatusChange';
      timestamp: string;
      endpoint: RouterEndpoint;
      contact_info: { uri: string; contact_status: string; aor: string };
    };

/** An ARI endpoint as the reachability tracking reads it (`state`: online, offline, unknown). */
export type RouterEndpoint = { technology: string; resource: string; state?: string };

/** The ARI REST operations the router performs. */
export type AriPort = {
  answer(channelId: string): Promise<void>;
  hangup(channelId: string, reason?: string): Promise<void>;
  ring(channelId: string): Promise<void>;
  /** `POST /channels/create` then `POST /channels/{id}/dial` (the early-media pattern of the traces). */
  createAndDial(opts: {
    endpoint: string;
    appArgs: string;
    /** The new channel's id, chosen (and bound to its call) by the router before it exists. */
    channelId?: string;
    originator?: string;
    callerId?: string;
    timeoutSeconds: number;
    variables?: Record<string, string>;
    /**
     * Who the far end is shown (From, P-Asserted-Identity): set as the leg's connected line, and
     * the leg is dialled without copying the caller's identity onto it. For carrier legs, so a
     * phone's internal name and extension never leave the building (issue 16.10).
     */
    presentAs?: { name: string; number: string };
  }): Promise<{ channelId: string }>;
  /** `POST /channels` with app args: rings `endpoint`, enters Stasis when answered. */
  originate(opts: {
    endpoint: string;
    appArgs: string;
    channelId?: string;
    callerId?: string;
    timeoutSeconds: number;
    variables?: Record<string, string>;
  }): Promise<{ channelId: string }>;
  createBridge(type: 'holding' | 'mixing', name: string): Promise<{ bridgeId: string }>;
  addToBridge(bridgeId: string, channelIds: string[], role?: string): Promise<void>;
  removeFromBridge(bridgeId: string, channelId: string): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  startBridgeMoh(bridgeId: string, mohClass: string): Promise<void>;
  play(channelId: string, media: string[]): Promise<{ playbackId: string }>;
  stopPlayback(playbackId: string): Promise<void>;
  hold(channelId: string): Promise<void>;
  unhold(channelId: string): Promise<void>;
  mute(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void>;
  unmute(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void>;
  startMoh(channelId: string, mohClass: string): Promise<void>;
  stopMoh(channelId: string): Promise<void>;
  record(bridgeId: string, name: string): Promise<void>;
  stopRecording(name: string): Promise<void>;
  snoop(
    channelId: string,
    opts: {
      spy: 'none' | 'in' | 'out' | 'both';
      whisper: 'none' | 'in' | 'out' | 'both';
      appArgs: string;
      snoopId?: string;
    },
  ): Promise<{ channelId: string }>;
  continueInDialplan(channelId: string, context: string, extension: string, priority?: number): Promise<void>;
  listChannels(): Promise<RouterChannel[]>;
};

export type Destination =
  | { type: 'queue'; queue_id: string }
  | { type: 'endpoint'; endpoint_id: string }
  | { type: 'ivr'; ivr_menu_id: string }
  | { type: 'voicemail'; endpoint_id: string }
  | { type: 'external'; number: string }
  | { type: 'hangup' };

export type DidRoute = {
  tenantId: string;
  didId: string;
  number: string;
  destination: Destination;
  /** Already resolved against the time condition at the moment of the call. */
  recording: boolean;
  callerIdPrefix: string | null;
  fallback: Destination;
};

export type QueueConfig = {
  id: string;
  tenantId: string;
  name: string;
  strategy: 'ringall' | 'leastrecent' | 'fewestcalls' | 'random' | 'rrmemory' | 'linear';
  ringTimeoutSeconds: number;
  retrySeconds: number;
  wrapupSeconds: number;
  maxWaitSeconds: number | null;
  maxCallers: number | null;
  overflow: Destination | null;
  musicClass: string;
  joinEmpty: boolean;
  leaveWhenEmpty: boolean;
  announcePosition: boolean;
  announceHoldTime: boolean;
  announceFrequencySeconds: number;
  serviceLevelSeconds: number;
  members: { userId: string; penalty: number; position: number }[];
};

export type EndpointTarget = {
  id: string;
  tenantId: string;
  extension: string;
  /** The ARA id: dial string is `PJSIP/<araId>`. */
  araId: string;
  userId: string | null;
  callerIdName: string | null;
  callerIdNumber: string | null;
  voicemail: boolean;
  enabled: boolean;
};

export type IvrMenu = {
  id: string;
  tenantId: string;
  greeting: string;
  timeoutSeconds: number;
  maxRetries: number;
  options: Record<string, Destination>;
  timeoutDestination: Destination;
  invalidDestination: Destination;
};

export type TrunkTarget = {
  araId: string;
  callerIdNumber: string | null;
  dialPrefix: (number: string) => string;
};

/** Read-only view of the provisioning tables, tenant-scoped except the DID lookup (DIDs are global). */
export type RoutingDirectory = {
  routeForDid(number: string, at: Date): Promise<DidRoute | null>;
  queue(tenantId: string, queueId: string): Promise<QueueConfig | null>;
  endpointById(tenantId: string, endpointId: string): Promise<EndpointTarget | null>;
  endpointByExtension(tenantId: string, extension: string): Promise<EndpointTarget | null>;
  endpointByAraId(tenantId: string, araId: string): Promise<EndpointTarget | null>;
  endpointForUser(tenantId: string, userId: string): Promise<EndpointTarget | null>;
  ivrMenu(tenantId: string, menuId: string): Promise<IvrMenu | null>;
  trunkFor(tenantId: string): Promise<TrunkTarget | null>;
};

/** An available agent and what the strategies order by. */
export type AvailableAgent = { userId: string; lastCallEndedAt: Date | null; callsToday: number };

/** Agent state as the router needs it; claims are atomic in the database. */
export type AgentPort = {
  /** Agents of these users who are `available` right now (logged in, not paused, not in wrap-up, not busy). */
  /** `figures`: also the day's figures (last call end, calls today) that some strategies order by. */
  available(tenantId: string, userIds: string[], figures?: boolean): Promise<AvailableAgent[]>;
  /** How many of these users are logged in (any state but offline): join-empty / leave-when-empty. */
  loggedInCount(tenantId: string, userIds: string[]): Promise<number>;
  /** available → ringing for this call; false when someone else got there first. */
  claim(tenantId: string, userId: string, callId: string): Promise<boolean>;
  /** ringing → available (offer not taken). */
  release(tenantId: string, userId: string, callId: string): Promise<void>;
  /** ringing → on_call. */
  connected(tenantId: string, userId: string, callId: string): Promise<void>;
  /** on_call → wrap_up for `seconds`, then available. */
  wrapUp(tenantId: string, userId: string, callId: string, seconds: number): Promise<void>;
  /** Every agent still ringing for or talking on this call → available (a call closed without its events, F7). */
  freeFromCall(tenantId: string, callId: string): Promise<void>;
  /**
   * Asterisk refused to ring this agent's phone for this call: counts the failure and releases the
   * agent, or at PHONE_FAILED_OFFERS_BEFORE_PAUSE in a row puts them in the system pause "phone unreachable".
   */
  phoneFailed(
    tenantId: string,
    userId: string,
    callId: string,
  ): Promise<{ failures: number; paused: boolean }>;
  /** The agent's phone rang: the count of refused offers starts again. */
  phoneRang(tenantId: string, userId: string): Promise<void>;
  /**
   * Asterisk reported the phone (ARA id) reachable or not; stored for every API instance. A
   * reachable phone ends its agent's "phone unreachable" pause. Null when no endpoint has that id.
   */
  contactStatus(
    araId: string,
    reachability: 'reachable' | 'unreachable' | 'unknown',
  ): Promise<{ tenantId: string; endpointId: string; userId: string | null; changed: boolean } | null>;
};

/** Pushes live changes to the real-time hub (rooms: tenant, user, queue, supervisor). */
export type CallEventsPort = {
  publish(tenantId: string, rooms: string[], type: string, data: Record<string, unknown>): Promise<void>;
};

export type Timers = {
  setTimeout(fn: () => void, ms: number): { cancel(): void };
};

export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Timers running `scale` times faster (tests: 0.02 turns a 15 s ring timeout into 0.3 s). */
export function scaledTimers(scale: number): Timers {
  return { setTimeout: (fn, ms) => realTimers.setTimeout(fn, ms * scale) };
}
