/**
 * The router's work queues (issue 8): one FIFO lane per key (a call, a queue, an agent, the
 * endpoints), lanes running side by side. Work of one call never interleaves (its events, timers
 * and API commands run one after another, in order); work of different calls overlaps, so one
 * tenant's burst does not wait behind another's and database round trips of many calls overlap.
 *
 * - At most `maxRunning` pieces of work run at once (waiters are admitted first come, first
 *   served), so a burst finishes its first calls first instead of advancing all of them evenly.
 *   `unbounded` work (a queue's pump, which offers agents) skips that limit.
 * - `exclusive(fn)` runs `fn` alone: work admitted before it finishes first, work submitted after
 *   it waits until it is done (recovery after a reconnect, stopping).
 * - `nested` work is submitted by running work that waits for it (a pump offering a caller in the
 *   caller's own lane): it passes the exclusive gate and the running limit, which the outer work
 *   already holds, so neither can deadlock.
 */
export class Lanes {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private readonly slotWaiters: Array<() => void> = [];
  /** Admitted work not yet finished (exclusive waits until this drops to 0). */
  private admitted = 0;
  private idleWaiters: Array<() => void> = [];
  /** Resolves when the last requested exclusive work is done; later work waits for it. */
  private gate: Promise<void> | null = null;

  constructor(private readonly maxRunning = 8) {}

  run<T>(key: string, fn: () => Promise<T>, o: { nested?: boolean; unbounded?: boolean } = {}): Promise<T> {
    if (this.gate && !o.nested) {
      const gate = this.gate;
      return gate.then(() => this.run(key, fn, o));
    }
    this.admitted++;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const bounded = !o.nested && !o.unbounded;
    const result = prev.then(async () => {
      if (bounded) await this.takeSlot();
      try {
        return await fn();
      } finally {
        if (bounded) this.giveSlot();
      }
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
      this.admitted--;
      if (this.admitted === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    });
    return result;
  }

  /** Runs `fn` once all admitted work is done, holding back work submitted meanwhile. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.gate ?? Promise.resolve();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    this.gate = gate;
    return before
      .then(() => this.idle())
      .then(fn)
      .finally(() => {
        if (this.gate === gate) this.gate = null;
        open();
      });
  }

  /** Lanes with work queued or running (for tests and status). */
  get busyLanes(): number {
    return this.tails.size;
  }

  private idle(): Promise<void> {
    if (this.admitted === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private takeSlot(): Promise<void> | void {
    if (this.running < this.maxRunning) {
      this.running++;
      return;
    }
    return new Promise((r) => this.slotWaiters.push(r));
  }

  private giveSlot() {
    const next = this.slotWaiters.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else this.running--;
  }
}
