import type { CallRouter } from './call-router';
import { dialString, type LiveCall } from './live-calls';
import type { QueueConfig } from './ports';
import { orderCandidates, type Candidate, type StrategyMemory } from './strategies';
import { legOfEndpoint, noteLeg } from './segments';

/** Busy/rejected causes end an offer at once; others (no answer) after the ring timeout. */
const PUMP_INTERVAL_MS = 1000;

/**
 * Switchboard's own ACD: callers wait in a holding bridge with music; agents are chosen by the
 * queue's strategy among those available, claimed in the database (so no agent is offered two
 * calls, even across workers), rung with a timeout, and the first to answer meets the caller in a
 * mixing bridge. Max wait, max callers and "no agents" send the caller to the overflow destination.
 */
export class QueueEngine {
  private readonly holding = new Map<string, string>();
  private readonly memory = new Map<string, StrategyMemory>();
  private readonly pumping = new Set<string>();
  private readonly again = new Set<string>();
  private ticker: { cancel(): void } | null = null;

  constructor(private readonly r: CallRouter) {}

  start() {
    const loop = () => {
      this.ticker = this.r.deps.timers.setTimeout(() => {
        void this.r
          .run(() => this.tick())
          .catch((err) => this.r.deps.log.error({ err }, 'queue tick failed'))
          .finally(() => {
            if (this.ticker) loop();
          });
      }, PUMP_INTERVAL_MS);
    };
    loop();
  }

  stop() {
    this.ticker?.cancel();
    this.ticker = null;
  }

  /** Agents free up on other workers and through the UI: look again at every queue with callers. */
  private async tick() {
    const queueIds = new Set(
      this.r.live
        .all()
        .filter((c) => c.state === 'queued')
        .map((c) => c.queue!.config.id),
    );
    for (const id of queueIds) await this.pump(id);
    for (const id of queueIds) await this.leaveIfEmpty(id);
  }

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
    call.queue = { config, queuedAt, offers: new Map(), missedBy: new Set(), retryAt: 0, timers: [] };
    await deps.calls.queued(call.tenantId, call.id, config.id, queuedAt);
    await this.r.timeline(call, 'queued', `queued:${config.id}:${call.callerChannelId}`, {
      queue_id: config.id,
    });
    await this.enterHolding(call, config);
    if (config.maxWaitSeconds !== null) {
      call.queue.timers.push(
        this.r.later(config.maxWaitSeconds * 1000, () => this.overflow(call, config, 'max wait reached')),
      );
    }
    if ((config.announcePosition || config.announceHoldTime) && config.announceFrequencySeconds > 0)
      this.scheduleAnnouncement(call);
    await this.r.publish(call, 'call.queued');
    await this.pump(config.id);
  }

  private async enterHolding(call: LiveCall, config: QueueConfig) {
    const { ari } = this.r.deps;
    let bridgeId = this.holding.get(config.id);
    if (!bridgeId) {
      bridgeId = (await ari.createBridge('holding', `queue-${config.id}`)).bridgeId;
      this.holding.set(config.id, bridgeId);
    }
    try {
      await ari.addToBridge(bridgeId, [call.callerChannelId], 'participant');
    } catch {
      // The bridge vanished (Asterisk restart, or destroyed elsewhere): make a new one.
      bridgeId = (await ari.createBridge('holding', `queue-${config.id}`)).bridgeId;
      this.holding.set(config.id, bridgeId);
      await ari.addToBridge(bridgeId, [call.callerChannelId], 'participant');
    }
    // Bridge music stops by itself when the bridge empties (surprise 12): start it on every join.
    await this.r.safe(() => ari.startBridgeMoh(bridgeId, config.musicClass || 'default'));
  }

  private scheduleAnnouncement(call: LiveCall) {
    const q = call.queue!;
    q.timers.push(
      this.r.later(q.config.announceFrequencySeconds * 1000, async () => {
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

  pumpSoon(queueId: string) {
    this.r.later(0, () => this.pump(queueId));
  }

  /** Offers waiting callers, in order of arrival, to the agents the strategy picks. */
  async pump(queueId: string): Promise<void> {
    if (this.pumping.has(queueId)) {
      this.again.add(queueId);
      return;
    }
    this.pumping.add(queueId);
    try {
      const now = this.r.deps.now().getTime();
      for (const call of this.r.live.waitingIn(queueId)) {
        const q = call.queue!;
        if (call.state !== 'queued' || q.offers.size > 0 || q.retryAt > now) continue;
        const placed = await this.offerNext(call, q.config);
        if (!placed) break; // nobody free for the first caller in line means nobody for those behind
      }
    } finally {
      this.pumping.delete(queueId);
      if (this.again.delete(queueId)) this.pumpSoon(queueId);
    }
  }

  private async offerNext(call: LiveCall, config: QueueConfig): Promise<boolean> {
    const { agents } = this.r.deps;
    const busyHere = this.r.live.offeredUsers();
    const members = config.members.filter((m) => !busyHere.has(m.userId));
    if (!members.length) return false;
    const available = await agents.available(
      call.tenantId,
      members.map((m) => m.userId),
    );
    const byUser = new Map(available.map((a) => [a.userId, a]));
    let eligible = members.filter((m) => byUser.has(m.userId));
    const fresh = eligible.filter((m) => !call.queue!.missedBy.has(m.userId));
    if (fresh.length) eligible = fresh;
    else call.queue!.missedBy.clear();
    const candidates: Candidate[] = eligible.map((m) => ({
      ...m,
      lastCallEndedAt: byUser.get(m.userId)!.lastCallEndedAt,
      callsToday: byUser.get(m.userId)!.callsToday,
    }));
    const memory = this.memory.get(config.id) ?? {};
    this.memory.set(config.id, memory);
    let placed = 0;
    for (const c of orderCandidates(config.strategy, candidates, memory)) {
      if (call.state !== 'queued') break;
      if (!(await agents.claim(call.tenantId, c.userId, call.id))) continue;
      if (await this.offer(call, config, c.userId)) {
        placed++;
        memory.lastOfferedUserId = c.userId;
        if (config.strategy !== 'ringall') break;
      }
    }
    return placed > 0;
  }

  private async offer(call: LiveCall, config: QueueConfig, userId: string): Promise<boolean> {
    const { deps } = this.r;
    const endpoint = await deps.directory.endpointForUser(call.tenantId, userId);
    if (!endpoint || !endpoint.enabled) {
      await deps.agents.release(call.tenantId, userId, call.id);
      return false;
    }
    try {
      const { channelId } = await deps.ari.createAndDial({
        endpoint: dialString(endpoint),
        appArgs: `agent,${call.id}`,
        originator: call.callerChannelId,
        callerId: call.callerNumber,
        timeoutSeconds: config.ringTimeoutSeconds,
      });
      this.r.live.bind(channelId, call.id);
      await this.r.safe(() => deps.agents.phoneRang(call.tenantId, userId));
      const timer = this.r.later((config.ringTimeoutSeconds + 1) * 1000, () =>
        this.r.onLegFailed(channelId, 19),
      );
      call.queue!.offers.set(channelId, { userId, channelId, timer });
      noteLeg(call, channelId, { kind: 'queue', ...legOfEndpoint(endpoint) }, deps.now());
      await deps.calls.ringing(
        call.tenantId,
        call.id,
        config.strategy === 'ringall' ? null : userId,
        channelId,
      );
      await this.r.timeline(call, 'offered', `offer:${channelId}`, { user_id: userId });
      await this.r.publish(call, 'call.offered');
      return true;
    } catch (err) {
      // No reachable contact (ARI answers 500 {"error":"Allocation failed"}): a missed offer for this
      // caller, so the next agent is tried at once; after PHONE_FAILED_OFFERS_BEFORE_PAUSE in a row
      // the agent is paused "phone unreachable" instead of being retried every tick.
      call.queue!.missedBy.add(userId);
      const { failures, paused } = await deps.agents.phoneFailed(call.tenantId, userId, call.id);
      if (failures === 1 || paused)
        deps.log.warn({ err, userId, failures, paused }, paused ? 'agent paused: phone unreachable' : 'could not ring agent');
      await this.r.timeline(call, 'offer_failed', `offerfail:${userId}:${deps.now().getTime()}`, {
        user_id: userId,
        reason: 'unreachable',
      });
      return false;
    }
  }

  async onOfferAnswered(call: LiveCall, channelId: string, at: Date) {
    const q = call.queue!;
    const offer = q.offers.get(channelId);
    if (!offer) return;
    if (call.state === 'connected') return; // a second ringall answer; its leg is hung up below by the winner
    q.offers.delete(channelId);
    offer.timer.cancel();
    await this.cancelOffers(call);
    for (const t of q.timers) t.cancel();
    q.timers = [];
    await this.r.connect(call, channelId, offer.userId, at);
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
      this.r.later(q.config.retrySeconds * 1000, () => this.pump(q.config.id));
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
    for (const call of waiting) await this.overflow(call, config, 'no agents logged in');
  }

  private async loggedIn(tenantId: string, userIds: string[]) {
    return this.r.deps.agents.loggedInCount(tenantId, userIds);
  }
}
