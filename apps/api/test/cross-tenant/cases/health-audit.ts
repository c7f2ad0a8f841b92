import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'health and audit',
  routes: {
    'GET /healthz': { skip: 'public probe, no tenant data' },
    'GET /readyz': { skip: 'public probe, no tenant data' },
    'GET /metrics': { skip: 'public metrics, no tenant data' },
    'GET /api/v1/audit': 'list',
    'GET /api/v1/platform/audit': { skip: 'platform admins only; a tenant token gets 403' },
  },
});
