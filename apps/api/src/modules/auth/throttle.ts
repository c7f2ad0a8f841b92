/**
 * Per-account throttling for passwords and TOTP codes (RELIABILITY A2, A7).
 *
 * An attempt is counted *before* the secret is checked, inside a row lock, so fifty parallel
 * guesses cannot all slip past the check; a success resets the count. From the fifth failure
 * the account is locked briefly, doubling up to 15 minutes, so an attacker can slow a victim
 * down but never lock them out for long. Once a lock has been over for a quiet period the count
 * starts again, so old typos do not add up forever.
 */
export const THROTTLE = {
  freeAttempts: 4,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgiveAfterMs: 15 * 60_000,
} as const;

export type ThrottleState = { failures: number; lockedUntil: Date | null };

export type ThrottleDecision = { allowed: false } | { allowed: true; next: ThrottleState };

export function lockDurationMs(failures: number): number | null {
  if (failures <= THROTTLE.freeAttempts) return null;
  const doublings = Math.min(failures - THROTTLE.freeAttempts - 1, 20);
  return Math.min(THROTTLE.maxLockMs, THROTTLE.firstLockMs * 2 ** doublings);
}

/** Decides whether one more attempt may be checked now, and the state to store if so. */
export function reserveAttempt(state: ThrottleState, now: Date): ThrottleDecision {
  if (state.lockedUntil && state.lockedUntil.getTime() > now.getTime()) return { allowed: false };
  const forgiven =
    state.lockedUntil !== null && now.getTime() - state.lockedUntil.getTime() > THROTTLE.forgiveAfterMs;
  const failures = (forgiven ? 0 : state.failures) + 1;
  const lockMs = lockDurationMs(failures);
  return {
    allowed: true,
    next: { failures, lockedUntil: lockMs === null ? null : new Date(now.getTime() + lockMs) },
  };
}
