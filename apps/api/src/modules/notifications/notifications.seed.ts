import type { DemoSeedStep } from '../seed/demo-steps';
import { createNotificationsRepository } from './notifications.repository';

/** A welcome note in every demo person's bell, so the menu shows what a notification looks like. */
export const notificationsDemoStep: DemoSeedStep = {
  name: 'welcome notifications',
  async run({ tx, tenant, now, log }) {
    const repo = createNotificationsRepository(tx);
    for (const [key, user] of Object.entries(tenant.users)) {
      if ((await repo.countByKind(tenant.id, user.id, 'welcome')) > 0) continue;
      await repo.insert({
        tenantId: tenant.id,
        userId: user.id,
        kind: 'welcome',
        title: 'Welcome to Switchboard',
        body: 'Calls, chats and tickets for Demo Company arrive here. Your profile menu has your settings.',
        link: null,
        readAt: null,
        createdAt: now,
      });
      log(`welcome notification for ${key}`);
    }
  },
};
