/**
 * Throttling for passwords and TOTP codes (RELIABILITY A2, A7). TOTP codes (reachable only with
 * the right password) lock per account with `reserveAttempt`; passwords use `reserveLogin` below.
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

type LockPolicy = { freeAttempts: number; firstLockMs: number; maxLockMs: number; forgiveAfterMs: number };

export function lockDurationMs(failures: number): number | null {
  return lockMsFor(failures, THROTTLE);
}

function lockMsFor(failures: number, policy: LockPolicy): number | null {
  if (failures <= policy.freeAttempts) return null;
  const doublings = Math.min(failures - policy.freeAttempts - 1, 20);
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** doublings);
}

/** Decides whether one more attempt may be checked now, and the state to store if so. */
export function reserveAttempt(
  state: ThrottleState,
  now: Date,
  policy: LockPolicy = THROTTLE,
): ThrottleDecision {
  if (state.lockedUntil && state.lockedUntil.getTime() > now.getTime()) return { allowed: false };
  const forgiven =
    state.lockedUntil !== null && now.getTime() - state.lockedUntil.getTime() > policy.forgiveAfterMs;
  const failures = (forgiven ? 0 : state.failures) + 1;
  const lockMs = lockMsFor(failures, policy);
  return {
    allowed: true,
    next: { failures, lockedUntil: lockMs === null ? null : new Date(now.getTime() + lockMs) },
  };
}

/**
 * Password sign-in (A2). A lock must never keep the owner out, so nothing locks on the account
 * alone: an (e-mail, address) pair locks like the TOTP throttle above, an address that fails
 * across many e-mails locks too, and both answer 429 to that address only. The e-mail itself is
 * only *counted*, in a fixed window: from `notifyAt` failures the owner is told (once a window),
 * and from `challengeAt` a right password alone is not enough (the TOTP code, or an e-mailed
 * sign-in link). Every key exists for unknown e-mails as well, so they answer alike (A3).
 */
export const LOGIN_THROTTLE = {
  pair: THROTTLE,
  address: { freeAttempts: 30, firstLockMs: 60_000, maxLockMs: 15 * 60_000, forgiveAfterMs: 15 * 60_000 },
  account: { windowMs: 15 * 60_000, notifyAt: 10, challengeAt: 100 },
} as const;

export type LoginCounter = ThrottleState & {
  windowStartedAt: Date;
  windowFailures: number;
  notifiedAt: Date | null;
};

export type LoginDecision =
  | { allowed: false; retryAfterMs: number }
  | {
      allowed: true;
      pair: LoginCounter;
      address: LoginCounter;
      account: LoginCounter;
      /** The e-mail failed so often in this window that the password alone does not sign in. */
      challenge: boolean;
      /** This attempt crossed the notice threshold: tell the owner (once a window). */
      notify: boolean;
    };

/** The e-mail's fixed window with one more attempt counted. */
function countInWindow(c: LoginCounter, now: Date): LoginCounter {
  const expired = now.getTime() - c.windowStartedAt.getTime() >= LOGIN_THROTTLE.account.windowMs;
  return expired
    ? { ...c, windowStartedAt: now, windowFailures: 1 }
    : { ...c, windowFailures: c.windowFailures + 1 };
}

/** Counts one password attempt against all three keys before the password is checked. */
export function reserveLogin(
  state: { pair: LoginCounter; address: LoginCounter; account: LoginCounter },
  now: Date,
): LoginDecision {
  const pair = reserveAttempt(state.pair, now, LOGIN_THROTTLE.pair);
  const address = reserveAttempt(state.address, now, LOGIN_THROTTLE.address);
  if (!pair.allowed || !address.allowed) {
    const until = Math.max(state.pair.lockedUntil?.getTime() ?? 0, state.address.lockedUntil?.getTime() ?? 0);
    return { allowed: false, retryAfterMs: Math.max(1000, until - now.getTime()) };
  }
  const account = countInWindow(state.account, now);
  const { notifyAt, challengeAt } = LOGIN_THROTTLE.account;
  const notifiedThisWindow =
    account.notifiedAt !== null && account.notifiedAt.getTime() >= account.windowStartedAt.getTime();
  const notify = account.windowFailures >= notifyAt && !notifiedThisWindow;
  return {
    allowed: true,
    pair: { ...state.pair, ...pair.next },
    address: { ...state.address, ...address.next },
    account: notify ? { ...account, notifiedAt: now } : account,
    // Counted before this attempt: the attempts already seen in the window decide.
    challenge: account.windowFailures - 1 >= challengeAt,
    notify,
  };
}

/**
 * A right password: the pair starts again, while the address and the e-mail only give back the
 * attempt just counted, so an attacker signing in to an own account cannot wipe their tally.
 */
export function settleSuccess(reserved: {
  pair: LoginCounter;
  address: LoginCounter;
  account: LoginCounter;
}) {
  return {
    pair: { ...reserved.pair, failures: 0, lockedUntil: null },
    address: { ...reserved.address, failures: Math.max(0, reserved.address.failures - 1) },
    account: { ...reserved.account, windowFailures: Math.max(0, reserved.account.windowFailures - 1) },
  };
}

/**
 * The address a throttle counts: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber's prefix, so rotating through it does not buy fresh attempts).
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
