import type { EventBus } from '../../realtime/bus';

export type RoutingCacheOptions = {
  /** How long a looked-up answer is trusted while cross-instance invalidation works. */
  ttlMs?: number;
  /** How long it is trusted while the bus is down (changes made elsewhere may be missed). */
  degradedTtlMs?: number;
  /**
   * After a change is announced, how long the tenant's answers are read afresh and not kept: the
   * announcement is made inside the change's transaction (with its audit entry), so a lookup
   * made just after it may still see the old rows until that transaction commits.
   */
  settleMs?: number;
  maxEntries?: number;
};

/** The provisioning entities (audit `entity_type`s) whose changes can change how a call is routed. */
export const ROUTING_ENTITIES = new Set([
  'did',
  'queue',
  'endpoint',
  'ivr_menu',
  'schedule',
  'tenant',
  'trunk',
  'audio',
  'user',
]);

type Entry = { tenantId: string; value: unknown; at: number };

/**
 * The call router's memory of provisioning lookups on every call's way to an agent (a DID's
 * route, a queue and its members, an agent's phone), so a burst of calls does not read the same
 * rows once per call. A change is announced by the module that made it (through its audit entry)
 * to this instance at once and to the others over the bus; the tenant's answers are then read
 * afresh. A lookup that started before an announcement is not kept, and while the bus is down
 * answers are trusted for `degradedTtlMs` only.
 */
export function createRoutingCache(deps: {
  bus: EventBus;
  now?: () => number;
  options?: RoutingCacheOptions;
}) {
  const ttl = deps.options?.ttlMs ?? 30_000;
  const degradedTtl = deps.options?.degradedTtlMs ?? 1_000;
  const settle = deps.options?.settleMs ?? 2_000;
  const maxEntries = deps.options?.maxEntries ?? 20_000;
  const now = deps.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<unknown>>();
  /** Tenant → until when its answers are not kept. */
  const unsettled = new Map<string, number>();
  let epoch = 0;

  function forget(tenantId: string | null) {
    epoch++;
    pending.clear();
    if (tenantId === null) {
      entries.clear();
      return;
    }
    unsettled.set(tenantId, now() + settle);
    for (const [key, e] of entries) if (e.tenantId === tenantId) entries.delete(key);
  }
  const stopBus = deps.bus.subscribe((msg) => {
    if (msg.kind === 'routing') forget(msg.tenantId);
    else if (msg.kind === 'resync') forget(null); // announcements may have been missed
  });
  const settled = (tenantId: string) => {
    const until = unsettled.get(tenantId);
    if (until === undefined) return true;
    if (now() < until) return false;
    unsettled.delete(tenantId);
    return true;
  };

  return {
    /**
     * The cached answer for `key`, or `load()`'s. `tenantOf` names the tenant an answer belongs
     * to (null: not kept, e.g. an unknown number).
     */
    async get<T>(key: string, load: () => Promise<T>, tenantOf: (value: T) => string | null): Promise<T> {
      const e = entries.get(key);
      if (e && now() - e.at < (deps.bus.healthy() ? ttl : degradedTtl) && settled(e.tenantId))
        return e.value as T;
      const inFlight = pending.get(key);
      if (inFlight) return inFlight as Promise<T>;
      const started = epoch;
      const p = load().then(
        (value) => {
          if (pending.get(key) === p) pending.delete(key);
          const tenantId = tenantOf(value);
          if (tenantId !== null && epoch === started && settled(tenantId)) {
            if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
            entries.set(key, { tenantId, value, at: now() });
          }
          return value;
        },
        (err: unknown) => {
          if (pending.get(key) === p) pending.delete(key);
          throw err;
        },
      );
      pending.set(key, p);
      return p;
    },
    /** A tenant's routing changed (null: anything may have): here at once, elsewhere over the bus. */
    changed(tenantId: string | null) {
      deps.bus.publish({ kind: 'routing', tenantId });
    },
    clear() {
      forget(null);
    },
    close() {
      stopBus();
    },
  };
}
export type RoutingCache = ReturnType<typeof createRoutingCache>;
