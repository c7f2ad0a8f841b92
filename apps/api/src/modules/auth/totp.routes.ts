import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  envelope,
  messageResponseSchema,
  recoveryCodesResponseSchema,
  totpCodeSchema,
  totpDisableSchema,
  totpEnrollResponseSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { ok } from '../../plugins/envelope';

/** `/api/v1/auth/totp/*`: the signed-in user's own two-factor settings. */
export const totpRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const tags = ['auth'];
  const strict = { max: container.config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 };
  const config = { access: { authenticated: true as const }, rateLimit: strict };
  const totp = container.auth.totp;

  app.post(
    '/api/v1/auth/totp/enroll',
    {
      config,
      schema: { tags, summary: 'Start two-factor enrolment: a new secret and its QR code', response: { 200: envelope(totpEnrollResponseSchema) } },
    },
    async (req) => ok(req, await totp.enroll(req.ctx)),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config,
      schema: { tags, summary: 'Confirm enrolment with a code; answers the recovery codes once', body: totpCodeSchema, response: { 200: envelope(recoveryCodesResponseSchema) } },
    },
    async (req) => ok(req, await totp.confirm(req.ctx, req.body.code)),
  );

  app.post(
    '/api/v1/auth/totp/disable',
    {
      config,
      schema: { tags, summary: 'Turn two-factor sign-in off (password and a code)', body: totpDisableSchema, response: { 200: envelope(messageResponseSchema) } },
    },
    async (req) => {
      await totp.disable(req.ctx, req.body.password, req.body.code);
      return ok(req, { message: 'Two-factor sign-in is off' });
    },
  );

  app.post(
    '/api/v1/auth/totp/recovery-codes',
    {
      config,
      schema: { tags, summary: 'Replace the recovery codes (needs a current code)', body: totpCodeSchema, response: { 200: envelope(recoveryCodesResponseSchema) } },
    },
    async (req) => ok(req, await totp.regenerateRecoveryCodes(req.ctx, req.body.code)),
  );
};
