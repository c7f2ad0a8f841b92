import type { CallsRepository } from '../../modules/calls/calls.repository';

/** The record writes of one call (their second argument is the call id). */
const PER_CALL = [
  'setStatus',
  'queued',
  'ringing',
  'answered',
  'overflowed',
  'holdChanged',
  'setFlags',
  'addTransfer',
  'openSegment',
  'endSegment',
  'agentLeft',
  'ended',
  'appendEvent',
] as const satisfies ReadonlyArray<keyof CallsRepository>;

/**
 * The call records as the router writes them: every write of one call runs after the call's
 * previous write, in the order the router asked for them, whether the router waited for the
 * previous one or not. So the hot path (an offer) can leave its bookkeeping (the "queued" and
 * "ringing" rows, timeline events) to finish behind it, while a later write of the same call
 * ("answered", "ended") still lands after them. Writes of different calls overlap.
 */
export function orderedPerCall(calls: CallsRepository): CallsRepository {
  const tails = new Map<string, Promise<unknown>>();
  const ordered = { ...calls } as Record<string, unknown>;
  for (const name of PER_CALL) {
    const write = calls[name] as (tenantId: string, callId: string, ...rest: unknown[]) => Promise<unknown>;
    ordered[name] = (tenantId: string, callId: string, ...rest: unknown[]) => {
      const prev = tails.get(callId) ?? Promise.resolve();
      const result = prev.then(() => write.call(calls, tenantId, callId, ...rest));
      const tail = result.catch(() => undefined);
      tails.set(callId, tail);
      void tail.then(() => {
        if (tails.get(callId) === tail) tails.delete(callId);
      });
      return result;
    };
  }
  return ordered as unknown as CallsRepository;
}
