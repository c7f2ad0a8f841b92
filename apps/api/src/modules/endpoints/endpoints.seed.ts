import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { systemClock } from '../../lib/clock';
import { createTelephonyProvisioning } from '../../telephony/provisioning/index';
import { createAuditRepository } from '../audit/audit.repository';
import { createAuditService } from '../audit/audit.service';
import { systemContext } from '../../plugins/context';
import type { DemoSeedStep } from '../seed/demo-steps';
import { createEndpointRepository } from './endpoints.repository';
import { createEndpointService } from './endpoints.service';

/** The demo people who get a desk phone, and its extension. */
const demoPhones = [
  { user: 'agent1', extension: '2001', name: 'Agent 1 desk phone' },
  { user: 'agent2', extension: '2002', name: 'Agent 2 desk phone' },
  { user: 'supervisor', extension: '2100', name: 'Supervisor phone' },
];

/**
 * Desk phones for the demo agents and the supervisor, created through the endpoint service so
 * their Asterisk realtime rows exist (the demo PBX learns phones from them) and the audit log
 * shows them. Idempotent: an extension that exists is left alone.
 */
export const endpointsDemoStep: DemoSeedStep = {
  name: 'agent phones',
  async run({ tx, config, tenant, log }) {
    // The step's transaction stands in for the database: the service's own transactions become savepoints.
    const db = tx as unknown as Database;
    const fullConfig = config as Config;
    const { provisioning, secrets } = createTelephonyProvisioning({
      db,
      config: fullConfig,
      clock: systemClock,
    });
    const repo = createEndpointRepository(db);
    const endpoints = createEndpointService({
      db,
      repo,
      provisioning,
      secrets,
      audit: createAuditService({ repo: createAuditRepository(db), clock: systemClock }),
      clock: systemClock,
      config: fullConfig,
      destinations: { findReferences: async () => [] },
    });
    for (const phone of demoPhones) {
      const user = tenant.users[phone.user];
      if (!user) continue;
      if (await repo.findByExtension(tx, tenant.id, phone.extension)) continue;
      const ctx = systemContext(undefined as never, tenant.id, { userEmail: 'seed' });
      await endpoints.create(ctx, {
        extension: phone.extension,
        display_name: phone.name,
        kind: 'sip',
        user_id: user.id,
        nat: true,
        max_contacts: 1,
        voicemail_enabled: false,
        enabled: true,
      });
      log(`endpoint ${phone.extension} for ${user.email}`);
    }
  },
};
