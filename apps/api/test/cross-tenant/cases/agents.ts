import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { systemContext } from '../../../src/plugins/context';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'agents and real-time',
  // A pause reason of the tenant, and its agent live in a state (so B's agents have state rows).
  fixture: async (app, tenant) => {
    const pauseReasonId = randomUUID();
    await app.container.db.execute(
      sql`INSERT INTO pause_reasons (id, tenant_id, name, code, paid, enabled, created_at, updated_at)
          VALUES (${pauseReasonId}, ${tenant.tenantId}, ${`Fixture ${tenant.slug}`}, ${`fx-${tenant.slug}`.slice(0, 32)}, 0, 1, NOW(3), NOW(3))`,
    );
    await app.container.agents.setOwnState(
      systemContext(app.container.log, tenant.tenantId, { userId: tenant.agent.id }),
      {
        state: 'paused',
        reason_id: pauseReasonId,
      },
    );
    return { pauseReasonId };
  },
  routes: {
    'GET /ws': {
      skip: 'WebSocket upgrade: room authorization (W3) and fan-out isolation (T6) are tested in src/realtime',
    },
    'GET /api/v1/agents/me/state': 'list',
    'PUT /api/v1/agents/me/state': {
      body: (b) => ({ state: 'paused', reason_id: b.pauseReasonId }),
      expect: [422],
    },
    'GET /api/v1/agents': 'list',
  },
});
