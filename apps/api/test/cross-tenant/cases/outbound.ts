import { randomInt } from 'node:crypto';
import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

const policy = (blocked: string) => ({
  home_prefixes: [],
  allowed_prefixes: [],
  blocked_prefixes: [blocked],
  block_premium_ranges: true,
});

/** The outbound calling policy is per tenant and its routes take no id: the token names the tenant. */
export default defineCrossTenantCases({
  name: 'outbound-policy',
  fixture: async (app, tenant) => {
    const blockedPrefix = `+8${String(randomInt(1e8, 1e9))}`;
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/tenant/outbound-policy',
      headers: bearer(tenant.admin.token),
      payload: policy(blockedPrefix),
    });
    if (res.statusCode !== 200) throw new Error(`outbound policy fixture: ${res.statusCode} ${res.body}`);
    return { blockedPrefix };
  },
  routes: {
    'GET /api/v1/tenant/outbound-policy': 'list',
    // A replaces its own policy; B's row must stay as it was.
    'PUT /api/v1/tenant/outbound-policy': { body: () => policy('+3912'), expect: [200] },
  },
});
