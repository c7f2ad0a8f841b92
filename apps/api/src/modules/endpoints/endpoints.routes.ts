import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createEndpointSchema,
  endpointDetailSchema,
  endpointPasswordSchema,
  endpointSchema,
  envelope,
  idParamSchema,
  listEndpointsQuerySchema,
  updateEndpointSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { access: { permission: 'endpoints.read', feature: 'voice' } } as const;
const write = { access: { permission: 'endpoints.write', feature: 'voice' } } as const;
const tags = ['endpoints'];

export const endpointRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const svc = container.endpoints;

  app.get(
    '/api/v1/endpoints',
    {
      config: read,
      schema: {
        tags,
        summary: 'List SIP and WebRTC endpoints with their registration status',
        querystring: listEndpointsQuerySchema,
        response: { 200: envelope(z.array(endpointSchema)) },
      },
    },
    async (req) => okPage(req, await svc.list(tenantCtx(req), req.query)),
  );

  app.post(
    '/api/v1/endpoints',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create an endpoint (a strong SIP password is generated; reveal it separately)',
        body: createEndpointSchema,
        response: { 201: envelope(endpointDetailSchema) },
      },
    },
    async (req, reply) => reply.status(201).send(ok(req, await svc.create(tenantCtx(req), req.body))),
  );

  app.get(
    '/api/v1/endpoints/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Read an endpoint with its registration and the SIP settings a phone needs',
        params: idParamSchema,
        response: { 200: envelope(endpointDetailSchema) },
      },
    },
    async (req) => ok(req, await svc.get(tenantCtx(req), req.params.id)),
  );

  app.patch(
    '/api/v1/endpoints/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an endpoint; Asterisk sees the change at once',
        params: idParamSchema,
        body: updateEndpointSchema,
        response: { 200: envelope(endpointDetailSchema) },
      },
    },
    async (req) => ok(req, await svc.update(tenantCtx(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/endpoints/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete an endpoint and its Asterisk objects',
        params: idParamSchema,
        response: { 200: envelope(z.object({ id: z.string(), deleted: z.literal(true) })) },
      },
    },
    async (req) => {
      await svc.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id, deleted: true as const });
    },
  );

  app.post(
    '/api/v1/endpoints/:id/reveal-password',
    {
      config: write,
      schema: {
        tags,
        summary: "Show the endpoint's SIP password (audited)",
        params: idParamSchema,
        response: { 200: envelope(endpointPasswordSchema) },
      },
    },
    async (req) => ok(req, await svc.revealPassword(tenantCtx(req), req.params.id)),
  );

  app.post(
    '/api/v1/endpoints/:id/regenerate-password',
    {
      config: write,
      schema: {
        tags,
        summary: 'Replace the SIP password with a new generated one (audited); the phone must be updated',
        params: idParamSchema,
        response: { 200: envelope(endpointPasswordSchema) },
      },
    },
    async (req) => ok(req, await svc.regeneratePassword(tenantCtx(req), req.params.id)),
  );
};
