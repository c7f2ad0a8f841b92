import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJwtService } from './jwt';

const claims = { sub: 'u1', tid: 't1', role: 'agent', pv: 1, sid: 's1' } as never;

describe('remembered access tokens', () => {
  afterEach(() => vi.useRealTimers());

  it('a token verified once is refused again as expired once its time is up', async () => {
    const jwt = createJwtService({ secret: 'x'.repeat(40), issuer: 'i', audience: 'a', ttlSeconds: 60 });
    const token = await jwt.sign(claims);
    expect((await jwt.verify(token)).sub).toBe('u1');
    expect((await jwt.verify(token)).sub).toBe('u1');
    vi.useFakeTimers({ now: Date.now() + 61_000 });
    await expect(jwt.verify(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('remembers only verified tokens: a tampered token is refused even after the real one was seen', async () => {
    const jwt = createJwtService({ secret: 'x'.repeat(40), issuer: 'i', audience: 'a', ttlSeconds: 60 });
    const token = await jwt.sign(claims);
    await jwt.verify(token);
    const [h, p, s] = token.split('.');
    const forged = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(jwt.verify(forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    const other = createJwtService({ secret: 'y'.repeat(40), issuer: 'i', audience: 'a', ttlSeconds: 60 });
    await expect(other.verify(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
