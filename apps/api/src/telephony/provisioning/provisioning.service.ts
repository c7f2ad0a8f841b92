import type { Registration } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { araTables, namespacePrefix, type AraObjectSet } from './ara-rows';
import { contactAor, type AraRepository } from './ara.repository';
import type { NamespaceRepository } from './namespace.repository';

/**
 * Owns every write to Asterisk's realtime tables. Callers pass their open transaction, so the
 * Switchboard row and its ARA rows commit together or not at all (Asterisk never sees half an
 * endpoint). A disabled phone or trunk has no ARA rows: Asterisk then refuses its
 * registrations and calls, and re-enabling writes them again.
 */
export function createProvisioningService(deps: {
  ara: AraRepository;
  namespaces: NamespaceRepository;
  clock: Clock;
}) {
  const { ara, namespaces, clock } = deps;
  return {
    /** The tenant's ARA id prefix (`t42`), allocated on first use and never reused. */
    async namespaceOf(exec: Executor, tenantId: string): Promise<string> {
      let number = await namespaces.findNumber(exec, tenantId);
      if (number === null) {
        await namespaces.insert(exec, tenantId, clock.now());
        number = await namespaces.findNumber(exec, tenantId);
      }
      if (number === null) throw new Error(`Could not allocate a telephony namespace for tenant ${tenantId}`);
      return namespacePrefix(number);
    },

    /**
     * Makes the ARA rows of one phone or trunk exactly `objects` (or nothing when null).
     * `ownerIds` names every id the owner had or will have (the old one when it was renamed).
     */
    async replace(exec: Executor, ownerIds: string[], objects: AraObjectSet | null) {
      for (const id of new Set(ownerIds)) await ara.deleteOwner(exec, id);
      if (!objects) return;
      for (const table of araTables) await ara.insert(exec, table, objects[table] as never[]);
    },

    async remove(exec: Executor, araId: string) {
      await ara.deleteOwner(exec, araId);
    },

    /** Registration state of each AOR, from the contacts Asterisk wrote to ps_contacts. */
    async registrations(exec: Executor, aorIds: string[]): Promise<Map<string, Registration>> {
      const nowSeconds = Math.floor(clock.now().getTime() / 1000);
      const rows = await ara.liveContacts(exec, aorIds, nowSeconds);
      const out = new Map<string, Registration>(
        aorIds.map((id) => [id, { status: 'unregistered', contacts: [] }]),
      );
      for (const r of rows) {
        const reg = out.get(contactAor(r.id ?? ''));
        if (!reg) continue;
        reg.status = 'registered';
        reg.contacts.push({
          uri: r.uri ?? '',
          user_agent: r.userAgent,
          expires_at: new Date((r.expirationTime ?? 0) * 1000).toISOString(),
          via_addr: r.viaAddr,
          via_port: r.viaPort,
        });
      }
      return out;
    },
  };
}
export type ProvisioningService = ReturnType<typeof createProvisioningService>;
