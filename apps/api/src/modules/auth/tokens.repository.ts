import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { passwordResetTokens, refreshTokens } from '../../db/schema/index';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type NewRefreshToken = typeof refreshTokens.$inferInsert;

/**
 * Refresh and password-reset tokens. Neither table has a tenant column of its own meaning: a
 * token is found by the SHA-256 of a secret only its holder knows, then tied to its user.
 */
export function createTokensRepository(db: Database) {
  return {
    async insertRefresh(row: NewRefreshToken, exec: Executor = db) {
      await exec.insert(refreshTokens).values(row);
    },

    /** Locks the token's row so two refreshes of the same token are serialised (A5). */
    async lockRefreshByHash(tx: Executor, tokenHash: string): Promise<RefreshTokenRow | null> {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).for('update');
      return row ?? null;
    },

    async findRefreshByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
      const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
      return row ?? null;
    },

    async markUsed(tx: Executor, id: string, replacedById: string, now: Date) {
      await tx.update(refreshTokens).set({ usedAt: now, replacedById }).where(eq(refreshTokens.id, id));
    },

    async revokeFamily(exec: Executor, familyId: string, reason: string, now: Date) {
      await exec
        .update(refreshTokens)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
    },

    /** Revokes every live refresh token of a user, optionally sparing one session (family). */
    async revokeAllForUser(exec: Executor, userId: string, reason: string, now: Date, exceptFamilyId?: string) {
      await exec
        .update(refreshTokens)
        .set({ revokedAt: now, revokedReason: reason })
        .where(
          and(
            eq(refreshTokens.userId, userId),
            isNull(refreshTokens.revokedAt),
            exceptFamilyId ? ne(refreshTokens.familyId, exceptFamilyId) : undefined,
          ),
        );
    },

    async insertReset(row: typeof passwordResetTokens.$inferInsert, exec: Executor = db) {
      await exec.insert(passwordResetTokens).values(row);
    },

    /** A newer link replaces older ones: only the latest e-mail works. */
    async expireUnusedResets(exec: Executor, userId: string, now: Date) {
      await exec
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
    },

    async lockResetByHash(tx: Executor, tokenHash: string) {
      const [row] = await tx
        .select()
        .from(passwordResetTokens)
        .where(eq(passwordResetTokens.tokenHash, tokenHash))
        .for('update');
      return row ?? null;
    },

    async markResetUsed(tx: Executor, id: string, now: Date) {
      await tx
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
    },
  };
}
export type TokensRepository = ReturnType<typeof createTokensRepository>;
