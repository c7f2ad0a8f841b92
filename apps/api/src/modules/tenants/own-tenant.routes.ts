import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { envelope, tenantSchema, tenantUsageSchema, updateOwnTenantSchema } from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok } from '../../plugins/envelope';

/** The signed-in user's own organisation: profile, settings, limits, features and usage. */
export const ownTenantRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (
  app,
  { container },
) => {
  const service = container.ownTenant;

  app.get(
    '/api/v1/tenant',
    {
      config: { access: { permission: 'tenant.read' } },
      schema: {
        tags: ['tenant'],
        summary: 'My organisation: profile, settings, limits and features',
        response: { 200: envelope(tenantSchema) },
      },
    },
    async (req) => ok(req, await service.get(tenantCtx(req))),
  );

  app.patch(
    '/api/v1/tenant',
    {
      config: { access: { permission: 'tenant.write' } },
      schema: {
        tags: ['tenant'],
        summary:
          "Change my organisation's name, time zone, business hours, short-abandon threshold or locale",
        body: updateOwnTenantSchema,
        response: { 200: envelope(tenantSchema) },
      },
    },
    async (req) => ok(req, await service.update(tenantCtx(req), req.body)),
  );

  app.get(
    '/api/v1/tenant/usage',
    {
      config: { access: { permission: 'tenant.read' } },
      schema: {
        tags: ['tenant'],
        summary: 'What my organisation uses of each limit',
        response: { 200: envelope(tenantUsageSchema) },
      },
    },
    async (req) => ok(req, await service.usage(tenantCtx(req))),
  );
};
