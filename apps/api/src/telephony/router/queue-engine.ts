import type { CallRouter } from './call-router';
import { dialString, type LiveCall } from './live-calls';
import type { AvailableAgent, EndpointTarget, QueueConfig } from './ports';
import { orderCandidates, type Candidate, type StrategyMemory } from './strategies';
import { legOfEndpoint, noteLeg } from './segments';

/** How often every queue with callers is looked at again (agents freed elsewhere, retries). */
const PUMP_INTERVAL_MS = 1000;

const laneOfQueue = (queueId: string) => `queue:${queueId}`;
/** The strategies that order agents by the day's figures (the others need only who is free). */
const FIGURES = new Set(['leastrecent', 'fewestcalls']);
/** Agents available for this pump, by user id; each is taken out once tried. */
type Pool = Map<string, AvailableAgent>;
type Claimed = { userId: string; endpoint: EndpointTarget | null };

/**
 * Switchboard's own ACD: callers wait in a holding bridge with music; agents are chosen by the
 * queue's strategy among those available, claimed in the database (so no agent is offered two
 * calls, even across workers), rung with a timeout, and the first to answer meets the caller in a
 * mixing bridge. Max wait, max callers and "no agents" send the caller to the overflow destination.
 */
export class QueueEngine {
  /** Each queue's holding bridge (a promise while it is being made). */
  private readonly holding = new Map<string, Promise<string>>();
  private readonly memory = new Map<string, StrategyMemory>();
  /** Queues whose pump is asked for and has not started yet. */
  private readonly pumpQueued = new Set<string>();
  private ticker: { cancel(): void } | null = null;

  constructor(private readonly r: CallRouter) {}

  start() {
    const loop = () => {
      this.ticker = this.r.deps.timers.setTimeout(() => {
        try {
          this.tick();
        } catch (err) {
          this.r.deps.log.error({ err }, 'queue tick failed');
        }
        if (this.ticker) loop();
      }, PUMP_INTERVAL_MS);
    };
    loop();
  }

  stop() {
    this.ticker?.cancel();
    this.ticker = null;
  }

  /**
   * Agents free up on other workers and through the UI: look again at every queue with callers.
   * Each queue's pump runs in the queue's own lane; nothing here waits for a call's work.
   */
  private tick() {
    const queueIds = new Set(
      this.r.live
        .all()
        .filter((c) => c.state === 'queued')
        .map((c) => c.queue!.config.id),
    );
    for (const id of queueIds) {
      this.pumpSoon(id);
      void this.r
        .runIn(laneOfQueue(id), () => this.leaveIfEmpty(id), { unbounded: true })
        .catch((err) => this.r.deps.log.error({ err, queueId: id }, 'queue leave-when-empty check failed'));
    }
  }

  /**
   * The caller joins the queue: the pump is asked at once, so an agent is claimed while the
   * caller is still being put on music; the record's "queued" row and the timeline are written
   * behind (orderedPerCall keeps them before the call's later writes).
   */
  async join(call: LiveCall, config: QueueConfig) {
    const { deps } = this.r;
    const waiting = this.r.live.waitingIn(config.id).filter((c) => c.id !== call.id);
    if (config.maxCallers !== null && waiting.length >= config.maxCallers)
      return this.overflow(call, config, 'queue full');
    const memberIds = config.members.map((m) => m.userId);
    if (!config.joinEmpty && (await this.loggedIn(call.tenantId, memberIds)) === 0) {
      return this.overflow(call, config, 'no agents logged in');
    }
    const queuedAt = deps.now();
    call.state = 'queued';
    call.wrapupSeconds = config.wrapupSeconds;
    call.queue = {
      config,
      queuedAt,
      offers: new Map(),
      claiming: 0,
      answered: false,
      missedBy: new Set(),
      retryAt: 0,
      timers: [],
    };
    this.pumpSoon(config.id);
    this.r.behind(() => deps.calls.queued(call.tenantId, call.id, config.id, queuedAt));
    this.r.behind(() =>
      this.r.timeline(call, 'queued', `queued:${config.id}:${call.callerChannelId}`, { queue_id: config.id }),
    );
    if (config.maxWaitSeconds !== null) {
      call.queue.timers.push(
        this.r.later(call, config.maxWaitSeconds * 1000, () =>
          this.overflow(call, config, 'max wait reached'),
        ),
      );
    }
    if ((config.announcePosition || config.announceHoldTime) && config.announceFrequencySeconds > 0)
      this.scheduleAnnouncement(call);
    this.r.behind(() => this.r.publish(call, 'call.queued'));
    // The caller's lane is free for the offer while the caller is answered and put on music.
    call.queue.entering = this.enterHolding(call, config).catch((err: unknown) =>
      deps.log.error({ err, callId: call.id }, 'could not put the caller in the holding bridge'),
    );
  }

  /** The queue's holding bridge, made once even when many callers join at the same moment. */
  private holdingBridge(config: QueueConfig, fresh = false): Promise<string> {
    let bridge = fresh ? undefined : this.holding.get(config.id);
    if (!bridge) {
      bridge = this.r.deps.ari.createBridge('holding', `queue-${config.id}`).then((b) => b.bridgeId);
      this.holding.set(config.id, bridge);
      bridge.catch(() => {
        if (this.holding.get(config.id) === bridge) this.holding.delete(config.id);
      });
    }
    return bridge;
  }

  private async enterHolding(call: LiveCall, config: QueueConfig) {
    const { ari } = this.r.deps;
    // A real Asterisk neither answers a channel added to a bridge nor plays music to it unanswered.
    const [holding] = await Promise.all([this.holdingBridge(config), this.r.destinations.answerCaller(call)]);
    if (call.state !== 'queued' || call.queue?.answered) return; // an agent picked up very fast
    let bridgeId = holding;
    try {
      await ari.addToBridge(bridgeId, [call.callerChannelId], 'participant');
    } catch {
      // The bridge vanished (Asterisk restart, or destroyed elsewhere): make a new one.
      bridgeId = await this.holdingBridge(config, true);
      await ari.addToBridge(bridgeId, [call.callerChannelId], 'participant');
    }
    // Bridge music stops by itself when the bridge empties (surprise 12): start it on every join.
    await this.r.safe(() => ari.startBridgeMoh(bridgeId, config.musicClass || 'default'));
  }

  private scheduleAnnouncement(call: LiveCall) {
    const q = call.queue!;
    q.timers.push(
      this.r.later(call, q.config.announceFrequencySeconds * 1000, async () => {
        if (call.state !== 'queued') return;
        const waiting = this.r.live.waitingIn(q.config.id);
        const position = waiting.findIndex((c) => c.id === call.id) + 1;
        const media: string[] = [];
        if (q.config.announcePosition && position > 0) {
          media.push(
            ...(position === 1
              ? ['sound:queue-youarenext']
              : ['sound:queue-thereare', `number:${position - 1}`, 'sound:queue-callswaiting']),
          );
        }
        if (q.config.announceHoldTime) {
          const minutes = Math.max(1, Math.round(this.estimatedWaitSeconds(q.config.id) / 60));
          media.push('sound:queue-holdtime', `number:${minutes}`, 'sound:queue-minutes');
        }
        if (media.length) await this.r.safe(() => this.r.deps.ari.play(call.callerChannelId, media));
        this.scheduleAnnouncement(call);
      }),
    );
  }

  /** Average wait of callers currently in the queue: a simple, honest estimate for announcements. */
  private estimatedWaitSeconds(queueId: string) {
    const now = this.r.deps.now().getTime();
    const waits = this.r.live.waitingIn(queueId).map((c) => (now - c.queue!.queuedAt.getTime()) / 1000);
    return waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 60;
  }

  /** Asks for the queue's pump; requests made while one is already waiting to run share it. */
  pumpSoon(queueId: string) {
    if (this.pumpQueued.has(queueId)) return;
    this.pumpQueued.add(queueId);
    void this.r
      .runIn(
        laneOfQueue(queueId),
        () => {
          this.pumpQueued.delete(queueId);
          return this.pump(queueId);
        },
        { unbounded: true },
      )
      .catch((err) => this.r.deps.log.error({ err, queueId }, 'queue pump failed'));
  }

  /**
   * Offers waiting callers, in order of arrival, to the agents the strategy picks. Runs in the
   * queue's lane (one pump per queue at a time): it reads who is available once, claims agents
   * in the database (the real guard: no agent is offered two calls, even across workers), and
   * hands each claimed offer to the caller's own lane, where it is dialled; the pump does not
   * wait for the dial, so the offers of a burst go out side by side.
   */
  async pump(queueId: string): Promise<void> {
    const now = this.r.deps.now().getTime();
    const ready = (c: LiveCall) =>
      c.state === 'queued' &&
      !c.queue!.answered &&
      c.queue!.offers.size === 0 &&
      c.queue!.claiming === 0 &&
      c.queue!.retryAt <= now;
    const waiting = this.r.live.waitingIn(queueId).filter(ready);
    if (!waiting.length) return;
    const busyHere = this.r.live.offeredUsers();
    const memberIds = new Set(waiting.flatMap((c) => c.queue!.config.members.map((m) => m.userId)));
    const free = [...memberIds].filter((id) => !busyHere.has(id));
    if (!free.length) return;
    const pool: Pool = new Map(
      (
        await this.r.deps.agents.available(
          waiting[0]!.tenantId,
          free,
          FIGURES.has(waiting[0]!.queue!.config.strategy),
        )
      ).map((a) => [a.userId, a]),
    );
    // Callers pick in order of arrival (each takes its agent out of the pool before its claim's
    // first await), and the claims, on different agents, run side by side. A caller whose
    // claims all lost (another worker got there first) waits for the next pump.
    await Promise.all(
      waiting.map((call) =>
        pool.size && ready(call) ? this.claimFor(call, call.queue!.config, pool) : false,
      ),
    );
  }

  /** Claims the agent(s) the strategy picks for one caller and hands the offer to the caller's lane. */
  private async claimFor(call: LiveCall, config: QueueConfig, pool: Pool): Promise<boolean> {
    const { agents, directory } = this.r.deps;
    let eligible = config.members.filter((m) => pool.has(m.userId));
    const fresh = eligible.filter((m) => !call.queue!.missedBy.has(m.userId));
    if (fresh.length) eligible = fresh;
    else call.queue!.missedBy.clear();
    const candidates: Candidate[] = eligible.map((m) => ({
      ...m,
      lastCallEndedAt: pool.get(m.userId)!.lastCallEndedAt,
      callsToday: pool.get(m.userId)!.callsToday,
    }));
    const memory = this.memory.get(config.id) ?? {};
    this.memory.set(config.id, memory);
    const claimed: Claimed[] = [];
    for (const c of orderCandidates(config.strategy, candidates, memory)) {
      if (call.state !== 'queued') break;
      if (!pool.has(c.userId)) continue; // another caller of this pump took them meanwhile
      pool.delete(c.userId);
      const [won, endpoint] = await Promise.all([
        agents.claim(call.tenantId, c.userId, call.id),
        directory.endpointForUser(call.tenantId, c.userId),
      ]);
      if (!won) continue;
      claimed.push({ userId: c.userId, endpoint });
      memory.lastOfferedUserId = c.userId;
      if (config.strategy !== 'ringall') break;
    }
    if (!claimed.length) return false;
    const q = call.queue!;
    q.claiming += claimed.length;
    void this.r
      .runFor(call, () => this.offer(call, config, claimed, q), { unbounded: true })
      .catch((err) => this.r.deps.log.error({ err, callId: call.id }, 'offering a call failed'));
    return true;
  }

  /** Rings the claimed agents for a caller (in the caller's lane), or gives the claims back. */
  private async offer(
    call: LiveCall,
    config: QueueConfig,
    claimed: Claimed[],
    q: NonNullable<LiveCall['queue']>,
  ) {
    const { deps } = this.r;
    try {
      if (call.state !== 'queued' || call.queue !== q) {
        // The caller hung up, overflowed or was answered while the agents were being claimed.
        for (const c of claimed) await deps.agents.release(call.tenantId, c.userId, call.id);
        return;
      }
      await Promise.all(claimed.map((c) => this.ring(call, config, c)));
    } finally {
      // Until here a pump must not see this caller as waiting for an offer (no second offer).
      q.claiming -= claimed.length;
    }
    if (q.offers.size === 0 && call.state === 'queued') this.pumpSoon(config.id); // try the next agent
  }

  private async ring(call: LiveCall, config: QueueConfig, { userId, endpoint }: Claimed) {
    const { deps } = this.r;
    if (!endpoint || !endpoint.enabled) {
      call.queue!.missedBy.add(userId);
      await deps.agents.release(call.tenantId, userId, call.id);
      return;
    }
    const channelId = this.r.newChannelId(call);
    try {
      await deps.ari.createAndDial({
        channelId,
        endpoint: dialString(endpoint),
        appArgs: `agent,${call.id}`,
        originator: call.callerChannelId,
        callerId: call.callerNumber,
        timeoutSeconds: config.ringTimeoutSeconds,
      });
    } catch (err) {
      // No reachable contact (ARI answers 500 {"error":"Allocation failed"}): a missed offer for this
      // caller, so the next agent is tried at once; after PHONE_FAILED_OFFERS_BEFORE_PAUSE in a row
      // the agent is paused "phone unreachable" instead of being retried every tick.
      this.r.live.unbind(channelId);
      call.queue?.missedBy.add(userId);
      const { failures, paused } = await deps.agents.phoneFailed(call.tenantId, userId, call.id);
      if (failures === 1 || paused)
        deps.log.warn(
          { err, userId, failures, paused },
          paused ? 'agent paused: phone unreachable' : 'could not ring agent',
        );
      this.r.behind(() =>
        this.r.timeline(call, 'offer_failed', `offerfail:${userId}:${deps.now().getTime()}`, {
          user_id: userId,
          reason: 'unreachable',
        }),
      );
      return;
    }
    const timer = this.r.later(call, (config.ringTimeoutSeconds + 1) * 1000, () =>
      this.r.onLegFailed(channelId, 19),
    );
    call.queue!.offers.set(channelId, { userId, channelId, timer });
    noteLeg(call, channelId, { kind: 'queue', ...legOfEndpoint(endpoint) }, deps.now());
    // Bookkeeping behind the offer: the phone rang (resets its failure count), the record, the timeline.
    this.r.behind(() => deps.agents.phoneRang(call.tenantId, userId));
    this.r.behind(() =>
      deps.calls.ringing(call.tenantId, call.id, config.strategy === 'ringall' ? null : userId, channelId),
    );
    this.r.behind(() => this.r.timeline(call, 'offered', `offer:${channelId}`, { user_id: userId }));
    this.r.behind(() => this.r.publish(call, 'call.offered'));
  }

  async onOfferAnswered(call: LiveCall, channelId: string, at: Date) {
    const q = call.queue!;
    const offer = q.offers.get(channelId);
    if (!offer) return;
    if (call.state === 'connected' || q.answered) return; // a second ringall answer; the winner hangs it up
    // From here no pump may offer this caller again, while the other offers are cancelled.
    q.answered = true;
    q.offers.delete(channelId);
    offer.timer.cancel();
    await q.entering; // the caller's way into the holding bridge is over before they leave it
    await this.cancelOffers(call);
    for (const t of q.timers) t.cancel();
    q.timers = [];
    try {
      await this.r.connect(call, channelId, offer.userId, at);
    } catch (err) {
      // The caller left as the agent answered (Asterisk: "Channel not found" adding them to the
      // bridge): the offer is gone from the queue's view, so nothing else would free this agent.
      // Once bridged (connect() marks the call connected) the call's own end frees the agent.
      const bridged = (call.state as LiveCall['state']) === 'connected';
      if (!bridged) {
        await this.r.safe(() => this.r.deps.ari.hangup(channelId));
        await this.r.deps.agents.release(call.tenantId, offer.userId, call.id);
      }
      throw err;
    }
  }

  async onOfferFailed(call: LiveCall, channelId: string, cause: number | undefined) {
    const q = call.queue!;
    const offer = q.offers.get(channelId);
    if (!offer) return;
    q.offers.delete(channelId);
    q.missedBy.add(offer.userId);
    offer.timer.cancel();
    await this.r.safe(() => this.r.deps.ari.hangup(channelId));
    await this.r.deps.agents.release(call.tenantId, offer.userId, call.id);
    await this.r.timeline(call, 'offer_failed', `offerfail:${channelId}`, {
      user_id: offer.userId,
      cause: cause ?? null,
    });
    if (q.offers.size === 0 && call.state === 'queued') {
      q.retryAt = this.r.deps.now().getTime() + q.config.retrySeconds * 1000;
      await this.r.deps.calls.queued(call.tenantId, call.id, q.config.id, q.queuedAt);
      await this.r.publish(call, 'call.queued');
      const queueId = q.config.id;
      this.r.deps.timers.setTimeout(() => this.pumpSoon(queueId), q.config.retrySeconds * 1000);
    }
  }

  private async cancelOffers(call: LiveCall) {
    const q = call.queue;
    if (!q) return;
    for (const offer of [...q.offers.values()]) {
      offer.timer.cancel();
      q.offers.delete(offer.channelId);
      this.r.live.unbind(offer.channelId);
      this.r.live.markFinished(offer.channelId);
      await this.r.safe(() => this.r.deps.ari.hangup(offer.channelId));
      await this.r.deps.agents.release(call.tenantId, offer.userId, call.id);
    }
  }

  /** Takes the call out of the queue's waiting list (answered elsewhere, overflowed or hung up). */
  async leave(call: LiveCall) {
    if (!call.queue) return;
    for (const t of call.queue.timers) t.cancel();
    call.queue.timers = [];
    await this.cancelOffers(call);
  }

  async overflow(call: LiveCall, config: QueueConfig, reason: string) {
    if (call.state === 'ended' || call.state === 'connected') return;
    call.state = 'routing'; // out of the queue at once: no pump offers this caller meanwhile
    await call.queue?.entering;
    await this.leave(call);
    call.queue = undefined;
    await this.r.deps.calls.overflowed(call.tenantId, call.id, this.r.deps.now());
    await this.r.timeline(call, 'overflow', `overflow:${config.id}:${call.callerChannelId}`, {
      queue_id: config.id,
      reason,
    });
    call.state = 'routing';
    if (config.overflow) return this.r.routeTo(call, config.overflow);
    return this.r.finish(call, 'no_answer', reason);
  }

  private async leaveIfEmpty(queueId: string) {
    const waiting = this.r.live.waitingIn(queueId);
    const config = waiting[0]?.queue?.config;
    if (!config?.leaveWhenEmpty) return;
    if (
      (await this.loggedIn(
        waiting[0]!.tenantId,
        config.members.map((m) => m.userId),
      )) > 0
    )
      return;
    for (const call of waiting) {
      void this.r
        .runFor(call, () => this.overflow(call, config, 'no agents logged in'))
        .catch((err) => this.r.deps.log.error({ err, callId: call.id }, 'queue overflow failed'));
    }
  }

  private async loggedIn(tenantId: string, userIds: string[]) {
    return this.r.deps.agents.loggedInCount(tenantId, userIds);
  }
}
