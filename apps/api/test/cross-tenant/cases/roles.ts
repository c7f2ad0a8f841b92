import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'roles',
  fixture: async (app, tenant) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: bearer(tenant.admin.token),
      payload: { name: 'Fixture role', description: 'Cross-tenant fixture', permissions: ['users.read'] },
    });
    if (res.statusCode !== 201) throw new Error(`role fixture: ${res.statusCode} ${res.body}`);
    return { roleId: res.json().data.id, roleKey: res.json().data.key };
  },
  routes: {
    'GET /api/v1/permissions': 'list',
    'GET /api/v1/roles': 'list',
    'POST /api/v1/roles': { body: () => ({ name: 'Made by A', permissions: ['users.read'] }), expect: [201] },
    'GET /api/v1/roles/:id': { params: (b) => ({ id: b.roleId! }) },
    'PATCH /api/v1/roles/:id': {
      params: (b) => ({ id: b.roleId! }),
      body: () => ({ permissions: ['users.read', 'roles.read'] }),
    },
    'DELETE /api/v1/roles/:id': { params: (b) => ({ id: b.roleId! }) },
  },
});
