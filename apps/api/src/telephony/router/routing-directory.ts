import { and, asc, eq } from 'drizzle-orm';
import { applyDialRules } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import {
  dids,
  endpoints,
  ivrMenus,
  queueMembers,
  queues,
  schedules,
  tenants,
  trunks,
  audioFiles,
} from '../../db/schema/index';
import { allowUnscoped } from '../../lib/query-audit';
import { isOpen } from '../../modules/schedules/is-open';
import type { RoutingCache } from './routing-cache';
import type {
  Destination,
  DidRoute,
  EndpointTarget,
  IvrMenu,
  QueueConfig,
  RoutingDirectory,
  TrunkTarget,
} from './ports';

allowUnscoped(
  'call routing: an inbound call names only its DID, and DIDs are unique across the platform',
  /^select .* from `dids` inner join `tenants` on `tenants`\.`id` = `dids`\.`tenant_id` where `dids`\.`number` = \? limit \?$/is,
);
allowUnscoped(
  'call routing: a shared trunk belongs to one tenant and is usable by all',
  /^select .* from `trunks` where \(`trunks`\.`shared` = \? and `trunks`\.`enabled` = \?\)/is,
);

type EndpointRow = typeof endpoints.$inferSelect;
const toEndpoint = (e: EndpointRow): EndpointTarget => ({
  id: e.id,
  tenantId: e.tenantId,
  extension: e.extension,
  araId: e.araId,
  userId: e.userId,
  callerIdName: e.callerIdName,
  callerIdNumber: e.callerIdNumber,
  voicemail: e.voicemailEnabled,
  enabled: e.enabled,
});

/** Where a call goes after a failure when nothing else is configured. */
const HANGUP: Destination = { type: 'hangup' };

/** The call router's read-only view of the provisioning tables (DIDs, queues, endpoints, IVR, trunks). */
export function createRoutingDirectory(db: Database, cache?: RoutingCache): RoutingDirectory {
  /** Through the routing cache when there is one (the call router's), else straight to the database. */
  const cached = <T>(key: string, load: () => Promise<T>, tenantOf: (value: T) => string | null) =>
    cache ? cache.get(key, load, tenantOf) : load();
  /** A DID, its tenant and its schedule: what routing a call to it needs, whatever the time. */
  const loadDid = async (normalised: string) => {
    // One round trip for the DID and its tenant: this is on every inbound call's way to an agent.
    const [hit] = await db
      .select({
        did: dids,
        tenant: {
          status: tenants.status,
          timezone: tenants.timezone,
          settings: tenants.settings,
          features: tenants.features,
        },
      })
      .from(dids)
      .innerJoin(tenants, eq(tenants.id, dids.tenantId))
      .where(eq(dids.number, normalised))
      .limit(1);
    if (!hit) return null;
    let schedule: typeof schedules.$inferSelect | null = null;
    if (hit.did.timeConditionMode === 'schedule' && hit.did.scheduleId) {
      const [row] = await db
        .select()
        .from(schedules)
        .where(and(eq(schedules.tenantId, hit.did.tenantId), eq(schedules.id, hit.did.scheduleId)))
        .limit(1);
      schedule = row ?? null;
    }
    return { ...hit, schedule };
  };
  const endpointWhere = async (tenantId: string, cond: ReturnType<typeof eq>) => {
    const [row] = await db
      .select()
      .from(endpoints)
      .where(and(eq(endpoints.tenantId, tenantId), cond))
      .limit(1);
    return row ? toEndpoint(row) : null;
  };
  /** A queue and its members, side by side (both on the way to the first offer). */
  const loadQueue = async (tenantId: string, queueId: string): Promise<QueueConfig | null> => {
    const [[q], members] = await Promise.all([
      db
        .select()
        .from(queues)
        .where(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)))
        .limit(1),
      db
        .select({ userId: queueMembers.userId, penalty: queueMembers.penalty })
        .from(queueMembers)
        .where(and(eq(queueMembers.tenantId, tenantId), eq(queueMembers.queueId, queueId)))
        .orderBy(asc(queueMembers.createdAt), asc(queueMembers.userId)),
    ]);
    if (!q || !q.enabled) return null;
    return {
      id: q.id,
      tenantId,
      name: q.name,
      strategy: q.strategy,
      ringTimeoutSeconds: q.ringTimeoutSeconds,
      retrySeconds: q.retrySeconds,
      wrapupSeconds: q.wrapupSeconds,
      maxWaitSeconds: q.maxWaitSeconds,
      maxCallers: q.maxCallers,
      overflow: q.overflowDestination,
      musicClass: q.musicClass,
      joinEmpty: q.joinEmpty,
      leaveWhenEmpty: q.leaveWhenEmpty,
      announcePosition: q.announcePosition,
      announceHoldTime: q.announceHoldTime,
      announceFrequencySeconds: q.announceFrequencySeconds,
      serviceLevelSeconds: q.serviceLevelSeconds,
      members: members.map((m, position) => ({ userId: m.userId, penalty: m.penalty, position })),
    };
  };
  /** The phone an agent is rung on: their first enabled endpoint. */
  const loadEndpointForUser = async (tenantId: string, userId: string) => {
    const [row] = await db
      .select()
      .from(endpoints)
      .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.userId, userId), eq(endpoints.enabled, true)))
      .orderBy(asc(endpoints.extension))
      .limit(1);
    return row ? toEndpoint(row) : null;
  };
  return {
    async routeForDid(number, at): Promise<DidRoute | null> {
      const normalised = number.startsWith('+') ? number : `+${number.replace(/^00/, '')}`;
      const hit = await cached(
        `did:${normalised}`,
        () => loadDid(normalised),
        (h) => h?.did.tenantId ?? null,
      );
      if (!hit) return null;
      const { did, tenant, schedule } = hit;
      if (tenant.status !== 'active' || !tenant.features.voice) return null;
      let destination = did.destination;
      if (did.timeConditionMode && did.closedDestination) {
        let open = true;
        if (did.timeConditionMode === 'business_hours') {
          open = isOpen(tenant.settings.business_hours, tenant.timezone, at);
        } else if (schedule) {
          open = isOpen(
            { weekly_hours: schedule.weeklyHours, holidays: schedule.holidays },
            tenant.timezone,
            at,
          );
        }
        if (!open) destination = did.closedDestination;
      }
      const fallback: Destination =
        did.unansweredFallback === 'voicemail' && destination.type === 'endpoint'
          ? { type: 'voicemail', endpoint_id: destination.endpoint_id }
          : HANGUP;
      return {
        tenantId: did.tenantId,
        didId: did.id,
        number: did.number,
        destination,
        recording: did.recordingEnabled,
        callerIdPrefix: did.callerIdNamePrefix,
        fallback,
      };
    },

    queue: (tenantId, queueId) =>
      cached(
        `queue:${tenantId}:${queueId}`,
        () => loadQueue(tenantId, queueId),
        () => tenantId,
      ),

    endpointById: (tenantId, id) => endpointWhere(tenantId, eq(endpoints.id, id)),
    endpointByExtension: (tenantId, extension) => endpointWhere(tenantId, eq(endpoints.extension, extension)),
    endpointByAraId: (tenantId, araId) => endpointWhere(tenantId, eq(endpoints.araId, araId)),
    endpointForUser: (tenantId, userId) =>
      cached(
        `phone:${tenantId}:${userId}`,
        () => loadEndpointForUser(tenantId, userId),
        () => tenantId,
      ),
    async ivrMenu(tenantId, menuId): Promise<IvrMenu | null> {
      const [m] = await db
        .select()
        .from(ivrMenus)
        .where(and(eq(ivrMenus.tenantId, tenantId), eq(ivrMenus.id, menuId)))
        .limit(1);
      if (!m || !m.enabled) return null;
      let greeting = 'sound:silence/1';
      if (m.greetingType === 'sound' && m.greetingSound) greeting = `sound:${m.greetingSound}`;
      if (m.greetingType === 'audio' && m.greetingAudioId) {
        const [a] = await db
          .select({ key: audioFiles.storageKey })
          .from(audioFiles)
          .where(and(eq(audioFiles.tenantId, tenantId), eq(audioFiles.id, m.greetingAudioId)))
          .limit(1);
        // Uploaded greetings are served to Asterisk from its sounds directory (see deploy/asterisk/README.md).
        if (a) greeting = `sound:switchboard/${a.key.replace(/\.[a-z0-9]+$/i, '')}`;
      }
      return {
        id: m.id,
        tenantId,
        greeting,
        timeoutSeconds: m.timeoutSeconds,
        maxRetries: m.maxRetries,
        options: Object.fromEntries(m.options.map((o) => [o.digit, o.destination])),
        timeoutDestination: m.timeoutDestination ?? HANGUP,
        invalidDestination: m.invalidDestination ?? HANGUP,
      };
    },

    async trunkFor(tenantId): Promise<TrunkTarget | null> {
      const [own] = await db
        .select()
        .from(trunks)
        .where(and(eq(trunks.tenantId, tenantId), eq(trunks.enabled, true)))
        .orderBy(asc(trunks.createdAt))
        .limit(1);
      const [trunk] = own
        ? [own]
        : await db
            .select()
            .from(trunks)
            .where(and(eq(trunks.shared, true), eq(trunks.enabled, true)))
            .limit(1);
      if (!trunk) return null;
      return {
        araId: trunk.araId,
        callerIdNumber: trunk.outboundCallerId,
        dialPrefix: (n) => applyDialRules(n, trunk.dialRules),
      };
    },
  };
}
