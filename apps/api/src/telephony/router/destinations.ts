import type { CallRouter } from './call-router';
import { ariTime, dialString, type LiveCall } from './live-calls';
import type { Destination } from './ports';
import { mayDialOut } from './outbound-guard';
import { legOfEndpoint, noteLeg, openLegSegment } from './segments';

/** Hang-up causes (Q.850) that mean the rung phone was busy or rejected the call. */
const BUSY_CAUSES = new Set([17, 21]);

/**
 * Where a call goes (queue, IVR menu, endpoint, voicemail, external number, hang up) and the legs
 * the router rings to get it there: ringing, answering (caller and leg meet in a mixing bridge)
 * and failing (busy, no answer, unreachable → the destination's fallback).
 */
export class Destinations {
  constructor(private readonly r: CallRouter) {}

  async routeTo(
    call: LiveCall,
    destination: Destination,
    fallback: Destination | null = null,
  ): Promise<void> {
    this.r.behind(() =>
      this.r.timeline(call, 'route', `route:${call.state}:${JSON.stringify(destination)}`, { destination }),
    );
    switch (destination.type) {
      case 'queue': {
        const config = await this.r.deps.directory.queue(call.tenantId, destination.queue_id);
        if (!config) return this.r.finish(call, 'failed', 'queue missing');
        // Answered on the way into the holding bridge: the first offer does not wait for it.
        return this.r.queues.join(call, config);
      }
      case 'ivr': {
        const menu = await this.r.deps.directory.ivrMenu(call.tenantId, destination.ivr_menu_id);
        if (!menu) return this.r.finish(call, 'failed', 'IVR menu missing');
        await this.answerCaller(call);
        return this.r.ivr.start(call, menu);
      }
      case 'endpoint': {
        const ep = await this.r.deps.directory.endpointById(call.tenantId, destination.endpoint_id);
        if (!ep || !ep.enabled)
          return fallback ? this.routeTo(call, fallback) : this.r.finish(call, 'failed', 'endpoint missing');
        return this.dialLeg(
          call,
          dialString(ep),
          ep.userId,
          30,
          fallback ?? (ep.voicemail ? { type: 'voicemail', endpoint_id: ep.id } : null),
          undefined,
          legOfEndpoint(ep),
        );
      }
      case 'external': {
        if (!(await mayDialOut(this.r, call, destination.number))) return;
        const trunk = await this.r.deps.directory.trunkFor(call.tenantId);
        if (!trunk) return this.r.finish(call, 'failed', 'no trunk for outside calls');
        return this.dialLeg(
          call,
          `PJSIP/${trunk.dialPrefix(destination.number)}@${trunk.araId}`,
          null,
          60,
          fallback,
          trunk.callerIdNumber ?? undefined,
          { userId: null, endpointId: null, extension: null, number: destination.number },
          // The carrier sees the trunk's caller ID (or an outside caller's own number), no name.
          {
            name: '',
            number: trunk.callerIdNumber ?? (call.direction === 'inbound' ? call.callerNumber : ''),
          },
        );
      }
      case 'voicemail': {
        const ep = await this.r.deps.directory.endpointById(call.tenantId, destination.endpoint_id);
        if (!ep) return this.r.finish(call, 'failed', 'voicemail box missing');
        call.state = 'ended';
        await this.r.deps.calls.ended(call.tenantId, call.id, this.r.deps.now(), 'voicemail', null);
        await this.r.timeline(call, 'voicemail', `voicemail:${call.callerChannelId}`, {
          mailbox: ep.extension,
        });
        await this.r.safe(() =>
          this.r.deps.ari.continueInDialplan(call.callerChannelId, 'switchboard-voicemail', ep.araId, 1),
        );
        await this.r.publish(call, 'call.ended');
        this.r.live.remove(call);
        return;
      }
      case 'hangup':
        return this.r.finish(call, 'no_answer', 'routed to hang up');
    }
  }

  /** Rings one leg (endpoint or trunk) for a call that is not in a queue; on failure goes to the fallback. */
  private async dialLeg(
    call: LiveCall,
    endpoint: string,
    userId: string | null,
    timeoutSeconds: number,
    fallback: Destination | null,
    callerId?: string,
    party: {
      userId: string | null;
      endpointId: string | null;
      extension: string | null;
      number: string | null;
    } = {
      userId,
      endpointId: null,
      extension: null,
      number: null,
    },
    presentAs?: { name: string; number: string },
  ) {
    if (userId && !(await this.r.deps.agents.claim(call.tenantId, userId, call.id))) userId = null;
    try {
      const { channelId } = await this.r.deps.ari.createAndDial({
        channelId: this.r.newChannelId(call),
        endpoint,
        appArgs: `leg,${call.id}`,
        originator: call.callerChannelId,
        callerId: callerId ?? call.callerNumber,
        timeoutSeconds,
        ...(presentAs ? { presentAs } : {}),
      });
      this.r.live.bind(channelId, call.id);
      noteLeg(
        call,
        channelId,
        { kind: call.direction === 'inbound' ? 'direct' : call.direction, ...party },
        this.r.deps.now(),
      );
      call.state = 'ringing';
      call.dial = {
        channelId,
        userId,
        fallback,
        timer: this.r.later(call, (timeoutSeconds + 2) * 1000, () => this.onLegFailed(channelId, 19)),
      };
      await this.r.deps.calls.ringing(call.tenantId, call.id, userId, channelId);
      await this.r.publish(call, 'call.ringing');
    } catch (err) {
      this.r.deps.log.warn({ err, endpoint }, 'could not dial leg');
      if (userId) await this.r.deps.agents.release(call.tenantId, userId, call.id);
      if (fallback) return this.routeTo(call, fallback);
      return this.r.finish(call, 'failed', 'dial failed');
    }
  }

  /**
   * Answers the caller's channel unless it is up already. Everything that gives the caller media
   * (a bridge with the answering leg, a queue's music, an IVR greeting) goes through here first: a
   * real Asterisk neither answers a channel added to a bridge nor plays to an unanswered one.
   */
  answerCaller(call: LiveCall): Promise<void> {
    if (call.callerUp) return Promise.resolve();
    // Asked once: routing may go on (a lookup) while the answer is on its way, then wait for it.
    call.answering ??= this.r
      .safe(() => this.r.deps.ari.answer(call.callerChannelId))
      .then(() => {
        call.callerUp = true;
      });
    return call.answering;
  }

  /** Tells an unanswered caller the other side is ringing (180 to a phone), once. */
  async ringCaller(call: LiveCall) {
    if (call.callerUp || call.callerRinging) return;
    call.callerRinging = true;
    await this.r.safe(() => this.r.deps.ari.ring(call.callerChannelId));
  }

  /** The leg we dial for a caller rings: an unanswered caller (a phone) hears ringing. */
  async onLegRinging(channelId: string) {
    const call = this.r.live.byChannelId(channelId);
    if (!call || channelId === call.callerChannelId) return;
    if (call.dial?.channelId === channelId || call.queue?.offers.has(channelId)) await this.ringCaller(call);
  }

  async onLegAnswered(channelId: string, timestamp: string) {
    const call = this.r.live.byChannelId(channelId);
    if (!call || channelId === call.callerChannelId) return;
    const at = ariTime(timestamp, this.r.deps.now());
    if (call.queue?.offers.has(channelId)) return this.r.queues.onOfferAnswered(call, channelId, at);
    if (call.dial?.channelId === channelId) {
      const { userId, timer } = call.dial;
      timer.cancel();
      call.dial = undefined;
      return this.connect(call, channelId, userId, at);
    }
    if (call.consult?.channelId === channelId) {
      // The target answered the consultation; they join the caller when the transfer completes.
      call.consult.answered = true;
      call.consult.answeredAt ??= at;
      return;
    }
  }

  /** Caller and the answering leg meet in a mixing bridge. */
  async connect(call: LiveCall, legChannelId: string, userId: string | null, at: Date) {
    // A phone that placed the call is answered only now, when the other side answered (200 OK).
    await this.answerCaller(call);
    const { bridgeId } = await this.r.deps.ari.createBridge('mixing', `call-${call.id}`);
    call.bridgeId = bridgeId;
    await this.r.deps.ari.addToBridge(bridgeId, [call.callerChannelId, legChannelId]);
    call.state = 'connected';
    const leg = await openLegSegment(this.r, call, legChannelId, at);
    // Who answered, even when their agent state was not claimed (a transfer target not "available").
    call.agentUserId = userId ?? leg?.userId ?? call.agentUserId;
    call.agentChannelId = legChannelId;
    if (userId) await this.r.deps.agents.connected(call.tenantId, userId, call.id);
    await this.r.deps.calls.answered(call.tenantId, call.id, call.agentUserId, legChannelId, bridgeId, at);
    await this.r.timeline(call, 'answered', `answer:${legChannelId}`, { agent_user_id: call.agentUserId });
    if (call.recordingWanted) {
      const name = `call-${call.id}`;
      await this.r.safe(async () => {
        await this.r.deps.ari.record(bridgeId, name);
        call.recordingName = name;
        await this.r.deps.calls.setFlags(call.tenantId, call.id, { recording: true, recordingRef: name });
      });
    }
    await this.r.publish(call, 'call.answered');
  }

  /** A leg we rang went away before answering: busy, no answer, rejected or unreachable. */
  async onLegFailed(channelId: string, cause: number | undefined) {
    const call = this.r.live.byChannelId(channelId);
    if (!call) return;
    const pending = call.queue?.offers.has(channelId) || call.dial?.channelId === channelId;
    // A ring timer that fired while the leg's answer waited in the lane finds the leg connected:
    // it did not fail, and must stay bound to the call (its hang-up ends the call).
    if (!pending && (channelId === call.agentChannelId || channelId === call.callerChannelId)) return;
    this.r.live.unbind(channelId);
    this.r.live.markFinished(channelId);
    if (call.queue?.offers.has(channelId)) return this.r.queues.onOfferFailed(call, channelId, cause);
    if (call.dial?.channelId === channelId) {
      const { userId, fallback, timer } = call.dial;
      timer.cancel();
      call.dial = undefined;
      await this.r.safe(() => this.r.deps.ari.hangup(channelId));
      if (userId) await this.r.deps.agents.release(call.tenantId, userId, call.id);
      await this.r.timeline(call, 'leg_failed', `legfail:${channelId}`, { cause: cause ?? null });
      if (fallback) return this.routeTo(call, fallback);
      return this.r.finish(
        call,
        cause !== undefined && BUSY_CAUSES.has(cause) ? 'busy' : 'no_answer',
        'leg failed',
      );
    }
  }
}
