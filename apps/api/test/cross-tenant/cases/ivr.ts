import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'ivr menus',
  fixture: async (app, tenant) => {
    const post = async (url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers: bearer(tenant.admin.token), payload });
      if (res.statusCode !== 201) throw new Error(`ivr fixture ${url}: ${res.statusCode} ${res.body}`);
      return (res.json().data as { id: string }).id;
    };
    const queueId = await post('/api/v1/queues', { name: 'IVR fixture queue' });
    const menuId = await post('/api/v1/ivr-menus', {
      name: 'Fixture menu',
      greeting: { type: 'sound', name: 'hello-world' },
      options: [{ digit: '1', destination: { type: 'queue', queue_id: queueId } }],
    });
    return { ivrMenuId: menuId, ivrQueueId: queueId };
  },
  routes: {
    'GET /api/v1/ivr-menus': 'list',
    // T3: an option routed to B's queue and a timeout into B's menu.
    'POST /api/v1/ivr-menus': {
      body: (b) => ({
        name: 'T3 probe',
        options: [{ digit: '1', destination: { type: 'queue', queue_id: b.ivrQueueId } }],
        timeout_destination: { type: 'ivr', ivr_menu_id: b.ivrMenuId },
      }),
      expect: [422],
    },
    'GET /api/v1/ivr-menus/:id': { params: (b) => ({ id: b.ivrMenuId }) },
    'PATCH /api/v1/ivr-menus/:id': { params: (b) => ({ id: b.ivrMenuId }), body: () => ({ name: 'Renamed by A' }) },
    'DELETE /api/v1/ivr-menus/:id': { params: (b) => ({ id: b.ivrMenuId }) },
  },
});
