import type { FastifyBaseLogger } from 'fastify';
import type { OutboundGuardPort } from './outbound-guard';
import type { CallsRepository } from '../../modules/calls/calls.repository';
import type { CallSegmentKind } from '../../db/schema/calls';
import type {
  AgentPort,
  AriPort,
  CallEventsPort,
  Destination,
  EndpointTarget,
  IvrMenu,
  QueueConfig,
  RoutingDirectory,
  Timers,
} from './ports';

export type Cancel = { cancel(): void };

/** Who a leg rings and how it started: written as a call segment when the leg joins the caller. */
export type LegInfo = {
  kind: CallSegmentKind;
  userId: string | null;
  endpointId: string | null;
  extension: string | null;
  number: string | null;
  offeredAt: Date;
};

/** An agent being rung for a queued call: one per offered agent (several with ringall). */
export type Offer = { userId: string; channelId: string; timer: Cancel };

export type LiveCall = {
  id: string;
  /**
   * The router lane (lanes.ts) all work of this call runs in: the lane its caller's channel's
   * first event ran in, so events that arrive while the call is being opened queue behind it.
   */
  lane: string;
  tenantId: string;
  callKey: string;
  direction: 'inbound' | 'outbound' | 'internal';
  did: string | null;
  callerChannelId: string;
  callerNumber: string;
  /**
   * The caller's own channel was answered (Up). A phone's call reaches us unanswered; until the
   * router answers it the phone hears nothing and, at the end, is told 603 Decline (issue 16.8).
   */
  callerUp?: boolean;
  /** The answer of the caller's channel, while it is on its way. */
  answering?: Promise<void>;
  /** Click to call: the number to dial once the agent answers (the record's caller is the agent). */
  clickToCallTarget?: string;
  /** Ringing was indicated to an unanswered caller (180), once. */
  callerRinging?: boolean;
  state: 'routing' | 'ivr' | 'queued' | 'ringing' | 'connected' | 'ended';
  simulated: boolean;
  recordingWanted: boolean;
  /** Set while the call waits in a queue (or was answered from one: wrap-up and stats need it). */
  queue?: {
    config: QueueConfig;
    queuedAt: Date;
    offers: Map<string, Offer>;
    /** Agents claimed for this caller whose offer is still on its way to the caller's lane. */
    claiming: number;
    /** An offer was answered: the caller is being connected, no pump may offer it again. */
    answered: boolean;
    /** Agents who let this call ring out: tried again only once everyone else has been tried. */
    missedBy: Set<string>;
    retryAt: number;
    timers: Cancel[];
    /**
     * The caller on their way into the holding bridge (answered, added, music). Not awaited by
     * the join, so an offer can be dialled meanwhile; whatever moves the caller elsewhere (an
     * answered offer, overflow) waits for it first.
     */
    entering?: Promise<void>;
  };
  ivr?: { menu: IvrMenu; retries: number; playbackId: string | null; timer: Cancel | null };
  /** Direct dial to an endpoint or number (no queue): the leg being rung and what to do if it fails. */
  dial?: { channelId: string; userId: string | null; timer: Cancel; fallback: Destination | null };
  bridgeId: string | null;
  agentUserId: string | null;
  agentChannelId: string | null;
  /** The agent who placed the call from their phone or by click to call (busy until it ends). */
  originatorUserId?: string;
  wrapupSeconds: number;
  onHold: boolean;
  muted: boolean;
  recordingName: string | null;
  consult?: {
    channelId: string;
    bridgeId: string | null;
    target: string;
    answered: boolean;
    answeredAt?: Date;
  };
  /** Legs rung for this call, by channel (who and how), until they join the caller or fail. */
  legs?: Map<string, LegInfo>;
  /** Set by a blind transfer until the next leg joins the caller: that segment is the transfer target's. */
  transferredBlind?: boolean;
  /** The phone of the agent who placed the call (their segment names it). */
  originatorEndpoint?: { id: string; extension: string };
  /** Extra channels owned by this call (snoop and supervisor legs) to hang up with it. */
  extraChannels: Set<string>;
};

export type RouterDeps = {
  ari: AriPort;
  directory: RoutingDirectory;
  agents: AgentPort;
  calls: CallsRepository;
  events: CallEventsPort;
  timers: Timers;
  log: FastifyBaseLogger;
  /** Identifies the Asterisk instance (its asterisk_id); part of every call key. */
  asteriskId: string;
  /** Identifies this worker; call records name their owner so a restart can take them back (F6). */
  owner: string;
  app: string;
  now: () => Date;
  /** The outbound calling policy, asked before a number leaves through a trunk (outbound-guard.ts). */
  outbound?: OutboundGuardPort;
};

/** The calls this worker is routing, indexed by call id and by every channel that belongs to them. */
export class LiveCalls {
  private readonly byId = new Map<string, LiveCall>();
  private readonly byChannel = new Map<string, string>();
  /** Channels already handled and gone: a replayed StasisStart for them is ignored (D3). */
  private readonly finished = new Set<string>();

  add(call: LiveCall) {
    this.byId.set(call.id, call);
    this.bind(call.callerChannelId, call.id);
  }
  bind(channelId: string, callId: string) {
    this.byChannel.set(channelId, callId);
  }
  unbind(channelId: string) {
    this.byChannel.delete(channelId);
  }
  byChannelId(channelId: string): LiveCall | undefined {
    const id = this.byChannel.get(channelId);
    return id ? this.byId.get(id) : undefined;
  }
  get(callId: string) {
    return this.byId.get(callId);
  }
  remove(call: LiveCall) {
    this.byId.delete(call.id);
    for (const [ch, id] of this.byChannel) {
      if (id === call.id) {
        this.byChannel.delete(ch);
        this.markFinished(ch);
      }
    }
  }
  markFinished(channelId: string) {
    this.finished.add(channelId);
    if (this.finished.size > 50_000) {
      const first = this.finished.values().next().value;
      if (first !== undefined) this.finished.delete(first);
    }
  }
  isFinished(channelId: string) {
    return this.finished.has(channelId);
  }
  all(): LiveCall[] {
    return [...this.byId.values()];
  }
  waitingIn(queueId: string): LiveCall[] {
    return this.all()
      .filter((c) => c.state === 'queued' || (c.state === 'ringing' && c.queue && !c.agentUserId))
      .filter((c) => c.queue?.config.id === queueId)
      .sort((a, b) => a.queue!.queuedAt.getTime() - b.queue!.queuedAt.getTime());
  }
  /** Users being offered a call by this worker right now (the database claim is the real guard). */
  offeredUsers(): Set<string> {
    const s = new Set<string>();
    for (const c of this.byId.values()) for (const o of c.queue?.offers.values() ?? []) s.add(o.userId);
    return s;
  }
}

/** The lane of a channel the router does not know (yet): its StasisStart opens the call there. */
export const laneOfChannel = (channelId: string) => `ch:${channelId}`;

export const dialString = (e: Pick<EndpointTarget, 'araId'>) => `PJSIP/${e.araId}`;

/** ARI timestamps look like `2026-06-25T17:17:01.123+0000`; Date needs `+00:00`. */
export function ariTime(ts: string | undefined, fallback: Date): Date {
  if (!ts) return fallback;
  const d = new Date(ts.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? fallback : d;
}
