import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changePasswordSchema,
  envelope,
  forgotPasswordSchema,
  loginLinkSchema,
  loginSchema,
  messageResponseSchema,
  refreshSchema,
  registerResponseSchema,
  registerSchema,
  registrationStatusSchema,
  resetPasswordSchema,
  sessionUserSchema,
  switchTenantSchema,
  tokenResponseSchema,
  updateProfileSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { AppError } from '../../lib/app-error';
import { ok } from '../../plugins/envelope';
import { clearRefreshCookie, refreshTokenFrom, setRefreshCookie } from './cookies';
import { totpRoutes } from './totp.routes';

const tags = ['auth'];

/**
 * `/api/v1/auth`: sign-in, sessions, password reset, the own profile and the operator switch.
 * Routes that take a secret carry the strict per-IP limit (A2) on top of per-account throttling.
 */
export const authRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { config } = container;
  const strict = { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 };
  const tokens = { 200: envelope(tokenResponseSchema) };
  const message = { 200: envelope(messageResponseSchema) };
  const accepted = { 202: envelope(messageResponseSchema) };

  app.post(
    '/api/v1/auth/register',
    {
      config: { access: { public: true }, rateLimit: strict },
      schema: { tags, summary: 'Create an organisation and its admin', body: registerSchema, response: { 202: envelope(registerResponseSchema) } },
    },
    async (req, reply) => {
      await container.auth.registration.register(req.ctx, req.body);
      reply.status(202);
      return ok(req, { message: 'Check your e-mail to finish signing up, then sign in.' });
    },
  );

  app.get(
    '/api/v1/auth/registration',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Whether anyone may create an organisation', response: { 200: envelope(registrationStatusSchema) } },
    },
    async (req) => ok(req, { enabled: config.SELF_REGISTRATION }),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: { public: true }, rateLimit: strict },
      schema: { tags, summary: 'Sign in with e-mail, password and (when enabled) a TOTP code', body: loginSchema, response: tokens },
    },
    async (req, reply) => {
      try {
        const session = await container.auth.sessions.login(req.ctx, req.body);
        setRefreshCookie(reply, config, session.refresh_token);
        return ok(req, session);
      } catch (e) {
        // A throttled address is told when to come back, like the per-IP route limit does.
        const wait = e instanceof AppError ? (e.details as { retry_after_seconds?: number } | undefined)?.retry_after_seconds : undefined;
        if (wait !== undefined) reply.header('retry-after', String(wait));
        throw e;
      }
    },
  );

  app.post(
    '/api/v1/auth/login-link',
    {
      config: { access: { public: true }, rateLimit: strict },
      schema: {
        tags,
        summary: 'Sign in with an e-mailed one-time link (sent when an account is under a guessing attack)',
        body: loginLinkSchema,
        response: tokens,
      },
    },
    async (req, reply) => {
      const session = await container.auth.sessions.redeemLink(req.ctx, req.body);
      setRefreshCookie(reply, config, session.refresh_token);
      return ok(req, session);
    },
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'Exchange a refresh token (cookie or body) for a new pair', body: refreshSchema.nullish(), response: tokens },
    },
    async (req, reply) => {
      try {
        const session = await container.auth.sessions.refresh(req.ctx, refreshTokenFrom(req, req.body));
        setRefreshCookie(reply, config, session.refresh_token);
        return ok(req, session);
      } catch (e) {
        clearRefreshCookie(reply, config);
        throw e;
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: { public: true } },
      schema: { tags, summary: 'End this session (revokes its refresh tokens)', body: refreshSchema.nullish(), response: message },
    },
    async (req, reply) => {
      await container.auth.sessions.logout(req.ctx, refreshTokenFrom(req, req.body));
      clearRefreshCookie(reply, config);
      return ok(req, { message: 'Signed out' });
    },
  );

  app.post(
    '/api/v1/auth/forgot-password',
    {
      config: { access: { public: true }, rateLimit: strict },
      schema: { tags, summary: 'E-mail a password reset link', body: forgotPasswordSchema, response: accepted },
    },
    async (req, reply) => {
      container.auth.passwordReset.requestReset(req.ctx, req.body.email);
      reply.status(202);
      return ok(req, { message: 'If an account uses this address, a reset link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/reset-password',
    {
      config: { access: { public: true }, rateLimit: strict },
      schema: { tags, summary: 'Set a new password with a reset link token', body: resetPasswordSchema, response: message },
    },
    async (req) => {
      await container.auth.passwordReset.reset(req.ctx, req.body);
      return ok(req, { message: 'Password changed; sign in with the new password.' });
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'The signed-in user', response: { 200: envelope(sessionUserSchema) } },
    },
    async (req) => ok(req, await container.auth.account.me(req.ctx)),
  );

  app.patch(
    '/api/v1/auth/me',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: 'Update the own name and locale', body: updateProfileSchema, response: { 200: envelope(sessionUserSchema) } },
    },
    async (req) => ok(req, await container.auth.account.updateProfile(req.ctx, req.body)),
  );

  app.post(
    '/api/v1/auth/change-password',
    {
      config: { access: { authenticated: true }, rateLimit: strict },
      schema: { tags, summary: 'Change the own password; other sessions end', body: changePasswordSchema, response: tokens },
    },
    async (req, reply) => {
      const session = await container.auth.account.changePassword(req.ctx, req.body);
      setRefreshCookie(reply, config, session.refresh_token);
      return ok(req, session);
    },
  );

  app.post(
    '/api/v1/auth/switch-tenant',
    {
      config: { access: { platform: true } },
      schema: { tags, summary: 'Platform admin: act inside a tenant (audited)', body: switchTenantSchema, response: tokens },
    },
    async (req, reply) => {
      const session = await container.auth.operatorSwitch.switchInto(req.ctx, req.body.tenant_id);
      setRefreshCookie(reply, config, session.refresh_token);
      return ok(req, session);
    },
  );

  app.post(
    '/api/v1/auth/switch-tenant/exit',
    {
      config: { access: { platform: true } },
      schema: { tags, summary: 'Platform admin: leave the tenant, back to the platform', response: tokens },
    },
    async (req, reply) => {
      const session = await container.auth.operatorSwitch.exit(req.ctx);
      setRefreshCookie(reply, config, session.refresh_token);
      return ok(req, session);
    },
  );

  await app.register(totpRoutes, { container });
};
