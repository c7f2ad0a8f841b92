import { defaultBusinessHours } from '@switchboard/contracts';
import { bearer } from '../../helpers';
import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'schedules',
  fixture: async (app, tenant) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/schedules',
      headers: bearer(tenant.admin.token),
      payload: { name: 'Fixture schedule', weekly_hours: defaultBusinessHours },
    });
    if (res.statusCode !== 201) throw new Error(`schedule fixture: ${res.statusCode} ${res.body}`);
    return { scheduleId: res.json().data.id };
  },
  routes: {
    'GET /api/v1/schedules': 'list',
    'POST /api/v1/schedules': { body: () => ({ name: 'Made by A', weekly_hours: defaultBusinessHours }), expect: [201] },
    'GET /api/v1/schedules/:id': { params: (b) => ({ id: b.scheduleId }) },
    'PATCH /api/v1/schedules/:id': { params: (b) => ({ id: b.scheduleId }), body: () => ({ name: 'Renamed by A' }) },
    'DELETE /api/v1/schedules/:id': { params: (b) => ({ id: b.scheduleId }) },
  },
});
