import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createTenantSchema,
  envelope,
  idParamSchema,
  listTenantsQuerySchema,
  platformTenantSchema,
  tenantFeaturesSchema,
  tenantLimitsSchema,
  tenantUsageSchema,
  updateTenantFeaturesSchema,
  updateTenantLimitsSchema,
  updateTenantSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { ok, okPage } from '../../plugins/envelope';

const access = { platform: true } as const;
const one = envelope(platformTenantSchema);
const tags = ['tenants'];

/** The platform operator's tenant management. The only routes that take a tenant id in the path. */
export const tenantsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const tenants = container.tenants;

  app.get(
    '/api/v1/tenants',
    {
      config: { access },
      schema: {
        tags,
        summary: 'List organisations (search by name or slug, filter by status)',
        querystring: listTenantsQuerySchema,
        response: { 200: envelope(z.array(platformTenantSchema)) },
      },
    },
    async (req) => okPage(req, await tenants.list(req.query)),
  );

  app.post(
    '/api/v1/tenants',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create an organisation with its system roles and, optionally, its first admin',
        body: createTenantSchema,
        response: { 201: one },
      },
    },
    async (req, reply) => reply.status(201).send(ok(req, await tenants.create(req.ctx, req.body))),
  );

  app.get(
    '/api/v1/tenants/:id',
    {
      config: { access },
      schema: { tags, summary: 'Read an organisation', params: idParamSchema, response: { 200: one } },
    },
    async (req) => ok(req, await tenants.get(req.params.id)),
  );

  app.patch(
    '/api/v1/tenants/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: "Change an organisation's name, slug, time zone or settings",
        params: idParamSchema,
        body: updateTenantSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await tenants.update(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/v1/tenants/:id/suspend',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Suspend an organisation (its users are refused)',
        params: idParamSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await tenants.suspend(req.ctx, req.params.id)),
  );

  app.post(
    '/api/v1/tenants/:id/reactivate',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Reactivate a suspended organisation',
        params: idParamSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await tenants.reactivate(req.ctx, req.params.id)),
  );

  app.delete(
    '/api/v1/tenants/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Delete an organisation (soft: kept with status deleted; its slug stays reserved)',
        params: idParamSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await tenants.remove(req.ctx, req.params.id)),
  );

  app.get(
    '/api/v1/tenants/:id/limits',
    {
      config: { access },
      schema: {
        tags,
        summary: "An organisation's limits (null = unlimited)",
        params: idParamSchema,
        response: { 200: envelope(tenantLimitsSchema) },
      },
    },
    async (req) => ok(req, await tenants.getLimits(req.params.id)),
  );

  app.put(
    '/api/v1/tenants/:id/limits',
    {
      config: { access },
      schema: {
        tags,
        summary: "Change some or all of an organisation's limits",
        params: idParamSchema,
        body: updateTenantLimitsSchema,
        response: { 200: envelope(tenantLimitsSchema) },
      },
    },
    async (req) => ok(req, await tenants.setLimits(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/tenants/:id/features',
    {
      config: { access },
      schema: {
        tags,
        summary: "An organisation's feature flags",
        params: idParamSchema,
        response: { 200: envelope(tenantFeaturesSchema) },
      },
    },
    async (req) => ok(req, await tenants.getFeatures(req.params.id)),
  );

  app.put(
    '/api/v1/tenants/:id/features',
    {
      config: { access },
      schema: {
        tags,
        summary: "Turn some or all of an organisation's features on or off",
        params: idParamSchema,
        body: updateTenantFeaturesSchema,
        response: { 200: envelope(tenantFeaturesSchema) },
      },
    },
    async (req) => ok(req, await tenants.setFeatures(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/tenants/:id/usage',
    {
      config: { access },
      schema: {
        tags,
        summary: 'What an organisation uses of each limit',
        params: idParamSchema,
        response: { 200: envelope(tenantUsageSchema) },
      },
    },
    async (req) => ok(req, await tenants.usage(req.params.id)),
  );
};
