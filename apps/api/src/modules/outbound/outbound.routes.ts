import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { envelope, outboundPolicyResponseSchema, updateOutboundPolicySchema } from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok } from '../../plugins/envelope';

/** The tenant's outbound calling policy (toll-fraud guard). */
export const outboundPolicyRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const service = container.outboundPolicy;

  app.get(
    '/api/v1/tenant/outbound-policy',
    {
      config: { access: { permission: 'tenant.read' } },
      schema: {
        tags: ['tenant'],
        summary: 'Outbound calling policy: home, allowed and blocked prefixes, premium ranges',
        response: { 200: envelope(outboundPolicyResponseSchema) },
      },
    },
    async (req) => ok(req, await service.get(tenantCtx(req))),
  );

  app.put(
    '/api/v1/tenant/outbound-policy',
    {
      config: { access: { permission: 'tenant.write' } },
      schema: {
        tags: ['tenant'],
        summary: 'Replace the outbound calling policy (audited)',
        body: updateOutboundPolicySchema,
        response: { 200: envelope(outboundPolicyResponseSchema) },
      },
    },
    async (req) => ok(req, await service.update(tenantCtx(req), req.body)),
  );
};
