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
 * The router's bookkeeping (record writes, timeline, call events). What the router asked for
 * behind its back (`router.behind`) runs at most `limit` pieces at a time, first come first
 * served, so a burst's bookkeeping does not take the database pool and the CPU from the burst's
 * offers (their lookups, claims and ARI requests), nor from the writes a call's lane waits for,
 * which run at once. A piece refused because the pool's wait queue is full (it never reached the
 * database) is tried again a little later instead of being lost.
 */
export class Bookkeeping {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private behindDepth = 0;
  constructor(
    private readonly limit = 3,
    private readonly retries = 6,
  ) {}

  /** Calls `fn`, marking the bookkeeping it asks for (synchronously) as not waited for. */
  behind<T>(fn: () => T): T {
    this.behindDepth++;
    try {
      return fn();
    } finally {
      this.behindDepth--;
    }
  }

  /** Whether the bookkeeping being asked for now is not waited for (read when it is asked for). */
  get asking(): boolean {
    return this.behindDepth > 0;
  }

  async run<T>(fn: () => Promise<T>, limited = false): Promise<T> {
    if (limited) {
      if (this.running >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
      this.running++;
    }
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
      if (limited) {
        this.running--;
        this.waiting.shift()?.();
      }
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
      const limited = bookkeeping.asking;
      const result = prev.then(() =>
        bookkeeping.run(() => write.call(calls, tenantId, callId, ...rest), limited),
      );
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
