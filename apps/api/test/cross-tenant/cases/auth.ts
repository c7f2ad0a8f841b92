import { defineCrossTenantCases } from '../types';

const publicSecret = 'public; the account is found by e-mail or by a secret token, never by a tenant id';
const ownAccount = 'acts on the caller’s own user only (id from the token); no tenant or user id is accepted';

export default defineCrossTenantCases({
  name: 'auth',
  fixture: async (_app, tenant) => ({ tenantId: tenant.tenantId, adminId: tenant.admin.id }),
  routes: {
    'POST /api/v1/auth/register': { skip: 'public; creates a new tenant, takes no existing tenant id' },
    'GET /api/v1/auth/registration': { skip: 'public; one platform-wide setting, no tenant data' },
    'POST /api/v1/auth/login': { skip: publicSecret },
    'POST /api/v1/auth/refresh': { skip: publicSecret },
    'POST /api/v1/auth/logout': { skip: publicSecret },
    'POST /api/v1/auth/forgot-password': { skip: publicSecret },
    'POST /api/v1/auth/reset-password': { skip: publicSecret },
    'POST /api/v1/auth/login-link': { skip: publicSecret },
    'GET /api/v1/auth/me': 'list',
    // I1: a tenant or user id in the body is refused, never mass-assigned.
    'PATCH /api/v1/auth/me': { body: (b) => ({ name: 'Renamed', tenant_id: b.tenantId, id: b.adminId }), expect: [400] },
    'POST /api/v1/auth/change-password': {
      body: () => ({ current_password: 'not-the-password', new_password: 'some-new-password-1' }),
      expect: [400],
    },
    'POST /api/v1/auth/totp/enroll': { skip: ownAccount },
    'POST /api/v1/auth/totp/confirm': { skip: ownAccount },
    'POST /api/v1/auth/totp/disable': { skip: ownAccount },
    'POST /api/v1/auth/totp/recovery-codes': { skip: ownAccount },
    // Only platform admins may switch; a tenant admin naming B's tenant is refused.
    'POST /api/v1/auth/switch-tenant': { body: (b) => ({ tenant_id: b.tenantId }), expect: [403] },
    'POST /api/v1/auth/switch-tenant/exit': { expect: [403] },
  },
});
