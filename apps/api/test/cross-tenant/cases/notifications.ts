import { defineCrossTenantCases } from '../types';

export default defineCrossTenantCases({
  name: 'notifications',
  // Addressed to the admin, who is the caller in the matrix: A's admin must still not reach B's.
  fixture: async (app, tenant) => {
    const n = await app.container.notifications.notify(tenant.tenantId, tenant.admin.id, {
      kind: 'fixture',
      title: `Fixture notification ${tenant.slug}`,
      body: null,
      link: null,
    });
    return { notificationId: n.id, notificationTitle: n.title };
  },
  routes: {
    'GET /api/v1/notifications': 'list',
    'GET /api/v1/notifications/unread-count': 'list',
    'POST /api/v1/notifications/read': { body: (b) => ({ ids: [b.notificationId] }), expect: [404] },
  },
});
