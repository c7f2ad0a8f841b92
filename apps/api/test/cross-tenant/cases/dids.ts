import { defaultBusinessHours } from '@switchboard/contracts';
import type { App } from '../../../src/app';
import { bearer, type TestTenant } from '../../helpers';
import { defineCrossTenantCases } from '../types';

async function post(app: App, tenant: TestTenant, url: string, payload: object) {
  const res = await app.inject({ method: 'POST', url, headers: bearer(tenant.admin.token), payload });
  if (res.statusCode !== 201) throw new Error(`dids fixture ${url}: ${res.statusCode} ${res.body}`);
  return (res.json().data as { id: string }).id;
}

/** DID numbers are unique across the platform: derive one per tenant from its random slug. */
const numberFor = (slug: string) => `+4989${(parseInt(slug.replace(/[^0-9a-f]/g, '').slice(-8), 16) % 1e9).toString().padStart(9, '0')}`;

export default defineCrossTenantCases({
  name: 'dids and destinations',
  fixture: async (app, tenant) => {
    const queueId = await post(app, tenant, '/api/v1/queues', { name: 'DID fixture queue' });
    const endpointId = await post(app, tenant, '/api/v1/endpoints', {
      extension: '7001',
      display_name: 'DID fixture phone',
      voicemail_enabled: true,
    });
    const scheduleId = await post(app, tenant, '/api/v1/schedules', { name: 'DID fixture hours', weekly_hours: defaultBusinessHours });
    const didId = await post(app, tenant, '/api/v1/dids', {
      number: numberFor(tenant.slug),
      destination: { type: 'queue', queue_id: queueId },
      time_condition: { mode: 'schedule', schedule_id: scheduleId },
      closed_destination: { type: 'voicemail', endpoint_id: endpointId },
    });
    return { didId, didQueueId: queueId, didEndpointId: endpointId, didScheduleId: scheduleId };
  },
  routes: {
    'GET /api/v1/dids': 'list',
    'GET /api/v1/destinations': 'list',
    // T3: every reference in the body is B's.
    'POST /api/v1/dids': {
      body: (b) => ({
        number: '+4989000000001',
        destination: { type: 'endpoint', endpoint_id: b.didEndpointId },
        time_condition: { mode: 'schedule', schedule_id: b.didScheduleId },
        closed_destination: { type: 'queue', queue_id: b.didQueueId },
      }),
      expect: [422],
    },
    'GET /api/v1/dids/:id': { params: (b) => ({ id: b.didId }) },
    'PATCH /api/v1/dids/:id': { params: (b) => ({ id: b.didId }), body: () => ({ description: 'Changed by A' }) },
    'DELETE /api/v1/dids/:id': { params: (b) => ({ id: b.didId }) },
  },
});
