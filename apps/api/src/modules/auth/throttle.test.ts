import { describe, expect, it } from 'vitest';
import { addressBucket, lockDurationMs, reserveAttempt, THROTTLE } from './throttle';

describe('account throttle', () => {
  it('allows four free attempts, then locks briefly, doubling up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockDurationMs)).toEqual([null, null, null, null]);
    expect(lockDurationMs(5)).toBe(30_000);
    expect(lockDurationMs(6)).toBe(60_000);
    expect(lockDurationMs(9)).toBe(480_000);
    expect(lockDurationMs(10)).toBe(15 * 60_000);
    expect(lockDurationMs(10_000)).toBe(15 * 60_000);
  });

  it('refuses while locked and counts the attempt otherwise', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const locked = { failures: 5, lockedUntil: new Date(now.getTime() + 1000) };
    expect(reserveAttempt(locked, now)).toEqual({ allowed: false });
    expect(reserveAttempt({ failures: 4, lockedUntil: null }, now)).toEqual({
      allowed: true,
      next: { failures: 5, lockedUntil: new Date(now.getTime() + 30_000) },
    });
  });

  it('forgives old failures once a lock has long expired', () => {
    const now = new Date('2026-01-01T01:00:00Z');
    const longAgo = new Date(now.getTime() - THROTTLE.forgiveAfterMs - 1);
    expect(reserveAttempt({ failures: 12, lockedUntil: longAgo }, now)).toEqual({
      allowed: true,
      next: { failures: 1, lockedUntil: null },
    });
  });
});

describe('sign-in address buckets', () => {
  it('counts IPv4 addresses one by one and IPv6 addresses by their /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});
