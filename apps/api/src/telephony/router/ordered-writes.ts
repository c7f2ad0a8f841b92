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

/** mysql2's answer when the pool's wait queue is full (F2): nothing reached the database. */
const isPoolFull = (err: unknown) => /Queue limit reached/i.test(String((err as Error)?.message ?? err));

/**
 * The router's bookkeeping (record writes, timeline, call events) runs here: at most `limit`
 * pieces at a time, first come first served, so a burst's bookkeeping does not take the database
 * pool and the CPU from the burst's offers (their lookups, claims and ARI requests), which do not
 * go through it. A piece refused because the pool's wait queue is full (it never reached the
 * database) is tried again a little later instead of being lost.
 */
export class Bookkeeping {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(
    private readonly limit = 3,
    private readonly retries = 6,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn();
        } catch (err) {
          if (!isPoolFull(err) || attempt >= this.retries) throw err;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      }
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * The call records as the router writes them: every write of one call runs after the call's
 * previous write, in the order the router asked for them, whether the router waited for the
 * previous one or not. So the hot path (an offer) can leave its bookkeeping (the "queued" and
 * "ringing" rows, timeline events) to finish behind it, while a later write of the same call
 * ("answered", "ended") still lands after them. Writes of different calls overlap.
 */
export function orderedPerCall(calls: CallsRepository, bookkeeping = new Bookkeeping()): CallsRepository {
  const tails = new Map<string, Promise<unknown>>();
  const ordered = { ...calls } as Record<string, unknown>;
  for (const name of PER_CALL) {
    const write = calls[name] as (tenantId: string, callId: string, ...rest: unknown[]) => Promise<unknown>;
    ordered[name] = (tenantId: string, callId: string, ...rest: unknown[]) => {
      const prev = tails.get(callId) ?? Promise.resolve();
      const result = prev.then(() => bookkeeping.run(() => write.call(calls, tenantId, callId, ...rest)));
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
