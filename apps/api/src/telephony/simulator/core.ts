import { randomUUID } from 'node:crypto';
import type { AriEvent } from '../ari/types/events';
import type { Channel } from '../ari/types/models';
import type {
  PhoneBehaviour,
  SimBridge,
  SimChannel,
  SimEndpoint,
  SimEndpointConfig,
  SimPlayback,
  SimRecording,
  SimStoredRecording,
} from './model';

export type SimOptions = {
  asteriskId?: string;
  /** Multiplies every simulated duration (0.01 makes a 1.5 s ring last 15 ms). */
  timeScale?: number;
  defaultApp?: string;
  /** The carrier trunk inbound DID calls arrive on (channel `PJSIP/<trunk>-…`, no tenantid). */
  trunkEndpoint?: string;
  endpoints?: SimEndpointConfig[];
  /** Behaviour of external numbers dialled through a trunk. */
  externalBehaviour?: PhoneBehaviour;
};

/** `2026-06-25T17:17:01.123+0000`, the way Asterisk writes every timestamp. */
export function ariTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

type Sink = (event: AriEvent, apps: ReadonlySet<string>, allOnly: boolean) => void;

/**
 * The simulator's state and clock: channels, bridges, playbacks, recordings, endpoints, and the
 * event fan-out to connected app sockets. Operations live in channels.ts, bridges.ts, media.ts.
 */
export class SimCore {
  readonly asteriskId: string;
  readonly timeScale: number;
  readonly defaultApp: string;
  readonly trunkEndpoint: string;
  externalBehaviour: PhoneBehaviour;
  /**
   * Simulated ms between `POST /channels/create` answering and the channel entering the app.
   * Asterisk puts it in Stasis on another thread after answering; 0 (the default) enters at once.
   */
  createStasisDelayMs = 0;
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly liveRecordings = new Map<string, SimRecording>();
  readonly storedRecordings = new Map<string, SimStoredRecording>();
  readonly endpoints = new Map<string, SimEndpoint>();
  readonly subscriptions = new Map<string, Set<string>>();
  readonly knownApps = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sinks = new Set<Sink>();
  private readonly goneWaiters = new Map<string, Array<() => void>>();
  private sequence = 0;
  private nameSequence = 0;
  private localSequence = 0;
  private snoopSequence = 0;

  constructor(options: SimOptions = {}) {
    this.asteriskId = options.asteriskId ?? '02:42:ac:11:00:02';
    this.timeScale = options.timeScale ?? 1;
    this.defaultApp = options.defaultApp ?? 'switchboard';
    this.trunkEndpoint = options.trunkEndpoint ?? 'carrier';
    this.externalBehaviour = options.externalBehaviour ?? { mode: 'answer', afterMs: 2000 };
    this.knownApps.add(this.defaultApp);
    for (const endpoint of options.endpoints ?? []) this.addEndpoint(endpoint);
    if (!this.endpoints.has(this.trunkEndpoint)) {
      this.addEndpoint({
        resource: this.trunkEndpoint,
        callerName: '',
        callerNumber: '',
        context: 'from-trunk',
      });
    }
  }

  addEndpoint(config: SimEndpointConfig): SimEndpoint {
    const endpoint: SimEndpoint = {
      resource: config.resource,
      technology: config.technology ?? 'PJSIP',
      callerName: config.callerName ?? config.resource,
      callerNumber: config.callerNumber ?? config.resource.replace(/^t\w+?_/, ''),
      tenantid: config.tenantid,
      accountcode: config.accountcode ?? config.tenantid ?? '',
      context: config.context ?? (config.tenantid ? `${config.tenantid}-internal` : 'from-internal'),
      registered: config.registered ?? true,
      reachable: config.reachable ?? true,
      behaviour: config.behaviour ?? { mode: 'answer', afterMs: 1500 },
    };
    this.endpoints.set(endpoint.resource, endpoint);
    this.pjsipLoaded = true;
    return endpoint;
  }

  /**
   * Whether the PJSIP technology has an endpoint loaded. A freshly started Asterisk whose
   * endpoints are all realtime has none until one registers or calls, and answers 422 to a
   * subscription to `endpoint:PJSIP` meanwhile (Asterisk 22.10.1). Tests set it false to model
   * that start; adding an endpoint loads one.
   */
  pjsipLoaded = true;

  now(): string {
    return ariTimestamp(new Date());
  }

  /** Runs `fn` after a simulated delay; `owner` timers die with their channel. */
  after(ms: number, fn: () => void, owner?: SimChannel): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        owner?.timers.delete(timer);
        fn();
      },
      Math.max(0, Math.round(ms * this.timeScale)),
    );
    this.timers.add(timer);
    owner?.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout | undefined) {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  cancelAll() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Channel ids are `epoch.sequence`, as Asterisk's uniqueid (surprise 8). */
  nextChannelId(): string {
    return `${Math.floor(Date.now() / 1000)}.${this.sequence++}`;
  }

  nextChannelSuffix(): string {
    return (this.nameSequence++).toString(16).padStart(8, '0');
  }

  nextLocalSuffix(): string {
    return (this.localSequence++).toString(16).padStart(8, '0');
  }

  nextSnoopSuffix(): string {
    return (++this.snoopSequence).toString(16).padStart(8, '0');
  }

  newId(): string {
    return randomUUID();
  }

  onEvent(sink: Sink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /**
   * Sends one event to the sockets of `apps` (and to every subscribeAll socket). `allOnly`
   * events (ChannelCreated, BridgeCreated…) reach only subscribeAll sockets, as on Asterisk.
   */
  emit(type: string, fields: Record<string, unknown>, apps: Iterable<string | undefined>, allOnly = false) {
    const event = {
      type,
      timestamp: this.now(),
      ...fields,
      asterisk_id: this.asteriskId,
    } as unknown as AriEvent;
    const targets = new Set([...apps].filter((a): a is string => Boolean(a)));
    for (const sink of this.sinks) sink(event, targets, allOnly);
    return event;
  }

  /** A snapshot of the channel as ARI shows it at this instant. */
  snapshot(channel: SimChannel): Channel {
    return structuredClone(channel.json);
  }

  /**
   * A channel's event, to its application and to apps subscribed to its endpoint. StasisStart and
   * StasisEnd are the application's own. The channel's other events reach an app once per
   * subscription that covers them, as on Asterisk 22.10.1: an app whose channel is on an
   * endpoint it also follows (`endpoint:PJSIP`, or the endpoint itself) hears each of them twice,
   * the same message (seen there for ChannelVarset, ChannelHangupRequest, ChannelDestroyed,
   * ChannelDtmfReceived after the router had subscribed to `endpoint:PJSIP`).
   */
  channelEvent(type: string, channel: SimChannel, fields: Record<string, unknown> = {}) {
    const own = type === 'StasisStart' || type === 'StasisEnd';
    const followers = own ? [] : this.endpointApps(channel);
    const event = this.emit(type, { ...fields, channel: this.snapshot(channel) }, [channel.app, ...followers]);
    if (channel.app && followers.includes(channel.app)) {
      const again = new Set([channel.app]);
      for (const sink of this.sinks) sink(event, again, false);
    }
  }

  /** Apps subscribed to the channel's endpoint (`endpoint:PJSIP/…`) or its technology (`endpoint:PJSIP`). */
  private endpointApps(channel: SimChannel): string[] {
    if (!channel.endpoint) return [];
    const tech = `endpoint:${channel.endpoint.technology}`;
    const source = `${tech}/${channel.endpoint.resource}`;
    return [...this.subscriptions]
      .filter(([, sources]) => sources.has(source) || sources.has(tech))
      .map(([app]) => app);
  }

  appsSubscribedTo(source: string): string[] {
    const tech = source.split('/')[0] ?? source;
    return [...this.subscriptions].filter(([, s]) => s.has(source) || s.has(tech)).map(([app]) => app);
  }

  /** Resolves when the channel is gone (hung up, redirected, or wiped by a restart). */
  whenGone(id: string): Promise<void> {
    if (!this.channels.has(id)) return Promise.resolve();
    return new Promise((resolve) => this.goneWaiters.set(id, [...(this.goneWaiters.get(id) ?? []), resolve]));
  }

  markGone(id: string) {
    this.channels.delete(id);
    for (const resolve of this.goneWaiters.get(id) ?? []) resolve();
    this.goneWaiters.delete(id);
  }

  /** Forgets every live object without events, as an Asterisk restart would. */
  wipe() {
    this.cancelAll();
    for (const channel of [...this.channels.values()]) {
      channel.destroyed = true;
      this.markGone(channel.json.id);
    }
    this.bridges.clear();
    this.playbacks.clear();
    this.liveRecordings.clear();
  }
}
