import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { totpRecoveryCodes, userTotp } from '../../db/schema/index';
import type { ThrottleState } from './throttle';

export type TotpRow = typeof userTotp.$inferSelect;

/** A user's TOTP secret (encrypted), its replay guard and guess throttle, and recovery codes. */
export function createTotpRepository(db: Database) {
  return {
    async find(userId: string, exec: Executor = db): Promise<TotpRow | null> {
      const [row] = await exec.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
      return row ?? null;
    },

    /** Starts (or restarts) an enrolment: a new secret, not yet confirmed. */
    async upsertPending(userId: string, secretEnc: string, now: Date) {
      await db
        .insert(userTotp)
        .values({ userId, secretEnc, confirmedAt: null, lastUsedStep: null, failedAttempts: 0, lockedUntil: null, createdAt: now })
        .onDuplicateKeyUpdate({
          set: { secretEnc, confirmedAt: null, lastUsedStep: null, failedAttempts: 0, lockedUntil: null, createdAt: now },
        });
    },

    async lockThrottle(tx: Executor, userId: string): Promise<ThrottleState | null> {
      const [row] = await tx
        .select({ failures: userTotp.failedAttempts, lockedUntil: userTotp.lockedUntil })
        .from(userTotp)
        .where(eq(userTotp.userId, userId))
        .for('update');
      return row ?? null;
    },

    async setThrottle(tx: Executor, userId: string, state: ThrottleState) {
      await tx
        .update(userTotp)
        .set({ failedAttempts: state.failures, lockedUntil: state.lockedUntil })
        .where(eq(userTotp.userId, userId));
    },

    /**
     * Spends a time step: succeeds only if no code of this or a later step was accepted before,
     * so a code works once even when two requests race (A7).
     */
    async claimStep(userId: string, step: number): Promise<boolean> {
      const [res] = await db
        .update(userTotp)
        .set({ lastUsedStep: step, failedAttempts: 0, lockedUntil: null })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step))));
      return res.affectedRows === 1;
    },

    async confirm(exec: Executor, userId: string, now: Date) {
      await exec.update(userTotp).set({ confirmedAt: now }).where(eq(userTotp.userId, userId));
    },

    async remove(exec: Executor, userId: string) {
      await exec.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
      await exec.delete(userTotp).where(eq(userTotp.userId, userId));
    },

    async replaceRecoveryCodes(exec: Executor, userId: string, rows: { id: string; codeHash: string }[], now: Date) {
      await exec.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
      await exec.insert(totpRecoveryCodes).values(rows.map((r) => ({ ...r, userId, usedAt: null, createdAt: now })));
    },

    /** Spends a recovery code; false when it is unknown or already used. */
    async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
      const [res] = await db
        .update(totpRecoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(totpRecoveryCodes.userId, userId),
            eq(totpRecoveryCodes.codeHash, codeHash),
            isNull(totpRecoveryCodes.usedAt),
          ),
        );
      return res.affectedRows === 1;
    },
  };
}
export type TotpRepository = ReturnType<typeof createTotpRepository>;
