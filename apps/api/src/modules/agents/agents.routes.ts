import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agentListItemSchema,
  agentStateViewSchema,
  envelope,
  listAgentsQuerySchema,
  setAgentStateSchema,
} from '@switchboard/contracts';
import type { Container } from '../../container';
import { tenantCtx } from '../../plugins/auth';
import { ok, okPage } from '../../plugins/envelope';

export const agentsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/api/v1/agents/me/state',
    {
      config: { access: { permission: 'agent.state' } },
      schema: {
        tags: ['agents'],
        summary: 'Your own agent state',
        response: { 200: envelope(agentStateViewSchema) },
      },
    },
    async (req) => ok(req, await container.agents.getOwnState(tenantCtx(req))),
  );

  app.put(
    '/api/v1/agents/me/state',
    {
      config: { access: { permission: 'agent.state' } },
      schema: {
        tags: ['agents'],
        summary: 'Go available, paused (with a pause reason), away or offline',
        body: setAgentStateSchema,
        response: { 200: envelope(agentStateViewSchema) },
      },
    },
    async (req) => ok(req, await container.agents.setOwnState(tenantCtx(req), req.body)),
  );

  app.get(
    '/api/v1/agents',
    {
      config: { access: { permission: 'calls.read' } },
      schema: {
        tags: ['agents'],
        summary: "The tenant's agents with their live state, by name",
        querystring: listAgentsQuerySchema,
        response: { 200: envelope(z.array(agentListItemSchema)) },
      },
    },
    async (req) => okPage(req, await container.agents.list(tenantCtx(req), req.query)),
  );
};
