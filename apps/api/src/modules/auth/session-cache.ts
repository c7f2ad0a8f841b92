import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { refreshTokens } from '../../db/schema/index';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { EventBus } from '../../realtime/bus';

export type SessionCacheOptions = {
  /** How long a "live" answer is trusted while cross-instance invalidation works. */
  liveTtlMs?: number;
  /** How long it is trusted while the bus is down (revocations elsewhere may be missed). */
  degradedTtlMs?: number;
  maxEntries?: number;
};

type Entry = { userId: string; live: boolean; at: number };

/**
 * Whether the session (refresh-token family, the `sid` of an access token) is still live (A6, W8).
 * Answers from an in-process cache; a miss costs one indexed lookup of `refresh_tokens`. Every
 * revocation, local (`SessionRevocations`) or from another instance (the bus), updates the cache at
 * once, so a logout, reuse detection, password change or disable is refused everywhere within the
 * bus latency. While the bus is unhealthy, answers are trusted for at most `degradedTtlMs`.
 */
export function createSessionCache(deps: {
  db: Database;
  revocations: SessionRevocations;
  bus: EventBus;
  now?: () => number;
  options?: SessionCacheOptions;
}) {
  const liveTtl = deps.options?.liveTtlMs ?? 60_000;
  const degradedTtl = deps.options?.degradedTtlMs ?? 1_000;
  const maxEntries = deps.options?.maxEntries ?? 50_000;
  const now = deps.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const bySession = new Map<string, Promise<boolean>>();
  // Bumped on every user-wide revocation: a lookup that started before it must not be cached.
  const userEpoch = new Map<string, number>();
  let epoch = 0;

  function forgetUser(userId: string) {
    userEpoch.set(userId, ++epoch);
    for (const [sid, e] of entries) if (e.userId === userId) entries.delete(sid);
    bySession.clear();
  }

  function revoked(userId: string, sessionId: string | undefined) {
    if (sessionId) {
      userEpoch.set(userId, ++epoch);
      entries.set(sessionId, { userId, live: false, at: now() });
      bySession.delete(sessionId);
    } else {
      forgetUser(userId);
    }
  }

  const stopLocal = deps.revocations.onRevoked((r) => revoked(r.userId, r.sessionId));
  const stopBus = deps.bus.subscribe((msg) => {
    if (msg.kind === 'revocation') revoked(msg.userId, msg.sessionId);
    // Fan-out was interrupted: revocations may have been missed, so re-check everything.
    else if (msg.kind === 'resync') entries.clear();
  });

  async function lookup(sessionId: string, userId: string): Promise<boolean> {
    const [row] = await deps.db
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, sessionId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
      .limit(1);
    return row !== undefined;
  }

  return {
    async isLive(sessionId: string, userId: string): Promise<boolean> {
      const e = entries.get(sessionId);
      if (e) {
        if (e.userId !== userId) return false;
        if (!e.live) return false;
        const ttl = deps.bus.healthy() ? liveTtl : degradedTtl;
        if (now() - e.at < ttl) return true;
      }
      const pending = bySession.get(sessionId);
      if (pending) return pending;
      const startEpoch = userEpoch.get(userId) ?? 0;
      const p = lookup(sessionId, userId).then(
        (live) => {
          if (bySession.get(sessionId) === p) bySession.delete(sessionId);
          if ((userEpoch.get(userId) ?? 0) === startEpoch) {
            if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
            entries.set(sessionId, { userId, live, at: now() });
          }
          return live;
        },
        (err) => {
          if (bySession.get(sessionId) === p) bySession.delete(sessionId);
          throw err;
        },
      );
      bySession.set(sessionId, p);
      return p;
    },
    /** Forgets everything (tests, or after an outage). */
    clear() {
      entries.clear();
      bySession.clear();
    },
    close() {
      stopLocal();
      stopBus();
    },
  };
}
export type SessionCache = ReturnType<typeof createSessionCache>;
