import type { App } from '../../../src/app';
import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

async function post(app: App, token: string, url: string, payload: object) {
  const res = await app.inject({ method: 'POST', url, headers: bearer(token), payload });
  if (res.statusCode !== 201) throw new Error(`queues fixture ${url}: ${res.statusCode} ${res.body}`);
  return res.json().data as { id: string };
}

export default defineCrossTenantCases({
  name: 'queues and pause reasons',
  fixture: async (app, tenant) => {
    const token = tenant.admin.token;
    const queue = await post(app, token, '/api/v1/queues', { name: 'Fixture queue' });
    await post(app, token, `/api/v1/queues/${queue.id}/members`, { user_id: tenant.agent.id, penalty: 1 });
    const reason = await post(app, token, '/api/v1/pause-reasons', { name: 'Fixture pause', code: 'fixture_pause' });
    return { queueId: queue.id, memberUserId: tenant.agent.id, pauseReasonId: reason.id };
  },
  routes: {
    'GET /api/v1/queues': 'list',
    // T3: a new queue overflowing into B's queue.
    'POST /api/v1/queues': {
      body: (b) => ({ name: 'T3 probe', overflow_destination: { type: 'queue', queue_id: b.queueId } }),
      expect: [422],
    },
    'GET /api/v1/queues/:id': { params: (b) => ({ id: b.queueId }) },
    'PATCH /api/v1/queues/:id': { params: (b) => ({ id: b.queueId }), body: () => ({ name: 'Renamed by A' }) },
    'DELETE /api/v1/queues/:id': { params: (b) => ({ id: b.queueId }) },
    'GET /api/v1/queues/:id/members': { params: (b) => ({ id: b.queueId }) },
    'POST /api/v1/queues/:id/members': { params: (b) => ({ id: b.queueId }), body: (_b, a) => ({ user_id: a.memberUserId }) },
    'PUT /api/v1/queues/:id/members': { params: (b) => ({ id: b.queueId }), body: () => ({ members: [] }) },
    // T4: A's queue with B's member, and B's queue with B's member.
    'PATCH /api/v1/queues/:id/members/:userId': {
      params: (b, a) => ({ id: a.queueId, userId: b.memberUserId }),
      body: () => ({ penalty: 9 }),
    },
    'DELETE /api/v1/queues/:id/members/:userId': { params: (b) => ({ id: b.queueId, userId: b.memberUserId }) },
    'GET /api/v1/pause-reasons': 'list',
    'POST /api/v1/pause-reasons': { body: () => ({ name: 'Made by A', code: 'made_by_a' }), expect: [201] },
    'GET /api/v1/pause-reasons/:id': { params: (b) => ({ id: b.pauseReasonId }) },
    'PATCH /api/v1/pause-reasons/:id': { params: (b) => ({ id: b.pauseReasonId }), body: () => ({ name: 'Renamed by A' }) },
    'DELETE /api/v1/pause-reasons/:id': { params: (b) => ({ id: b.pauseReasonId }) },
  },
});
