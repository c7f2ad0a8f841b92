import type { CallRouter } from './call-router';
import type { LiveCall } from './live-calls';
import type { RouterChannel } from './ports';

/**
 * Takes calls back after the worker restarted (F6) and reconciles after the events socket
 * reconnected (F5, surprise 13: events missed while it was down are not replayed).
 */
export class CallRecovery {
  constructor(private readonly r: CallRouter) {}

  /** After a reconnect: compare what we track with the channels Asterisk still has. */
  async reconcile() {
    const channels = await this.r.deps.ari.listChannels();
    const byId = new Map(channels.map((c) => [c.id, c]));
    for (const call of this.r.live.all()) {
      if (!byId.has(call.callerChannelId)) {
        await this.r.finish(
          call,
          call.state === 'connected' ? 'answered' : call.queue ? 'abandoned' : 'no_answer',
          'caller gone after reconnect',
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
        await this.r.finish(call, 'answered', 'agent gone after reconnect');
      }
    }
  }

  /**
   * After a restart: the worker's live call records name it as owner. Calls whose caller channel
   * is still in Stasis continue (connected calls keep their bridge; waiting callers rejoin their
   * queue at their original place); the rest are closed with a disposition, and their agents freed.
   */
  async takeBack(tenantIds: string[]) {
    const { deps } = this.r;
    const channels = await deps.ari.listChannels();
    const byId = new Map<string, RouterChannel>(channels.map((c) => [c.id, c]));
    const rows = await deps.calls.listLiveByOwner(tenantIds, deps.owner);
    let resumed = 0;
    for (const row of rows) {
      const caller = row.callerChannelId ? byId.get(row.callerChannelId) : undefined;
      const agentLeg = row.agentChannelId ? byId.get(row.agentChannelId) : undefined;
      const call: LiveCall = {
        id: row.id,
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
        agentUserId: row.agentUserId,
        agentChannelId: row.agentChannelId,
        wrapupSeconds: row.wrapupSeconds ?? 0,
        onHold: row.holdStartedAt !== null,
        muted: row.muted,
        recordingName: row.recordingRef,
        extraChannels: new Set(),
      };
      this.r.live.add(call);
      if (call.agentChannelId) this.r.live.bind(call.agentChannelId, call.id);
      if (!caller) {
        await this.r.finish(
          call,
          row.answeredAt ? 'answered' : row.queueId ? 'abandoned' : 'no_answer',
          'caller gone during restart',
        );
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
}
