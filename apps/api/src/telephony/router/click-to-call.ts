import { randomUUID } from 'node:crypto';
import type { CallRouter } from './call-router';
import type { LiveCall } from './live-calls';
import type { Destination, RouterChannel } from './ports';

/**
 * Click to call: the record opens with the agent's extension as caller, the agent's phone rings
 * first (call control originates it), and when they answer the number is dialled like any call.
 */
export class ClickToCall {
  constructor(private readonly r: CallRouter) {}

  /** The record and live call of a click-to-call, before the agent's phone rings. */
  async open(tenantId: string, userId: string, number: string, extension: string): Promise<LiveCall> {
    const placeholder = `c2c-${randomUUID()}`;
    // The record's caller is the agent's extension (who placed the call), the callee the number.
    const call = await this.r.openCall(
      { id: placeholder, name: 'click-to-call', state: 'Down', caller: { name: '', number: extension } },
      this.r.deps.now(),
      { tenantId, direction: 'outbound', did: null, callee: number },
    );
    call!.agentUserId = userId;
    call!.clickToCallTarget = number;
    return call!;
  }

  async onAgentAnswered(channel: RouterChannel, callId: string, timestamp: string) {
    const call = this.r.live.get(callId);
    if (!call) {
      await this.r.safe(() => this.r.deps.ari.hangup(channel.id));
      return;
    }
    if (call.callerChannelId === channel.id) return; // a replayed start (D3)
    // The agent answered their phone: now the call's "caller" side is the agent; dial the number.
    this.r.live.bind(channel.id, call.id);
    call.callerChannelId = channel.id;
    call.callerUp = true;
    await this.r.deps.calls.ringing(call.tenantId, call.id, call.agentUserId, null);
    // Busy for queue offers while their own call rings out (wrap-up follows when it ends).
    if (call.agentUserId) {
      call.originatorUserId = call.agentUserId;
      await this.r.deps.agents.connected(call.tenantId, call.agentUserId, call.id);
    }
    await this.r.timeline(call, 'agent_answered', `c2c:${channel.id}:${timestamp}`, {});
    const number = call.clickToCallTarget ?? call.callerNumber;
    const target = await this.r.deps.directory.endpointByExtension(call.tenantId, number);
    const destination: Destination = target
      ? { type: 'endpoint', endpoint_id: target.id }
      : { type: 'external', number };
    return this.r.routeTo(call, destination, { type: 'hangup' });
  }
}
