import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { callEvents, callRecords, type TransferStep } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import { registerTenantTables } from '../../lib/query-audit';

registerTenantTables('call_records', 'call_events');

export type CallRow = typeof callRecords.$inferSelect;
export type Disposition = NonNullable<CallRow['disposition']>;

export type OpenCallInput = {
  tenantId: string;
  callKey: string;
  direction: CallRow['direction'];
  did: string | null;
  callerNumber: string | null;
  callerName: string | null;
  calleeNumber: string | null;
  callerChannelId: string;
  enteredAt: Date;
  simulated: boolean;
  owner: string;
};

const secondsBetween = (later: unknown, earlier: unknown) =>
  sql`TIMESTAMPDIFF(MICROSECOND, ${earlier}, ${later}) / 1000000`;

/**
 * Call records are written from the router's decisions. Every write is idempotent: the record is
 * keyed by (tenant, call key), "first time" fields use COALESCE, and the end is written once
 * (`ended_at IS NULL`), so replayed or duplicated events never double or corrupt a record (D3).
 */
export function createCallsRepository(db: Database) {
  const byId = (tenantId: string, id: string) => and(eq(callRecords.tenantId, tenantId), eq(callRecords.id, id));
  const live = (tenantId: string, id: string) => and(byId(tenantId, id), isNull(callRecords.endedAt));
  return {
    /** Creates the record for a call key, or returns the existing one. */
    async open(input: OpenCallInput): Promise<CallRow> {
      const now = new Date();
      await db
        .insert(callRecords)
        .values({
          id: newId(),
          ...input,
          status: 'routing',
          holdSeconds: 0,
          muted: false,
          recording: false,
          overflowed: false,
          transfers: [],
          createdAt: now,
          updatedAt: now,
        })
        .onDuplicateKeyUpdate({ set: { tenantId: sql`tenant_id` } });
      const [row] = await db
        .select()
        .from(callRecords)
        .where(and(eq(callRecords.tenantId, input.tenantId), eq(callRecords.callKey, input.callKey)))
        .limit(1);
      return row!;
    },
    async findById(tenantId: string, id: string) {
      const [row] = await db.select().from(callRecords).where(byId(tenantId, id)).limit(1);
      return row ?? null;
    },
    async findLiveByChannel(tenantId: string, channelId: string) {
      const [row] = await db
        .select()
        .from(callRecords)
        .where(
          and(
            eq(callRecords.tenantId, tenantId),
            isNull(callRecords.endedAt),
            sql`(${callRecords.callerChannelId} = ${channelId} OR ${callRecords.agentChannelId} = ${channelId})`,
          ),
        )
        .limit(1);
      return row ?? null;
    },
    /** Live calls owned by a worker, across tenants: used only to take calls back after a restart (F6). */
    async listLiveByOwner(tenantIds: string[], owner: string) {
      if (!tenantIds.length) return [];
      return db
        .select()
        .from(callRecords)
        .where(and(inArray(callRecords.tenantId, tenantIds), isNull(callRecords.endedAt), eq(callRecords.owner, owner)));
    },
    /**
     * Live calls whose owner is none of `owners` (a phone system no longer configured, or rows
     * with no owner), across tenants: closed at start so they never count as live (F7).
     */
    async listLiveNotOwnedBy(tenantIds: string[], owners: string[]) {
      if (!tenantIds.length) return [];
      const foreign = owners.length
        ? sql`(${callRecords.owner} IS NULL OR ${callRecords.owner} NOT IN (${sql.join(
            owners.map((o) => sql`${o}`),
            sql`, `,
          )}))`
        : sql`TRUE`;
      return db
        .select()
        .from(callRecords)
        .where(and(inArray(callRecords.tenantId, tenantIds), isNull(callRecords.endedAt), foreign));
    },
    async setStatus(tenantId: string, id: string, status: CallRow['status']) {
      await db.update(callRecords).set({ status, updatedAt: new Date() }).where(live(tenantId, id));
    },
    async queued(tenantId: string, id: string, queueId: string, at: Date) {
      await db
        .update(callRecords)
        .set({
          status: 'queued',
          queueId,
          queuedAt: sql`COALESCE(${callRecords.queuedAt}, ${at})`,
          agentUserId: null,
          agentChannelId: null,
          updatedAt: new Date(),
        })
        .where(and(live(tenantId, id), isNull(callRecords.answeredAt)));
    },
    async ringing(tenantId: string, id: string, agentUserId: string | null, agentChannelId: string | null) {
      await db
        .update(callRecords)
        .set({ status: 'ringing', agentUserId, agentChannelId, updatedAt: new Date() })
        .where(and(live(tenantId, id), isNull(callRecords.answeredAt)));
    },
    async answered(tenantId: string, id: string, agentUserId: string | null, agentChannelId: string | null, bridgeId: string, at: Date) {
      await db
        .update(callRecords)
        .set({
          status: 'connected',
          disposition: 'answered',
          agentUserId,
          agentChannelId,
          bridgeId,
          answeredAt: sql`COALESCE(${callRecords.answeredAt}, ${at})`,
          waitSeconds: sql`COALESCE(${callRecords.waitSeconds}, ${secondsBetween(at, sql`COALESCE(${callRecords.queuedAt}, ${callRecords.enteredAt})`)})`,
          updatedAt: new Date(),
        })
        .where(live(tenantId, id));
    },
    async overflowed(tenantId: string, id: string, at: Date) {
      await db
        .update(callRecords)
        .set({
          overflowed: true,
          waitSeconds: sql`COALESCE(${callRecords.waitSeconds}, ${secondsBetween(at, sql`COALESCE(${callRecords.queuedAt}, ${callRecords.enteredAt})`)})`,
          updatedAt: new Date(),
        })
        .where(and(live(tenantId, id), isNull(callRecords.answeredAt)));
    },
    async holdChanged(tenantId: string, id: string, onHold: boolean, at: Date) {
      if (onHold) {
        await db
          .update(callRecords)
          .set({ holdStartedAt: sql`COALESCE(${callRecords.holdStartedAt}, ${at})`, updatedAt: new Date() })
          .where(live(tenantId, id));
      } else {
        await db
          .update(callRecords)
          .set({
            holdSeconds: sql`${callRecords.holdSeconds} + COALESCE(${secondsBetween(at, callRecords.holdStartedAt)}, 0)`,
            holdStartedAt: null,
            updatedAt: new Date(),
          })
          .where(and(live(tenantId, id), sql`${callRecords.holdStartedAt} IS NOT NULL`));
      }
    },
    async setFlags(tenantId: string, id: string, flags: { muted?: boolean; recording?: boolean; recordingRef?: string }) {
      await db.update(callRecords).set({ ...flags, updatedAt: new Date() }).where(live(tenantId, id));
    },
    async addTransfer(tenantId: string, id: string, step: TransferStep) {
      await db
        .update(callRecords)
        .set({ transfers: sql`JSON_ARRAY_APPEND(${callRecords.transfers}, '$', JSON_EXTRACT(${JSON.stringify(step)}, '$'))`, updatedAt: new Date() })
        .where(live(tenantId, id));
    },
    /** Writes the end once. Talk time excludes hold; a caller who never reached an agent keeps its wait. */
    async ended(tenantId: string, id: string, at: Date, disposition: Disposition, wrapupSeconds: number | null) {
      await db
        .update(callRecords)
        .set({
          status: 'ended',
          endedAt: at,
          disposition: sql`COALESCE(${callRecords.disposition}, ${disposition})`,
          holdSeconds: sql`${callRecords.holdSeconds} + COALESCE(${secondsBetween(at, callRecords.holdStartedAt)}, 0)`,
          holdStartedAt: null,
          talkSeconds: sql`CASE WHEN ${callRecords.answeredAt} IS NULL THEN NULL ELSE GREATEST(0, ${secondsBetween(at, callRecords.answeredAt)} - ${callRecords.holdSeconds} - COALESCE(${secondsBetween(at, callRecords.holdStartedAt)}, 0)) END`,
          waitSeconds: sql`COALESCE(${callRecords.waitSeconds}, CASE WHEN ${callRecords.queuedAt} IS NULL THEN NULL ELSE ${secondsBetween(at, callRecords.queuedAt)} END)`,
          wrapupSeconds,
          updatedAt: new Date(),
        })
        .where(live(tenantId, id));
    },
    /** Appends to the call's timeline once per event key (INSERT IGNORE on the dedupe key). */
    async appendEvent(tenantId: string, callId: string, eventKey: string, type: string, at: Date, data: Record<string, unknown> | null) {
      await db.insert(callEvents).ignore().values({ tenantId, callId, eventKey: eventKey.slice(0, 191), type, at, data });
    },
    async listEvents(tenantId: string, callId: string, afterId: number | null, limit: number) {
      return db
        .select()
        .from(callEvents)
        .where(and(eq(callEvents.tenantId, tenantId), eq(callEvents.callId, callId), afterId === null ? undefined : gt(callEvents.id, afterId)))
        .orderBy(asc(callEvents.id))
        .limit(limit);
    },
    async listLive(tenantId: string, f: { queueId?: string; agentUserId?: string }, beforeId: string | null, limit: number) {
      return db
        .select()
        .from(callRecords)
        .where(
          and(
            eq(callRecords.tenantId, tenantId),
            ne(callRecords.status, 'ended'),
            f.queueId ? eq(callRecords.queueId, f.queueId) : undefined,
            f.agentUserId ? eq(callRecords.agentUserId, f.agentUserId) : undefined,
            beforeId ? lt(callRecords.id, beforeId) : undefined,
          ),
        )
        .orderBy(desc(callRecords.id))
        .limit(limit);
    },
  };
}
export type CallsRepository = ReturnType<typeof createCallsRepository>;
