import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { AccessClaims } from '@switchboard/contracts';
import { AppError } from './app-error';

export type JwtService = {
  sign: (claims: AccessClaims) => Promise<string>;
  verify: (token: string) => Promise<AccessClaims & { exp: number }>;
  ttlSeconds: number;
};

type Verified = AccessClaims & { exp: number; nbf?: number };

/** How many verified tokens are remembered (about one per signed-in tab); past it, the memory starts over. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * HS256 access tokens; verification pins the algorithm, issuer and audience (RELIABILITY A4).
 * A token whose signature and claims were verified once is remembered by its exact text until it
 * expires: the signature cannot change, and expiry and not-before are checked again on every use.
 * Verifying through WebCrypto was the largest single cost of an authenticated request (issue 16).
 */
export function createJwtService(opts: {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}): JwtService {
  const key = new TextEncoder().encode(opts.secret);
  let verified = new Map<string, Verified>();
  const stillValid = (claims: Verified) => {
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp <= now) throw new AppError('TOKEN_EXPIRED', 'Access token expired');
    if (claims.nbf !== undefined && claims.nbf > now)
      throw new AppError('TOKEN_INVALID', 'Invalid access token');
    return claims;
  };
  return {
    ttlSeconds: opts.ttlSeconds,
    async sign(claims) {
      const { sub, ...rest } = claims;
      return new SignJWT({ ...rest })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(opts.issuer)
        .setAudience(opts.audience)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime(`${opts.ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) return stillValid(known);
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: opts.issuer,
          audience: opts.audience,
          requiredClaims: ['sub', 'exp', 'iat', 'nbf'],
        });
        if (typeof payload.sid !== 'string' || typeof payload.role !== 'string') {
          throw new AppError('TOKEN_INVALID', 'Invalid access token');
        }
        const claims = payload as unknown as Verified;
        if (verified.size >= VERIFIED_CACHE_SIZE) verified = new Map();
        verified.set(token, claims);
        return claims;
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (e instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'Access token expired');
        throw new AppError('TOKEN_INVALID', 'Invalid access token');
      }
    },
  };
}
