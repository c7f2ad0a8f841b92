import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';

export const REFRESH_COOKIE = 'sb_refresh';
/** Scoped to the auth routes so the refresh token never travels with ordinary API calls. */
const COOKIE_PATH = '/api/v1/auth';

function secure(config: Config): boolean {
  return config.COOKIE_SECURE ?? config.NODE_ENV === 'production';
}

export function setRefreshCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    secure: secure(config),
    maxAge: config.REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure: secure(config) });
}

/** The refresh token from the body (non-browser clients) or the cookie (the web app). */
export function refreshTokenFrom(req: FastifyRequest, body: { refresh_token?: string } | null | undefined): string | null {
  return body?.refresh_token ?? req.cookies[REFRESH_COOKIE] ?? null;
}
