import { randomUUID } from 'node:crypto';
import type { Disposition } from '../../modules/calls/calls.repository';
import { ariTime, laneOfChannel, LiveCalls, type LiveCall, type RouterDeps } from './live-calls';
import { Lanes } from './lanes';
import { Bookkeeping, orderedPerCall } from './ordered-writes';
import type { Destination, RouterChannel, RouterEvent } from './ports';
import { QueueEngine } from './queue-engine';
import { noteReachability, reachabilityOf } from './reachability';
import { Destinations } from './destinations';
import { IvrRunner } from './ivr-runner';
import { CallControl } from './call-control';
import { CallRecovery } from './recovery';
import { ClickToCall } from './click-to-call';

/**
 * Routes every call that enters the Stasis application (DESIGN §5): DID → destination (queue,
 * endpoint, IVR menu, voicemail, external number, hang up), internal extension → endpoint,
 * anything else from a phone → the tenant's trunk. Writes call records from its own decisions and
 * the ARI events it sees, idempotently.
 */
/** Tries of a new caller's way in before giving up, and the wait before the next (× the try). */
const ENTER_ATTEMPTS = 5;
const ENTER_RETRY_MS = 250;

export class CallRouter {
  readonly live = new LiveCalls();
  readonly queues: QueueEngine;
  readonly ivr: IvrRunner;
  readonly destinations: Destinations;
  readonly control: CallControl;
  readonly recovery: CallRecovery;
  readonly clickToCall: ClickToCall;
  /** Agent legs created by the router, to the call they ring for (known before their StasisStart). */
  readonly pendingLegs = new Map<string, string>();

  readonly deps: RouterDeps;

  constructor(deps: RouterDeps) {
    // Record writes of one call stay in order even when the hot path does not wait for them.
    this.deps = { ...deps, calls: orderedPerCall(deps.calls, this.bookkeeping) };
    this.queues = new QueueEngine(this);
    this.ivr = new IvrRunner(this);
    this.destinations = new Destinations(this);
    this.control = new CallControl(this);
    this.recovery = new CallRecovery(this);
    this.clickToCall = new ClickToCall(this);
  }

  start() {
    this.queues.start();
  }

  stop() {
    this.queues.stop();
  }

  /** Work queues: one lane per call (and per queue, agent, the endpoints), see lanes.ts. */
  private readonly lanes = new Lanes(8);

  /**
   * Runs one piece of router work alone: after all work already admitted, before any submitted
   * later (recovery after a reconnect, stopping). Per-call work goes through the call's lane.
   */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.lanes.exclusive(fn);
  }

  /**
   * Runs work in a lane: after the work queued before it in the same lane, beside other lanes.
   * Everything that changes one call (its events, timers, API commands) runs in that call's lane,
   * so a call's state never sees two changes interleaved (an agent answering while another is
   * still being offered the same call, say); calls do not wait for each other.
   */
  runIn<T>(
    lane: string,
    fn: () => Promise<T>,
    o: { nested?: boolean; unbounded?: boolean } = {},
  ): Promise<T> {
    return this.lanes.run(lane, fn, o);
  }

  /** Runs work in a call's lane; `nested` when the caller is router work that waits for it. */
  runFor<T>(
    call: LiveCall,
    fn: () => Promise<T>,
    o: { nested?: boolean; unbounded?: boolean } = {},
  ): Promise<T> {
    return this.lanes.run(call.lane, fn, o);
  }

  /** Runs work in the lane of a call named by id (API call control). */
  runForCall<T>(callId: string, fn: () => Promise<T>): Promise<T> {
    return this.lanes.run(this.live.get(callId)?.lane ?? `call:${callId}`, fn);
  }

  /** A timer whose callback runs as work in a lane (a call's, usually). */
  later(lane: LiveCall | string, ms: number, fn: () => Promise<unknown>) {
    const key = typeof lane === 'string' ? lane : lane.lane;
    return this.deps.timers.setTimeout(() => {
      void this.runIn(key, fn).catch((err) => this.deps.log.error({ err }, 'call router timer failed'));
    }, ms);
  }

  /**
   * A channel id for a leg the router is about to create for a call, bound to the call first:
   * the leg's events can arrive before `create` answers, and must find their call (and lane).
   */
  newChannelId(call: LiveCall): string {
    const id = `sb-${randomUUID()}`;
    this.live.bind(id, call.id);
    return id;
  }

  handle(event: RouterEvent): Promise<void> {
    return this.runIn(this.laneOf(event), () => this.dispatch(event)).catch((err) => {
      this.deps.log.error({ err, event: event.type }, 'call router failed to handle an event');
    });
  }

  /** Which lane an ARI event runs in: its call's, or its channel's until a call owns the channel. */
  private laneOf(e: RouterEvent): string {
    const ofChannel = (id: string) => this.live.byChannelId(id)?.lane ?? laneOfChannel(id);
    switch (e.type) {
      case 'EndpointStateChange':
      case 'ContactStatusChange':
        return 'endpoints';
      case 'Dial':
        return ofChannel(e.peer.id);
      case 'PlaybackFinished':
        return ofChannel(e.playback.target_uri.replace(/^channel:/, ''));
      case 'RecordingFinished':
        return 'recordings';
      case 'StasisStart': {
        const [kind, ref] = e.args;
        const call = kind === 'c2c' && ref ? this.live.get(ref) : undefined;
        return call?.lane ?? ofChannel(e.channel.id);
      }
      default:
        // Events of other kinds (or without a channel) change no call: they share one lane.
        return 'channel' in e && e.channel ? ofChannel(e.channel.id) : 'other';
    }
  }

  private async dispatch(e: RouterEvent) {
    switch (e.type) {
      case 'StasisStart':
        return this.onStasisStart(e.channel, e.args, e.timestamp);
      case 'Dial':
        if (e.dialstatus === 'ANSWER') return this.destinations.onLegAnswered(e.peer.id, e.timestamp);
        if (e.dialstatus === 'RINGING') return this.destinations.onLegRinging(e.peer.id);
        return;
      case 'ChannelStateChange':
        if (e.channel.state === 'Up') return this.destinations.onLegAnswered(e.channel.id, e.timestamp);
        if (e.channel.state === 'Ringing') return this.destinations.onLegRinging(e.channel.id);
        return;
      case 'StasisEnd': {
        // A leg we are ringing leaves Stasis before its ChannelDestroyed, which alone carries the
        // cause (19 no answer, 17 busy): let that end it, or this fallback if it never comes (surprise 11).
        const call = this.live.byChannelId(e.channel.id);
        if (call && (call.queue?.offers.has(e.channel.id) || call.dial?.channelId === e.channel.id)) {
          this.later(call, 500, () => this.onLegFailed(e.channel.id, undefined));
          return;
        }
        return this.onChannelGone(e.channel.id, e.timestamp, undefined);
      }
      case 'ChannelDestroyed':
        return this.onChannelGone(e.channel.id, e.timestamp, e.cause);
      case 'ChannelHangupRequest':
        return;
      case 'ChannelDtmfReceived': {
        const call = this.live.byChannelId(e.channel.id);
        if (call?.ivr && call.callerChannelId === e.channel.id) await this.ivr.onDigit(call, e.digit);
        return;
      }
      case 'PlaybackFinished': {
        const channelId = e.playback.target_uri.replace(/^channel:/, '');
        const call = this.live.byChannelId(channelId);
        if (call?.ivr && call.ivr.playbackId === e.playback.id) this.ivr.onGreetingDone(call);
        return;
      }
      case 'ChannelHold':
      case 'ChannelUnhold': {
        const call = this.live.byChannelId(e.channel.id);
        if (!call || call.state !== 'connected') return;
        call.onHold = e.type === 'ChannelHold';
        await this.deps.calls.holdChanged(
          call.tenantId,
          call.id,
          call.onHold,
          ariTime(e.timestamp, this.deps.now()),
        );
        await this.timeline(
          call,
          e.type === 'ChannelHold' ? 'hold' : 'unhold',
          `${e.type}:${e.channel.id}:${e.timestamp}`,
          { by: 'phone' },
        );
        return this.publish(call, 'call.updated');
      }
      case 'BridgeBlindTransfer': {
        // Surprise 2: after a phone-side REFER the transferring channel stays up in Stasis; hang it up.
        const call = this.live.byChannelId(e.channel.id);
        if (!call) return;
        await this.deps.calls.addTransfer(call.tenantId, call.id, {
          kind: 'blind',
          from_user_id: call.agentUserId,
          to: e.exten,
          at: ariTime(e.timestamp, this.deps.now()).toISOString(),
        });
        await this.safe(() => this.deps.ari.hangup(e.channel.id));
        return;
      }
      case 'RecordingFinished':
        return;
      case 'EndpointStateChange':
      case 'ContactStatusChange':
        return noteReachability(this.deps, e.endpoint, reachabilityOf(e));
    }
  }

  // ---------------------------------------------------------------- entering the application

  private async onStasisStart(channel: RouterChannel, args: string[], timestamp: string) {
    const [kind, ref] = args;
    // Our own legs (bound to their call before they were created) are tracked from their creation.
    if (kind === 'agent' || kind === 'leg' || kind === 'snoop') return; // snoop: joined when the supervisor answers
    if (this.live.isFinished(channel.id)) return; // replay (D3)
    if (kind === 'c2c' && ref) return this.clickToCall.onAgentAnswered(channel, ref, timestamp);
    if (kind === 'supervisor') {
      await this.control.onSupervisorAnswered(channel.id);
      return;
    }
    if (this.live.byChannelId(channel.id)) return; // replay (D3)
    return this.enter(channel, ariTime(timestamp, this.deps.now()), 1);
  }

  /**
   * A new caller's way in. When it fails (the database refusing work for a moment: F2's full pool
   * queue), nothing else would ever move the caller: before the record exists the caller is
   * routed again a little later, a few times, while still there; once it exists, or when the
   * tries are spent, the call is ended as failed and the caller hung up.
   */
  private async enter(channel: RouterChannel, at: Date, attempt: number): Promise<void> {
    try {
      if (channel.tenantid) await this.onCallFromPhone(channel, at);
      else await this.onInboundCall(channel, at);
    } catch (err) {
      const call = this.live.byChannelId(channel.id);
      if (!call && attempt < ENTER_ATTEMPTS && !this.live.isFinished(channel.id)) {
        this.deps.log.warn({ err, channel: channel.id, attempt }, 'could not route a new call; trying again');
        // Real time, not the telephony timers (tests speed those up): this waits for the database.
        setTimeout(() => {
          void this.runIn(laneOfChannel(channel.id), async () => {
            if (this.live.isFinished(channel.id) || this.live.byChannelId(channel.id)) return;
            await this.enter(channel, at, attempt + 1);
          }).catch((e: unknown) => this.deps.log.error({ err: e }, 'routing a new call again failed'));
        }, ENTER_RETRY_MS * attempt).unref?.();
        return;
      }
      this.deps.log.error({ err, channel: channel.id, attempt }, 'could not route a call; hanging up');
      if (call) await this.safe(() => this.finish(call, 'failed', 'routing failed'));
      this.live.markFinished(channel.id);
      await this.safe(() => this.deps.ari.hangup(channel.id, 'congestion'));
    }
  }

  /** Opens (or finds) the record of a call and starts tracking it; null when it already ended (D3). */
  async openCall(
    channel: RouterChannel,
    at: Date,
    o: { tenantId: string; direction: LiveCall['direction']; did: string | null; callee: string | null },
  ): Promise<LiveCall | null> {
    const simulated =
      channel.channelvars?.SWITCHBOARD_SIMULATED === '1' || channel.caller.name.startsWith('[SIM]');
    const row = await this.deps.calls.open({
      tenantId: o.tenantId,
      callKey: `${this.deps.asteriskId}:${channel.id}`,
      direction: o.direction,
      did: o.did,
      callerNumber: channel.caller.number || null,
      callerName: channel.caller.name || null,
      calleeNumber: o.callee,
      callerChannelId: channel.id,
      enteredAt: at,
      simulated,
      owner: this.deps.owner,
    });
    if (row.endedAt) {
      this.live.markFinished(channel.id);
      return null; // this call already ended: a replayed start must not route it again (D3)
    }
    const call: LiveCall = {
      id: row.id,
      lane: laneOfChannel(channel.id),
      tenantId: o.tenantId,
      callKey: row.callKey,
      direction: o.direction,
      did: o.did,
      callerChannelId: channel.id,
      callerNumber: channel.caller.number,
      callerUp: channel.state === 'Up',
      state: 'routing',
      simulated,
      recordingWanted: false,
      bridgeId: null,
      agentUserId: null,
      agentChannelId: null,
      wrapupSeconds: 0,
      onHold: false,
      muted: false,
      recordingName: null,
      extraChannels: new Set(),
    };
    this.live.add(call);
    this.behind(() =>
      this.timeline(call, 'entered', `start:${channel.id}`, {
        caller: channel.caller.number,
        did: o.did,
        direction: o.direction,
      }),
    );
    return call;
  }

  private async onInboundCall(channel: RouterChannel, at: Date) {
    const number = channel.dialplan?.exten ?? '';
    const route = await this.deps.directory.routeForDid(number, at);
    if (!route) {
      this.deps.log.warn({ number }, 'inbound call to an unknown number; hanging up');
      await this.safe(() => this.deps.ari.hangup(channel.id, 'unallocated'));
      return;
    }
    const call = await this.openCall(channel, at, {
      tenantId: route.tenantId,
      direction: 'inbound',
      did: route.number,
      callee: route.number,
    });
    if (!call) return;
    call.recordingWanted = route.recording;
    // A DID's caller is answered whatever the destination; routing overlaps it (whatever needs
    // the caller up, a bridge, music, a prompt, waits for the same answer).
    this.behind(() => this.destinations.answerCaller(call));
    await this.routeTo(call, route.destination, route.fallback);
  }

  /** A call placed from one of the tenant's phones: an internal extension or an outside number. */
  private async onCallFromPhone(channel: RouterChannel, at: Date) {
    const tenantId = channel.tenantid!;
    const dialled = channel.dialplan?.exten ?? '';
    const target = await this.deps.directory.endpointByExtension(tenantId, dialled);
    const from = await this.deps.directory.endpointByAraId(
      tenantId,
      channel.name.replace(/^PJSIP\//, '').replace(/-[0-9a-f]+$/, ''),
    );
    const call = await this.openCall(channel, at, {
      tenantId,
      direction: target ? 'internal' : 'outbound',
      did: null,
      callee: dialled,
    });
    if (!call) return;
    if (from?.userId) {
      call.agentUserId = from.userId;
      call.originatorEndpoint = { id: from.id, extension: from.extension };
      // The agent is busy from the moment they dial (any logged-in state without a call).
      call.originatorUserId = from.userId;
      await this.deps.agents.connected(tenantId, from.userId, call.id);
    }
    if (target) return this.routeTo(call, { type: 'endpoint', endpoint_id: target.id }, { type: 'hangup' });
    return this.routeTo(call, { type: 'external', number: dialled }, { type: 'hangup' });
  }

  // ---------------------------------------------------------------- destinations and legs

  routeTo(call: LiveCall, destination: Destination, fallback: Destination | null = null): Promise<void> {
    return this.destinations.routeTo(call, destination, fallback);
  }

  connect(call: LiveCall, legChannelId: string, userId: string | null, at: Date): Promise<void> {
    return this.destinations.connect(call, legChannelId, userId, at);
  }

  onLegFailed(channelId: string, cause: number | undefined): Promise<void> {
    return this.destinations.onLegFailed(channelId, cause);
  }

  private async onChannelGone(channelId: string, timestamp: string, cause: number | undefined) {
    const call = this.live.byChannelId(channelId);
    if (!call) return;
    const at = ariTime(timestamp, this.deps.now());
    if (channelId === call.callerChannelId) {
      const disposition: Disposition =
        call.state === 'connected'
          ? 'answered'
          : call.state === 'queued' || call.queue
            ? 'abandoned'
            : 'no_answer';
      return this.finish(call, disposition, 'caller hung up', at);
    }
    if (call.state === 'connected' && channelId === call.agentChannelId) {
      return this.finish(call, 'answered', 'agent hung up', at);
    }
    if (call.consult?.channelId === channelId) {
      call.consult = undefined;
      return;
    }
    if (call.extraChannels.has(channelId)) {
      call.extraChannels.delete(channelId);
      this.live.unbind(channelId);
      return this.control.endSupervision(channelId);
    }
    return this.onLegFailed(channelId, cause);
  }

  // ---------------------------------------------------------------- ending

  /** Ends a call once: hangs up what is left, writes the record's end, frees or wraps up the agent. */
  async finish(call: LiveCall, disposition: Disposition, reason: string, at: Date = this.deps.now()) {
    if (call.state === 'ended') return;
    const wasConnected = call.state === 'connected';
    call.state = 'ended';
    await this.queues.leave(call);
    this.ivr.stop(call);
    if (call.dial) {
      call.dial.timer.cancel();
      await this.safe(() => this.deps.ari.hangup(call.dial!.channelId));
      if (call.dial.userId) await this.deps.agents.release(call.tenantId, call.dial.userId, call.id);
      call.dial = undefined;
    }
    for (const ch of [
      call.callerChannelId,
      call.agentChannelId,
      call.consult?.channelId,
      ...call.extraChannels,
    ]) {
      if (ch) await this.safe(() => this.deps.ari.hangup(ch));
    }
    if (call.bridgeId) await this.safe(() => this.deps.ari.destroyBridge(call.bridgeId!));
    if (call.consult?.bridgeId) await this.safe(() => this.deps.ari.destroyBridge(call.consult!.bridgeId!));
    for (const ch of call.extraChannels) await this.control.endSupervision(ch);
    const wrapup = wasConnected && call.agentUserId ? call.wrapupSeconds : null;
    // The agent is freed (or starts wrap-up) before the record closes: whoever sees the ended
    // record also sees the agent's new state.
    if (call.agentUserId) {
      if (wasConnected)
        await this.deps.agents.wrapUp(call.tenantId, call.agentUserId, call.id, call.wrapupSeconds);
      else await this.deps.agents.release(call.tenantId, call.agentUserId, call.id);
    }
    if (call.originatorUserId && call.originatorUserId !== call.agentUserId) {
      // The other party of an internal call, or an agent's outbound call answered by someone else.
      await this.deps.agents.wrapUp(call.tenantId, call.originatorUserId, call.id, 0);
    }
    await this.deps.calls.ended(call.tenantId, call.id, at, disposition, wrapup);
    await this.timeline(call, 'ended', `end:${call.callerChannelId}`, { disposition, reason });
    await this.publish(call, 'call.ended', { disposition });
    this.live.remove(call);
    if (call.queue) this.queues.pumpSoon(call.queue.config.id);
  }

  // ---------------------------------------------------------------- helpers

  async timeline(call: LiveCall, type: string, key: string, data: Record<string, unknown>) {
    await this.deps.calls.appendEvent(call.tenantId, call.id, key, type, this.deps.now(), data);
  }

  /** Publishes a change of a call; one call's events go out in the order they were asked for. */
  publish(call: LiveCall, type: string, extra: Record<string, unknown> = {}): Promise<void> {
    const rooms = [`supervisor:${call.tenantId}`];
    if (call.queue) rooms.push(`queue:${call.queue.config.id}`);
    if (call.agentUserId) rooms.push(`user:${call.agentUserId}`);
    for (const o of call.queue?.offers.values() ?? []) rooms.push(`user:${o.userId}`);
    // The payload is the call as it is now, not when the previous event is done.
    const data = {
      call_id: call.id,
      state: call.state,
      caller_number: call.callerNumber,
      did: call.did,
      queue_id: call.queue?.config.id ?? null,
      queue_name: call.queue?.config.name ?? null,
      queued_at: call.queue?.queuedAt.toISOString() ?? null,
      agent_user_id: call.agentUserId,
      offered_user_ids: [...(call.queue?.offers.values() ?? [])].map((o) => o.userId),
      on_hold: call.onHold,
      muted: call.muted,
      simulated: call.simulated,
      ...extra,
    };
    const prev = this.publishing.get(call.id) ?? Promise.resolve();
    const limited = this.bookkeeping.asking;
    const done = prev.then(() =>
      this.safe(() =>
        this.bookkeeping.run(
          () => this.deps.events.publish(call.tenantId, [...new Set(rooms)], type, data),
          limited,
        ),
      ),
    );
    this.publishing.set(call.id, done);
    void done.then(() => {
      if (this.publishing.get(call.id) === done) this.publishing.delete(call.id);
    });
    return done;
  }

  private readonly publishing = new Map<string, Promise<void>>();
  /** Record writes and call events, a few at a time (ordered-writes.ts). */
  private readonly bookkeeping = new Bookkeeping();

  /**
   * Work the router does not wait for (bookkeeping behind an offer), asked for by `work`: its
   * failure is logged, and the record writes and call events it asks for wait their turn (a few
   * at a time, ordered-writes.ts). They stay in order per call (orderedPerCall), events per call
   * (publish).
   */
  behind(work: () => Promise<unknown>) {
    this.bookkeeping
      .behind(work)
      .catch((err) => this.deps.log.error({ err }, 'call router bookkeeping failed'));
  }

  /** Runs an ARI operation whose failure must not stop the flow (the channel may already be gone). */
  async safe(fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (err) {
      this.deps.log.debug({ err }, 'ARI operation failed (ignored)');
    }
  }
}
