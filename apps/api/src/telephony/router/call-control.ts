import { AppError } from '../../lib/app-error';
import type { CallRouter } from './call-router';
import { dialString, type LiveCall } from './live-calls';
import type { Destination } from './ports';
import { legOfEndpoint, noteLeg, openLegSegment } from './segments';

export type TransferTarget =
  | { type: 'extension'; extension: string }
  | { type: 'queue'; queue_id: string }
  | { type: 'number'; number: string };

/**
 * Call control requested through the API (`/api/v1/calls`): hold, mute, hang up, blind and
 * attended transfer, recording, supervisor listen/whisper/barge, click to call. The route has
 * already checked the permission; this checks the call belongs to the tenant (404 otherwise).
 */
export class CallControl {
  constructor(private readonly r: CallRouter) {}

  /**
   * Supervisor leg → the snoop channel (and, once they answer, the bridge) made for it. A real
   * Asterisk keeps both after the supervisor hangs up: they are torn down here.
   */
  private readonly snoops = new Map<string, { snoopId: string; bridgeId: string | null }>();

  private call(tenantId: string, callId: string): LiveCall {
    const call = this.r.live.get(callId);
    if (!call || call.tenantId !== tenantId) throw new AppError('NOT_FOUND', 'Call not found');
    return call;
  }

  private connected(
    tenantId: string,
    callId: string,
  ): LiveCall & { bridgeId: string; agentChannelId: string } {
    const call = this.call(tenantId, callId);
    if (call.state !== 'connected' || !call.bridgeId || !call.agentChannelId) {
      throw new AppError('INVALID_STATE', 'The call is not connected to an agent');
    }
    return call as LiveCall & { bridgeId: string; agentChannelId: string };
  }

  async hangup(tenantId: string, callId: string) {
    const call = this.call(tenantId, callId);
    await this.r.finish(
      call,
      call.state === 'connected' ? 'answered' : call.queue ? 'abandoned' : 'no_answer',
      'hung up from the API',
    );
  }

  /** ARI hold plays music and emits no events (surprise 1): the record's hold time is tracked here. */
  async hold(tenantId: string, callId: string, onHold: boolean) {
    const call = this.connected(tenantId, callId);
    if (call.onHold === onHold) return;
    const { ari, calls, now } = this.r.deps;
    await this.ari(() =>
      onHold ? ari.startMoh(call.callerChannelId, 'default') : ari.stopMoh(call.callerChannelId),
    );
    await this.ari(() =>
      onHold ? ari.mute(call.callerChannelId, 'in') : ari.unmute(call.callerChannelId, 'in'),
    );
    call.onHold = onHold;
    await calls.holdChanged(call.tenantId, call.id, onHold, now());
    await this.r.timeline(
      call,
      onHold ? 'hold' : 'unhold',
      `${onHold ? 'hold' : 'unhold'}:${now().getTime()}`,
      { by: 'api' },
    );
    await this.r.publish(call, 'call.updated');
  }

  /** Mutes the agent: the caller stops hearing them. */
  async mute(tenantId: string, callId: string, muted: boolean) {
    const call = this.connected(tenantId, callId);
    const { ari, calls } = this.r.deps;
    await this.ari(() =>
      muted ? ari.mute(call.agentChannelId, 'in') : ari.unmute(call.agentChannelId, 'in'),
    );
    call.muted = muted;
    await calls.setFlags(call.tenantId, call.id, { muted });
    await this.r.publish(call, 'call.updated');
  }

  async record(tenantId: string, callId: string, on: boolean) {
    const call = this.connected(tenantId, callId);
    const { ari, calls } = this.r.deps;
    if (on && !call.recordingName) {
      const name = `call-${call.id}-${Date.now()}`;
      await this.ari(() => ari.record(call.bridgeId, name));
      call.recordingName = name;
      await calls.setFlags(call.tenantId, call.id, { recording: true, recordingRef: name });
    } else if (!on && call.recordingName) {
      const name = call.recordingName;
      await this.ari(() => ari.stopRecording(name));
      call.recordingName = null;
      await calls.setFlags(call.tenantId, call.id, { recording: false });
    }
    await this.r.publish(call, 'call.updated');
  }

  private async destinationFor(tenantId: string, target: TransferTarget): Promise<Destination> {
    if (target.type === 'queue') {
      if (!(await this.r.deps.directory.queue(tenantId, target.queue_id)))
        throw new AppError('UNPROCESSABLE', 'target.queue_id: no such queue');
      return { type: 'queue', queue_id: target.queue_id };
    }
    if (target.type === 'extension') {
      const ep = await this.r.deps.directory.endpointByExtension(tenantId, target.extension);
      if (!ep) throw new AppError('UNPROCESSABLE', 'target.extension: no such extension');
      return { type: 'endpoint', endpoint_id: ep.id };
    }
    return { type: 'external', number: target.number };
  }

  /** Blind transfer: the agent leaves, the caller goes to the target; the agent starts wrap-up. */
  async blindTransfer(tenantId: string, callId: string, byUserId: string, target: TransferTarget) {
    const call = this.connected(tenantId, callId);
    const destination = await this.destinationFor(tenantId, target);
    const { ari, calls, agents, now } = this.r.deps;
    await calls.addTransfer(call.tenantId, call.id, {
      kind: 'blind',
      from_user_id: byUserId,
      to: describe(target),
      at: now().toISOString(),
    });
    const agentLeg = call.agentChannelId;
    const agentUser = call.agentUserId;
    // The agent's part ends now (their talk time stops); the record keeps them as who answered.
    await calls.endSegment(call.tenantId, call.id, agentLeg, now());
    await calls.agentLeft(call.tenantId, call.id);
    call.transferredBlind = true;
    this.r.live.unbind(agentLeg);
    this.r.live.markFinished(agentLeg);
    const bridgeId = call.bridgeId;
    const plain: LiveCall = call;
    plain.agentChannelId = null;
    plain.state = 'routing';
    await this.r.safe(() => ari.destroyBridge(bridgeId));
    plain.bridgeId = null;
    await this.r.safe(() => ari.hangup(agentLeg));
    if (agentUser) await agents.wrapUp(call.tenantId, agentUser, call.id, call.wrapupSeconds);
    call.agentUserId = null;
    await this.r.safe(() => ari.startMoh(call.callerChannelId, 'default'));
    await this.r.timeline(call, 'transfer', `blind:${now().getTime()}`, { to: describe(target) });
    await this.r.routeTo(call, destination, { type: 'hangup' });
  }

  /** Attended transfer, step 1: caller on hold, the agent talks to the target privately. */
  async consult(tenantId: string, callId: string, target: TransferTarget) {
    const call = this.connected(tenantId, callId);
    if (call.consult) throw new AppError('INVALID_STATE', 'A consultation is already in progress');
    if (target.type === 'queue')
      throw new AppError('UNPROCESSABLE', 'target.type: attended transfer needs an extension or a number');
    const { ari, directory } = this.r.deps;
    let endpoint: string;
    let party: Parameters<typeof noteLeg>[2] = {
      kind: 'attended_transfer',
      userId: null,
      endpointId: null,
      extension: null,
      number: target.type === 'number' ? target.number : null,
    };
    if (target.type === 'extension') {
      const ep = await directory.endpointByExtension(tenantId, target.extension);
      if (!ep) throw new AppError('UNPROCESSABLE', 'target.extension: no such extension');
      endpoint = dialString(ep);
      party = { ...party, ...legOfEndpoint(ep) };
    } else {
      const trunk = await directory.trunkFor(tenantId);
      if (!trunk) throw new AppError('UNPROCESSABLE', 'target.number: no trunk for outside calls');
      endpoint = `PJSIP/${trunk.dialPrefix(target.number)}@${trunk.araId}`;
    }
    await this.hold(tenantId, callId, true);
    const { channelId } = await this.ari(() =>
      ari.createAndDial({
        channelId: this.r.newChannelId(call),
        endpoint,
        appArgs: `leg,${call.id}`,
        originator: call.agentChannelId,
        timeoutSeconds: 30,
      }),
    );
    call.consult = { channelId, bridgeId: null, target: describe(target), answered: false };
    this.r.live.bind(channelId, call.id);
    noteLeg(call, channelId, party, this.r.deps.now());
    // The agent moves to a private bridge with the target; the caller stays alone with music.
    const { bridgeId } = await this.ari(() => ari.createBridge('mixing', `consult-${call.id}`));
    call.consult.bridgeId = bridgeId;
    await this.ari(() => ari.addToBridge(bridgeId, [call.agentChannelId, channelId]));
    await this.r.timeline(call, 'consult', `consult:${channelId}`, { to: call.consult.target });
    await this.r.publish(call, 'call.updated', { consulting: true });
  }

  /** Attended transfer, step 2: complete (caller meets the target, agent leaves) or cancel. */
  async finishConsult(tenantId: string, callId: string, byUserId: string, action: 'complete' | 'cancel') {
    const call = this.connected(tenantId, callId);
    const consult = call.consult;
    if (!consult) throw new AppError('INVALID_STATE', 'No consultation in progress');
    const { ari, calls, agents, now } = this.r.deps;
    call.consult = undefined;
    if (action === 'cancel') {
      this.r.live.unbind(consult.channelId);
      this.r.live.markFinished(consult.channelId);
      await this.r.safe(() => ari.hangup(consult.channelId));
      if (consult.bridgeId) await this.r.safe(() => ari.destroyBridge(consult.bridgeId!));
      await this.ari(() => ari.addToBridge(call.bridgeId, [call.agentChannelId]));
      await this.hold(tenantId, callId, false);
      await this.r.timeline(call, 'consult_cancelled', `consultcancel:${consult.channelId}`, {});
      return this.r.publish(call, 'call.updated', { consulting: false });
    }
    await this.hold(tenantId, callId, false);
    const agentLeg = call.agentChannelId;
    const agentUser = call.agentUserId;
    await this.ari(() => ari.addToBridge(call.bridgeId, [consult.channelId]));
    if (consult.bridgeId) await this.r.safe(() => ari.destroyBridge(consult.bridgeId!));
    this.r.live.unbind(agentLeg);
    this.r.live.markFinished(agentLeg);
    await this.r.safe(() => ari.hangup(agentLeg));
    // The transferring agent's part ends; the target's starts now (answered when they took the consultation).
    const at = now();
    await calls.endSegment(call.tenantId, call.id, agentLeg, at);
    const leg = await openLegSegment(this.r, call, consult.channelId, consult.answeredAt ?? at, at);
    call.agentChannelId = consult.channelId;
    call.agentUserId = leg?.userId ?? null;
    await calls.answered(call.tenantId, call.id, call.agentUserId, consult.channelId, call.bridgeId, at);
    if (agentUser) await agents.wrapUp(call.tenantId, agentUser, call.id, call.wrapupSeconds);
    await calls.addTransfer(call.tenantId, call.id, {
      kind: 'attended',
      from_user_id: byUserId,
      to: consult.target,
      at: now().toISOString(),
    });
    await this.r.timeline(call, 'transfer', `attended:${consult.channelId}`, { to: consult.target });
    await this.r.publish(call, 'call.updated', { consulting: false });
  }

  /**
   * Supervisor listen / whisper / barge: a snoop channel on the agent's leg (listen, whisper) or
   * the supervisor's phone added to the call's bridge (barge). The supervisor's phone rings first.
   */
  async supervise(
    tenantId: string,
    callId: string,
    supervisorUserId: string,
    mode: 'listen' | 'whisper' | 'barge',
  ) {
    const call = this.connected(tenantId, callId);
    const { ari, directory } = this.r.deps;
    const ep = await directory.endpointForUser(tenantId, supervisorUserId);
    if (!ep) throw new AppError('UNPROCESSABLE', 'You have no phone (endpoint) assigned to listen with');
    if (mode === 'barge') {
      const { channelId } = await this.ari(() =>
        ari.originate({
          channelId: this.r.newChannelId(call),
          endpoint: dialString(ep),
          appArgs: `supervisor,${call.id}`,
          timeoutSeconds: 30,
        }),
      );
      call.extraChannels.add(channelId);
      this.r.live.bind(channelId, call.id);
      this.r.pendingLegs.set(channelId, `barge:${call.bridgeId}`);
      await this.r.timeline(call, 'supervise', `supervise:${channelId}`, {
        mode,
        supervisor_user_id: supervisorUserId,
      });
      return { channel_id: channelId };
    }
    // Snoop channels carry no tenant (surprise 16): the call id in the app args carries it for us.
    const snoop = await this.ari(() =>
      ari.snoop(call.agentChannelId, {
        spy: 'both',
        whisper: mode === 'whisper' ? 'out' : 'none',
        appArgs: `snoop,${call.id}`,
        snoopId: this.r.newChannelId(call),
      }),
    );
    call.extraChannels.add(snoop.channelId);
    this.r.live.bind(snoop.channelId, call.id);
    const { channelId } = await this.ari(() =>
      ari.originate({
        channelId: this.r.newChannelId(call),
        endpoint: dialString(ep),
        appArgs: `supervisor,${call.id}`,
        timeoutSeconds: 30,
      }),
    );
    call.extraChannels.add(channelId);
    this.r.live.bind(channelId, call.id);
    this.r.pendingLegs.set(channelId, `snoop:${snoop.channelId}`);
    this.snoops.set(channelId, { snoopId: snoop.channelId, bridgeId: null });
    await this.r.timeline(call, 'supervise', `supervise:${channelId}`, {
      mode,
      supervisor_user_id: supervisorUserId,
    });
    return { channel_id: channelId };
  }

  /** The supervisor answered: join them to the snoop channel or the call's bridge. */
  async onSupervisorAnswered(channelId: string) {
    const pending = this.r.pendingLegs.get(channelId);
    if (!pending) return false;
    this.r.pendingLegs.delete(channelId);
    const call = this.r.live.byChannelId(channelId);
    if (!call) return true;
    const { ari } = this.r.deps;
    const [kind, ref] = pending.split(':') as [string, string];
    if (kind === 'barge') {
      await this.r.safe(() => ari.addToBridge(ref, [channelId]));
    } else {
      const { bridgeId } = await ari.createBridge('mixing', `snoop-${call.id}`);
      const s = this.snoops.get(channelId);
      if (s) s.bridgeId = bridgeId;
      await this.r.safe(() => ari.addToBridge(bridgeId, [ref, channelId]));
    }
    return true;
  }

  /** The supervisor's leg left (or their call ended): hang up its snoop channel, destroy its bridge. */
  async endSupervision(supervisorChannelId: string) {
    this.r.pendingLegs.delete(supervisorChannelId);
    const s = this.snoops.get(supervisorChannelId);
    if (!s) return;
    this.snoops.delete(supervisorChannelId);
    await this.r.safe(() => this.r.deps.ari.hangup(s.snoopId));
    if (s.bridgeId) await this.r.safe(() => this.r.deps.ari.destroyBridge(s.bridgeId!));
  }

  /** Click to call: the agent's phone rings first; when they answer, the number is dialled. */
  async clickToCall(tenantId: string, userId: string, number: string) {
    const { ari, directory } = this.r.deps;
    const ep = await directory.endpointForUser(tenantId, userId);
    if (!ep) throw new AppError('UNPROCESSABLE', 'You have no phone (endpoint) assigned');
    const call = await this.r.clickToCall.open(tenantId, userId, number, ep.extension);
    call.originatorEndpoint = { id: ep.id, extension: ep.extension };
    try {
      await this.ari(() =>
        ari.originate({
          channelId: this.r.newChannelId(call),
          endpoint: dialString(ep),
          appArgs: `c2c,${call.id}`,
          callerId: number,
          timeoutSeconds: 30,
        }),
      );
    } catch (err) {
      await this.r.finish(call, 'failed', 'could not ring the agent phone');
      throw err;
    }
    return call;
  }

  /** Maps an ARI failure to a clear API error (the channel left, Asterisk refused, …). */
  private async ari<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 409 || status === 422) {
        throw new AppError(
          'INVALID_STATE',
          'The call changed before the action could be done; refresh and try again',
        );
      }
      if (err instanceof AppError) throw err;
      throw new AppError('TELEPHONY_ERROR', `The phone system refused the action: ${(err as Error).message}`);
    }
  }
}

function describe(t: TransferTarget) {
  return t.type === 'extension'
    ? `ext:${t.extension}`
    : t.type === 'queue'
      ? `queue:${t.queue_id}`
      : `number:${t.number}`;
}
