import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createRoleSchema,
  envelope,
  idParamSchema,
  listRolesQuerySchema,
  permissionInfoSchema,
  roleSchema,
  updateRoleSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

const read = { permission: 'roles.read' } as const;
const write = { permission: 'roles.write' } as const;
const one = envelope(roleSchema);

export const rolesRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const roles = container.roles;

  app.get(
    '/api/v1/permissions',
    {
      config: { access: read },
      schema: {
        tags: ['roles'],
        summary: 'Every permission a role can hold, with its group and description',
        response: { 200: envelope(z.array(permissionInfoSchema)) },
      },
    },
    async (req) => ok(req, roles.permissions()),
  );

  app.get(
    '/api/v1/roles',
    {
      config: { access: read },
      schema: {
        tags: ['roles'],
        summary: 'List roles with the number of users holding each',
        querystring: listRolesQuerySchema,
        response: { 200: envelope(z.array(roleSchema)) },
      },
    },
    async (req) => okPage(req, await roles.list(tenantCtx(req), req.query)),
  );

  app.post(
    '/api/v1/roles',
    {
      config: { access: write },
      schema: {
        tags: ['roles'],
        summary: 'Create a custom role',
        body: createRoleSchema,
        response: { 201: one },
      },
    },
    async (req, reply) => reply.status(201).send(ok(req, await roles.create(tenantCtx(req), req.body))),
  );

  app.get(
    '/api/v1/roles/:id',
    {
      config: { access: read },
      schema: { tags: ['roles'], summary: 'Read a role', params: idParamSchema, response: { 200: one } },
    },
    async (req) => ok(req, await roles.get(tenantCtx(req), req.params.id)),
  );

  app.patch(
    '/api/v1/roles/:id',
    {
      config: { access: write },
      schema: {
        tags: ['roles'],
        summary: "Change a custom role (its holders' access tokens end when permissions change)",
        params: idParamSchema,
        body: updateRoleSchema,
        response: { 200: one },
      },
    },
    async (req) => ok(req, await roles.update(tenantCtx(req), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/roles/:id',
    {
      config: { access: write },
      schema: {
        tags: ['roles'],
        summary: 'Delete a custom role no user holds',
        params: idParamSchema,
        response: { 200: envelope(z.object({ id: z.string() })) },
      },
    },
    async (req) => {
      await roles.remove(tenantCtx(req), req.params.id);
      return ok(req, { id: req.params.id });
    },
  );
};
