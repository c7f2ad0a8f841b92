import { and, eq } from 'drizzle-orm';
import { defaultBusinessHours, queueDefaults, type Destination } from '@switchboard/contracts';
import { dids, ivrMenus, queueMembers, queues, schedules } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import type { DemoSeedStep } from '../seed/demo-steps';
import { isDuplicateKey } from '../users/sql-helpers';

/** The demo tenant's main number; a fictional North American 555 number. */
export const DEMO_DID_NUMBER = '+15555550100';

/**
 * Demo routing: Sales and Support queues with both agents, office hours, a main IVR menu and
 * one DID into it (always open; an Office hours schedule is seeded to try as a time condition). Rows are found by name or number; existing ones
 * are left as they are.
 */
export const routingDemoStep: DemoSeedStep = {
  name: 'queues, IVR menu and DID',
  async run({ tx, tenant, now, log }) {
    const stamps = { createdAt: now, updatedAt: now };
    const queueId = async (name: string) => {
      const [found] = await tx
        .select({ id: queues.id })
        .from(queues)
        .where(and(eq(queues.tenantId, tenant.id), eq(queues.name, name)));
      if (found) return found.id;
      const id = newId();
      await tx.insert(queues).values({
        id,
        tenantId: tenant.id,
        name,
        strategy: 'leastrecent',
        ringTimeoutSeconds: queueDefaults.ring_timeout_seconds,
        retrySeconds: queueDefaults.retry_seconds,
        wrapupSeconds: queueDefaults.wrapup_seconds,
        maxWaitSeconds: 300,
        overflowDestination: null,
        maxCallers: null,
        musicClass: queueDefaults.music_class,
        joinEmpty: true,
        leaveWhenEmpty: false,
        announcePosition: true,
        announceHoldTime: false,
        announceFrequencySeconds: 60,
        serviceLevelSeconds: 20,
        enabled: true,
        ...stamps,
      });
      for (const key of ['agent1', 'agent2']) {
        const user = tenant.users[key];
        if (user)
          await tx
            .insert(queueMembers)
            .values({ tenantId: tenant.id, queueId: id, userId: user.id, penalty: 0, ...stamps });
      }
      log(`queue ${name}`);
      return id;
    };
    const sales = await queueId('Sales');
    const support = await queueId('Support');

    const [schedule] = await tx
      .select({ id: schedules.id })
      .from(schedules)
      .where(and(eq(schedules.tenantId, tenant.id), eq(schedules.name, 'Office hours')));
    const scheduleId = schedule?.id ?? newId();
    if (!schedule) {
      await tx.insert(schedules).values({
        id: scheduleId,
        tenantId: tenant.id,
        name: 'Office hours',
        weeklyHours: defaultBusinessHours,
        holidays: [{ date: `${now.getUTCFullYear()}-12-25`, name: 'Christmas Day', hours: [] }],
        ...stamps,
      });
      log('schedule Office hours');
    }

    const [menu] = await tx
      .select({ id: ivrMenus.id })
      .from(ivrMenus)
      .where(and(eq(ivrMenus.tenantId, tenant.id), eq(ivrMenus.name, 'Main menu')));
    const menuId = menu?.id ?? newId();
    const toQueue = (id: string): Destination => ({ type: 'queue', queue_id: id });
    if (!menu) {
      await tx.insert(ivrMenus).values({
        id: menuId,
        tenantId: tenant.id,
        name: 'Main menu',
        greetingType: 'sound',
        greetingSound: 'hello-world',
        greetingAudioId: null,
        options: [
          { digit: '1', destination: toQueue(sales) },
          { digit: '2', destination: toQueue(support) },
        ],
        timeoutSeconds: 5,
        timeoutDestination: toQueue(support),
        invalidDestination: null,
        maxRetries: 2,
        enabled: true,
        ...stamps,
      });
      log('IVR menu Main menu');
    }

    const [did] = await tx
      .select({ id: dids.id })
      .from(dids)
      .where(and(eq(dids.tenantId, tenant.id), eq(dids.number, DEMO_DID_NUMBER)));
    if (did) return;
    try {
      await tx.insert(dids).values({
        id: newId(),
        tenantId: tenant.id,
        number: DEMO_DID_NUMBER,
        description: 'Demo main number',
        destination: { type: 'ivr', ivr_menu_id: menuId },
        destinationType: 'ivr',
        // Always open, so the demo PBX's calls reach the queues at any hour; the Office hours
        // schedule is there to be tried as a time condition.
        timeConditionMode: null,
        scheduleId: null,
        closedDestination: null,
        unansweredFallback: 'voicemail',
        callerIdNamePrefix: null,
        recordingEnabled: false,
        smsEnabled: false,
        smsWebhookUrl: null,
        smsAllowedSenders: [],
        ...stamps,
      });
      log(`DID ${DEMO_DID_NUMBER}`);
    } catch (err) {
      // Another tenant on this platform already owns the number: the demo goes without a DID.
      if (!isDuplicateKey(err, 'dids_number_uq')) throw err;
      log(`DID ${DEMO_DID_NUMBER} belongs to another tenant; skipped`);
    }
  },
};
