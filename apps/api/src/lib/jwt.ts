import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { AccessClaims } from '@switchboard/contracts';
import { AppError } from './app-error';

export type JwtService = {
  sign: (claims: AccessClaims) => Promise<string>;
  verify: (token: string) => Promise<AccessClaims & { exp: number }>;
  ttlSeconds: number;
};

/** HS256 access tokens; verification pins the algorithm, issuer and audience (RELIABILITY A4). */
export function createJwtService(opts: {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}): JwtService {
  const key = new TextEncoder().encode(opts.secret);
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
        return payload as unknown as AccessClaims & { exp: number };
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (e instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'Access token expired');
        throw new AppError('TOKEN_INVALID', 'Invalid access token');
      }
    },
  };
}
