import type { SessionRevocations } from '../../lib/session-revocations';
import type { Principal, PrincipalRepository } from './principal.repository';

/**
 * How long a loaded principal (user status, permission version, role permissions, tenant status
 * and features) is reused. T7 asks that a removed access takes effect within 1 s on every instance:
 * an entry never outlives this, whatever instance changed the data.
 */
export const PRINCIPAL_TTL_MS = 500;

type Entry = { at: number; value: Promise<Principal | null> };

/**
 * The principal lookup with a short in-process memory, so a busy user's requests cost no database
 * round trip for who they are (issue 16 performance). Correctness does not rest on the TTL alone
 * within this instance: any successful write request and any session revocation forget every
 * entry at once (`clear`), so an admin who disables a user, changes a role or suspends a tenant
 * sees it on the very next request; other instances see it within `PRINCIPAL_TTL_MS`.
 */
export function createPrincipalCache(deps: {
  principals: PrincipalRepository;
  revocations: SessionRevocations;
  now?: () => number;
  ttlMs?: number;
  maxEntries?: number;
}): PrincipalRepository & { clear(): void; close(): void } {
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlMs ?? PRINCIPAL_TTL_MS;
  const maxEntries = deps.maxEntries ?? 20_000;
  let entries = new Map<string, Entry>();
  const clear = () => {
    entries = new Map();
  };
  const stop = deps.revocations.onRevoked(clear);
  return {
    findForToken(userId, tenantId, operator) {
      const key = `${userId}|${tenantId ?? ''}|${operator ? 1 : 0}`;
      const hit = entries.get(key);
      const t = now();
      if (hit && t - hit.at < ttl) return hit.value;
      if (entries.size >= maxEntries) clear();
      const table = entries;
      const value = deps.principals.findForToken(userId, tenantId, operator);
      table.set(key, { at: t, value });
      // A failed lookup is never remembered; nor is one that a clear() overtook.
      value.catch(() => table.delete(key));
      return value;
    },
    clear,
    close: stop,
  };
}
export type PrincipalCache = ReturnType<typeof createPrincipalCache>;
