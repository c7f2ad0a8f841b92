import { defineCrossTenantCases } from '../types';

/** Platform routes: A's tenant admin aims them at B and must be refused (403) with B unchanged. */
const onB = { params: (b: Record<string, string>) => ({ id: b.tenantId! }), expect: [403] };

export default defineCrossTenantCases({
  name: 'tenants',
  fixture: async (_app, tenant) => ({ tenantId: tenant.tenantId }),
  routes: {
    'GET /api/v1/tenants': { query: (b) => ({ search: b.tenantId! }), expect: [403] },
    'POST /api/v1/tenants': { body: () => ({ name: 'Made by A', slug: 'made-by-tenant-a' }), expect: [403] },
    'GET /api/v1/tenants/:id': onB,
    'PATCH /api/v1/tenants/:id': { ...onB, body: () => ({ name: 'Renamed by A' }) },
    'DELETE /api/v1/tenants/:id': onB,
    'POST /api/v1/tenants/:id/suspend': onB,
    'POST /api/v1/tenants/:id/reactivate': onB,
    'GET /api/v1/tenants/:id/limits': onB,
    'PUT /api/v1/tenants/:id/limits': { ...onB, body: () => ({ users: 1000 }) },
    'GET /api/v1/tenants/:id/features': onB,
    'PUT /api/v1/tenants/:id/features': { ...onB, body: () => ({ voice: false }) },
    'GET /api/v1/tenants/:id/usage': onB,
    // Own-tenant routes take no id: the tenant comes from the token.
    'GET /api/v1/tenant': 'list',
    'GET /api/v1/tenant/usage': 'list',
    'PATCH /api/v1/tenant': {
      body: () => ({ name: 'Renamed by A', settings: { short_abandon_seconds: 7 } }),
      expect: [200],
    },
  },
});
