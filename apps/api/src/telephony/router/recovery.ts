import type { CallRow, Disposition } from '../../modules/calls/calls.repository';
import type { CallRouter } from './call-router';
import { laneOfChannel, type LiveCall } from './live-calls';
import type { RouterChannel } from './ports';

/** The live call a stored record describes (after a restart, or to announce its end). */
function liveFromRow(row: CallRow): LiveCall {
  return {
    id: row.id,
    lane: laneOfChannel(row.callerChannelId ?? row.id),
    tenantId: row.tenantId,
    callKey: row.callKey,
    direction: row.direction,
    did: row.did,
    callerChannelId: row.callerChannelId ?? '',
    callerNumber: row.callerNumber ?? '',
    state: row.status === 'ended' ? 'ended' : row.status,
    simulated: row.simulated,
    recordingWanted: row.recording,
    bridgeId: row.bridgeId,
    agentUserId: row.currentAgentUserId ?? row.agentUserId,
    agentChannelId: row.agentChannelId,
    wrapupSeconds: row.wrapupSeconds ?? 0,
    onHold: row.holdStartedAt !== null,
    muted: row.muted,
    recordingName: row.recordingRef,
    extraChannels: new Set(),
  };
}

/** How a call that ended unseen is counted: talked, gave up in a queue, or never reached anyone. */
const unseenEnd = (row: CallRow): Disposition =>
  row.answeredAt ? 'answered' : row.queueId ? 'abandoned' : 'no_answer';

/**
 * When a call that ended unseen really ended: its owner's last heartbeat, never before the last
 * thing the router wrote about it. Without a heartbeat, that last write. Never "now": the time
 * the phone system was down is neither wait nor talk time (F7).
 */
function unseenEndTime(row: CallRow, ownerLastSeen: Date | null | undefined): Date {
  const lastWrite = row.updatedAt;
  if (!ownerLastSeen) return lastWrite;
  return ownerLastSeen > lastWrite ? ownerLastSeen : lastWrite;
}

/**
 * Takes calls back after the worker restarted (F6) and reconciles after the events socket
 * reconnected (F5, surprise 13: events missed while it was down are not replayed).
 */
export class CallRecovery {
  constructor(private readonly r: CallRouter) {}

  /**
   * After a reconnect: compare what we track with the channels Asterisk still has. A call whose
   * caller (or connected agent) vanished ended unseen while the socket was down: it ends when
   * the socket was lost (`lostAt`), the last moment we know it was live, not now. After an
   * Asterisk restart the time it was down is neither wait nor talk time (F7).
   */
  async reconcile(lostAt: Date | null = null) {
    const channels = await this.r.deps.ari.listChannels();
    const byId = new Map(channels.map((c) => [c.id, c]));
    const at = lostAt ?? this.r.deps.now();
    for (const call of this.r.live.all()) {
      if (!byId.has(call.callerChannelId)) {
        await this.r.finish(
          call,
          call.state === 'connected' ? 'answered' : call.queue ? 'abandoned' : 'no_answer',
          'caller gone after reconnect',
          at,
        );
        continue;
      }
      for (const offer of [...(call.queue?.offers.values() ?? [])]) {
        const ch = byId.get(offer.channelId);
        if (!ch) await this.r.onLegFailed(offer.channelId, undefined);
        else if (ch.state === 'Up')
          await this.r.queues.onOfferAnswered(call, offer.channelId, this.r.deps.now());
      }
      if (call.state === 'connected' && call.agentChannelId && !byId.has(call.agentChannelId)) {
        await this.r.finish(call, 'answered', 'agent gone after reconnect', at);
      }
    }
  }

  /**
   * After a restart: the worker's live call records name it as owner. Calls whose caller channel
   * is still in Stasis continue (connected calls keep their bridge; waiting callers rejoin their
   * queue at their original place); the rest are closed with a disposition, and their agents freed.
   */
  async takeBack(tenantIds: string[], previousRunLastSeen: Date | null = null) {
    const { deps } = this.r;
    const channels = await deps.ari.listChannels();
    const byId = new Map<string, RouterChannel>(channels.map((c) => [c.id, c]));
    const rows = await deps.calls.listLiveByOwner(tenantIds, deps.owner);
    let resumed = 0;
    for (const row of rows) {
      const caller = row.callerChannelId ? byId.get(row.callerChannelId) : undefined;
      const agentLeg = row.agentChannelId ? byId.get(row.agentChannelId) : undefined;
      const call = liveFromRow(row);
      call.callerUp = caller?.state === 'Up';
      this.r.live.add(call);
      if (call.agentChannelId) this.r.live.bind(call.agentChannelId, call.id);
      if (!caller) {
        // It ended while nobody watched: at the last moment the previous run was alive.
        await this.r.finish(
          call,
          unseenEnd(row),
          'caller gone during restart',
          unseenEndTime(row, previousRunLastSeen),
        );
        await deps.agents.freeFromCall(row.tenantId, row.id);
        continue;
      }
      if (row.status === 'connected' && agentLeg) {
        if (row.queueId) {
          const config = await deps.directory.queue(row.tenantId, row.queueId);
          if (config) call.wrapupSeconds = config.wrapupSeconds;
        }
        resumed++;
        continue;
      }
      if (row.status === 'connected') {
        await this.r.finish(call, 'answered', 'agent gone during restart');
        continue;
      }
      // Waiting or ringing: a half-rung agent leg cannot be trusted; hang it up and queue again.
      if (agentLeg) await this.r.safe(() => deps.ari.hangup(agentLeg.id));
      if (row.agentUserId) await deps.agents.release(row.tenantId, row.agentUserId, row.id);
      call.agentUserId = null;
      call.agentChannelId = null;
      const config = row.queueId ? await deps.directory.queue(row.tenantId, row.queueId) : null;
      if (!config) {
        await this.r.finish(call, 'failed', 'could not resume routing after restart');
        continue;
      }
      call.state = 'routing';
      await this.r.queues.join(call, config);
      if (call.queue && row.queuedAt) call.queue.queuedAt = row.queuedAt;
      resumed++;
    }
    deps.log.info({ resumed, closed: rows.length - resumed }, 'calls taken back after restart');
    return { resumed, closed: rows.length - resumed };
  }

  /**
   * Calls owned by a phone system this worker no longer routes for (the demo PBX after ARI_URL
   * was set, a renamed or removed Asterisk) can never end by an event. Close them at their owner's
   * last heartbeat and free their agents. Their channels are never touched: channel ids are only
   * unique within one Asterisk, so a hang-up here could end someone else's call.
   */
  async closeOrphans(tenantIds: string[], configuredOwners: string[], lastSeen: Map<string, Date>) {
    const { deps } = this.r;
    const rows = await deps.calls.listLiveNotOwnedBy(tenantIds, configuredOwners);
    for (const row of rows) {
      const at = unseenEndTime(row, row.owner ? lastSeen.get(row.owner) : null);
      const disposition = unseenEnd(row);
      const reason = `phone system ${row.owner ?? '(unknown)'} is no longer configured`;
      await deps.agents.freeFromCall(row.tenantId, row.id);
      await deps.calls.ended(row.tenantId, row.id, at, disposition, null);
      await deps.calls.appendEvent(row.tenantId, row.id, `end:orphan:${row.id}`, 'ended', at, {
        disposition,
        reason,
      });
      const call = liveFromRow(row);
      call.state = 'ended';
      await this.r.publish(call, 'call.ended', { disposition });
    }
    if (rows.length)
      deps.log.warn(
        { closed: rows.length, configuredOwners },
        'closed calls of a phone system no longer configured',
      );
    return rows.length;
  }

  /**
   * The in-process simulator is stopping and its channels die with it: end every call now, with
   * a disposition, and free the agents, instead of leaving records open until the next start.
   */
  async closeAllLive(reason: string) {
    let closed = 0;
    for (const call of this.r.live.all()) {
      await this.r.finish(
        call,
        call.state === 'connected' ? 'answered' : call.queue ? 'abandoned' : 'no_answer',
        reason,
      );
      await this.r.deps.agents.freeFromCall(call.tenantId, call.id);
      closed++;
    }
    return closed;
  }
}
