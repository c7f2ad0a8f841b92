import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { loginLinks, loginThrottles } from '../../db/schema/index';
import { sha256 } from '../../lib/ids';
import { addressBucket, type LoginCounter } from './throttle';

export type LoginKeys = { pair: string; address: string; account: string };
type Scope = keyof LoginKeys;

/**
 * The sign-in throttle rows and one-time sign-in links. A platform table on purpose: a key is the
 * hash of an e-mail and/or a client address, which belongs to no tenant until the password is
 * right (and unknown e-mails must be counted exactly like known ones, A3).
 */
export function createLoginThrottleRepository(db: Database) {
  return {
    keysFor(email: string, ip: string): LoginKeys {
      const e = email.trim().toLowerCase();
      ip = addressBucket(ip);
      return {
        pair: sha256(`pair\n${e}\n${ip}`),
        address: sha256(`address\n${ip}`),
        account: sha256(`account\n${e}`),
      };
    },

    /**
     * Locks the three rows (creating missing ones first) in key order, so concurrent sign-ins that
     * share some keys cannot deadlock; call inside a transaction.
     */
    async lock(tx: Executor, keys: LoginKeys, now: Date): Promise<Record<Scope, LoginCounter>> {
      const scopes = Object.keys(keys) as Scope[];
      await tx
        .insert(loginThrottles)
        .values(
          scopes
            .map((scope) => ({
              throttleKey: keys[scope],
              scope,
              failures: 0,
              lockedUntil: null,
              windowStartedAt: now,
              windowFailures: 0,
              notifiedAt: null,
              updatedAt: now,
            }))
            .sort((a, b) => a.throttleKey.localeCompare(b.throttleKey)),
        )
        .onDuplicateKeyUpdate({ set: { throttleKey: sql`${loginThrottles.throttleKey}` } });
      const rows = await tx
        .select()
        .from(loginThrottles)
        .where(
          inArray(
            loginThrottles.throttleKey,
            scopes.map((s) => keys[s]),
          ),
        )
        .orderBy(asc(loginThrottles.throttleKey))
        .for('update');
      const byKey = new Map(rows.map((r) => [r.throttleKey, r]));
      const counter = (scope: Scope): LoginCounter => {
        const r = byKey.get(keys[scope])!;
        return {
          failures: r.failures,
          lockedUntil: r.lockedUntil,
          windowStartedAt: r.windowStartedAt,
          windowFailures: r.windowFailures,
          notifiedAt: r.notifiedAt,
        };
      };
      return { pair: counter('pair'), address: counter('address'), account: counter('account') };
    },

    async save(tx: Executor, keys: LoginKeys, state: Record<Scope, LoginCounter>, now: Date) {
      for (const scope of Object.keys(keys) as Scope[]) {
        const c = state[scope];
        await tx
          .update(loginThrottles)
          .set({
            failures: c.failures,
            lockedUntil: c.lockedUntil,
            windowStartedAt: c.windowStartedAt,
            windowFailures: c.windowFailures,
            notifiedAt: c.notifiedAt,
            updatedAt: now,
          })
          .where(eq(loginThrottles.throttleKey, keys[scope]));
      }
    },

    /**
     * Forgets rows untouched for a day whose lock is over, and links expired a day ago; run by the
     * worker, so the table holds recent attempts only. Answers how many rows went.
     */
    async prune(now: Date): Promise<number> {
      const cutoff = new Date(now.getTime() - 24 * 60 * 60_000);
      const [throttles] = await db
        .delete(loginThrottles)
        .where(
          and(
            lt(loginThrottles.updatedAt, cutoff),
            or(isNull(loginThrottles.lockedUntil), lt(loginThrottles.lockedUntil, now)),
          ),
        );
      const [links] = await db.delete(loginLinks).where(lt(loginLinks.expiresAt, cutoff));
      return throttles.affectedRows + links.affectedRows;
    },

    async insertLink(row: typeof loginLinks.$inferInsert, exec: Executor = db) {
      await exec.insert(loginLinks).values(row);
    },

    /** A newer link replaces older ones: only the latest e-mail works. */
    async expireUnusedLinks(exec: Executor, userId: string, now: Date) {
      await exec
        .update(loginLinks)
        .set({ usedAt: now })
        .where(and(eq(loginLinks.userId, userId), isNull(loginLinks.usedAt)));
    },

    async lockLinkByHash(tx: Executor, tokenHash: string) {
      const [row] = await tx
        .select()
        .from(loginLinks)
        .where(eq(loginLinks.tokenHash, tokenHash))
        .for('update');
      return row ?? null;
    },

    async markLinkUsed(tx: Executor, id: string, now: Date) {
      await tx
        .update(loginLinks)
        .set({ usedAt: now })
        .where(and(eq(loginLinks.id, id), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, now)));
    },
  };
}
export type LoginThrottleRepository = ReturnType<typeof createLoginThrottleRepository>;
