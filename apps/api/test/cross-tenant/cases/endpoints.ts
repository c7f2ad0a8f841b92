import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'endpoints',
  fixture: async (app, tenant) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/endpoints',
      headers: bearer(tenant.admin.token),
      payload: { extension: '1001', display_name: 'Fixture phone', user_id: tenant.agent.id },
    });
    if (res.statusCode !== 201) throw new Error(`endpoint fixture: ${res.statusCode} ${res.body}`);
    return { endpointId: res.json().data.id, agentId: tenant.agent.id };
  },
  routes: {
    'GET /api/v1/endpoints': 'list',
    // T3: A creates an endpoint assigned to B's user.
    'POST /api/v1/endpoints': {
      body: (b) => ({ extension: '4999', display_name: 'T3 probe', user_id: b.agentId }),
      expect: [404, 422],
    },
    'GET /api/v1/endpoints/:id': { params: (b) => ({ id: b.endpointId }) },
    'PATCH /api/v1/endpoints/:id': {
      params: (b) => ({ id: b.endpointId }),
      body: (b) => ({ display_name: 'Renamed by A', user_id: b.agentId }),
    },
    'DELETE /api/v1/endpoints/:id': { params: (b) => ({ id: b.endpointId }) },
    'POST /api/v1/endpoints/:id/reveal-password': { params: (b) => ({ id: b.endpointId }) },
    'POST /api/v1/endpoints/:id/regenerate-password': { params: (b) => ({ id: b.endpointId }) },
  },
});
