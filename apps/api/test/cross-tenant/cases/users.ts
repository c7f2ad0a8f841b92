import { TEST_PASSWORD, bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'users',
  fixture: async (app, tenant) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(tenant.admin.token),
      payload: {
        email: `fixture-user@${tenant.slug}.test`,
        name: 'Fixture user',
        password: TEST_PASSWORD,
        role_id: tenant.roleIds.agent,
      },
    });
    if (res.statusCode !== 201) throw new Error(`user fixture: ${res.statusCode} ${res.body}`);
    return { userId: res.json().data.id, agentRoleId: tenant.roleIds.agent };
  },
  routes: {
    'GET /api/v1/users': 'list',
    // T3: a role of B in the body of a create in A.
    'POST /api/v1/users': {
      body: (b) => ({
        email: `t3-probe-${b.userId}@probe.test`,
        name: 'T3 probe',
        password: TEST_PASSWORD,
        role_id: b.agentRoleId,
      }),
      expect: [404, 422],
    },
    'GET /api/v1/users/:id': { params: (b) => ({ id: b.userId! }) },
    'PATCH /api/v1/users/:id': { params: (b) => ({ id: b.userId! }), body: () => ({ name: 'Renamed by A' }) },
    'PUT /api/v1/users/:id/role': {
      params: (b) => ({ id: b.userId! }),
      body: (_b, a) => ({ role_id: a.agentRoleId }),
    },
    'PUT /api/v1/users/:id/status': {
      params: (b) => ({ id: b.userId! }),
      body: () => ({ status: 'disabled' }),
    },
    'DELETE /api/v1/users/:id': { params: (b) => ({ id: b.userId! }) },
  },
});
