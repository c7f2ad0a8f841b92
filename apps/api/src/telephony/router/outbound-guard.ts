import type { OutboundVerdict } from '@switchboard/contracts';
import type { CallRouter } from './call-router';
import type { LiveCall } from './live-calls';

/**
 * The router's side of the outbound calling policy (issue 16.6): asked right before a number is
 * dialled through a trunk (a phone dialling out, click to call, an external DID/IVR/queue
 * destination, a blind transfer), because the policy may have changed since the number was
 * configured. `userId` is the person placing the call (their calls.international counts);
 * null for the tenant's own routing.
 */
export type OutboundGuardPort = {
  check(tenantId: string, number: string, userId: string | null): Promise<OutboundVerdict>;
};

/**
 * True when `number` may be dialled for `call`. Otherwise the caller's channel is rejected
 * (SIP 403-like "rejected" cause, so a phone shows the refusal), the call ends as failed with the
 * reason in its record, and false is returned. Without a guard (unit harnesses) every number passes.
 */
export async function mayDialOut(r: CallRouter, call: LiveCall, number: string): Promise<boolean> {
  const guard = r.deps.outbound;
  if (!guard) return true;
  const userId = call.originatorUserId ?? (call.direction === 'outbound' ? call.agentUserId : null) ?? null;
  const verdict = await guard.check(call.tenantId, number, userId);
  if (verdict.allowed) return true;
  r.deps.log.warn({ callId: call.id, number, reason: verdict.reason }, 'outbound call refused by the policy');
  await r.safe(() => r.deps.ari.hangup(call.callerChannelId, 'rejected'));
  await r.finish(call, 'failed', `destination not allowed (${verdict.reason})`);
  return false;
}
