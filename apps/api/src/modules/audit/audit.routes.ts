import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntrySchema, envelope, listAuditQuerySchema } from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { okPage } from '../../plugins/envelope';

export const auditRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/api/v1/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: "List the tenant's audit log, newest first",
        querystring: listAuditQuerySchema,
        response: { 200: envelope(z.array(auditEntrySchema)) },
      },
    },
    async (req) => okPage(req, await container.audit.list(tenantCtx(req).tenantId, req.query)),
  );

  app.get(
    '/api/v1/platform/audit',
    {
      config: { access: { platform: true } },
      schema: {
        tags: ['audit'],
        summary: 'List platform-level audit events (tenant management, operator switches)',
        querystring: listAuditQuerySchema,
        response: { 200: envelope(z.array(auditEntrySchema)) },
      },
    },
    async (req) => okPage(req, await container.audit.list(null, req.query)),
  );
};
