import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'trunks',
  fixture: async (app, tenant) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/trunks',
      headers: bearer(tenant.admin.token),
      payload: {
        name: 'Fixture carrier',
        kind: 'registration',
        host: 'sip.fixture.example',
        username: `u-${tenant.slug}`,
        password: 'fixture-pass',
      },
    });
    if (res.statusCode !== 201) throw new Error(`trunk fixture: ${res.statusCode} ${res.body}`);
    return { trunkId: res.json().data.id };
  },
  routes: {
    'GET /api/v1/trunks': 'list',
    // A trunk body carries no ids; creating one in A must not touch B.
    'POST /api/v1/trunks': {
      body: () => ({ name: 'T3 probe trunk', kind: 'ip', host: '192.0.2.99' }),
      expect: [201],
    },
    'GET /api/v1/trunks/:id': { params: (b) => ({ id: b.trunkId }) },
    'PATCH /api/v1/trunks/:id': {
      params: (b) => ({ id: b.trunkId }),
      body: () => ({ name: 'Renamed by A' }),
    },
    'DELETE /api/v1/trunks/:id': { params: (b) => ({ id: b.trunkId }) },
  },
});
