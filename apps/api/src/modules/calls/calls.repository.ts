import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { callEvents, callRecords, callSegments, type CallSegmentKind, type TransferStep } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import { registerTenantTables } from '../../lib/query-audit';

registerTenantTables('call_records', 'call_events', 'call_segments');

export type CallRow = typeof callRecords.$inferSelect;
export type Disposition = NonNullable<CallRow['disposition']>;
export type SegmentRow = typeof callSegments.$inferSelect;

/** A leg that joined the caller: who (user, endpoint/extension or outside number) and how. */
export type OpenSegmentInput = {
  key: string;
  kind: CallSegmentKind;
  userId: string | null;
  endpointId: string | null;
  extension: string | null;
  number: string | null;
  channelId: string | null;
  offeredAt: Date | null;
  answeredAt: Date;
  joinedAt: Date;
  /** The caller is on hold when the leg joins (an attended transfer completing): its hold starts now. */
  onHold?: boolean;
};

/** Seconds covered by at least one of the intervals (segments of an internal call overlap; transfers follow each other). */
export function coveredSeconds(intervals: { from: Date; to: Date }[]): number {
  const sorted = intervals
    .map((i) => [i.from.getTime(), i.to.getTime()] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (a > end) {
      total += b - a;
      end = b;
    } else if (b > end) {
      total += b - end;
      end = b;
    }
  }
  return total / 1000;
}

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
  const openSegmentsOf = (tenantId: string, callId: string) =>
    and(eq(callSegments.tenantId, tenantId), eq(callSegments.callId, callId), isNull(callSegments.endedAt));

  /** Hold inside a segment is not its talk time: the segments joined to the caller follow the call's hold. */
  async function segmentHold(tenantId: string, callId: string, onHold: boolean, at: Date) {
    if (onHold) {
      await db
        .update(callSegments)
        .set({ holdStartedAt: sql`COALESCE(${callSegments.holdStartedAt}, ${at})`, updatedAt: new Date() })
        .where(openSegmentsOf(tenantId, callId));
    } else {
      await db
        .update(callSegments)
        .set({
          holdSeconds: sql`${callSegments.holdSeconds} + GREATEST(0, ${secondsBetween(at, callSegments.holdStartedAt)})`,
          holdStartedAt: null,
          updatedAt: new Date(),
        })
        .where(and(openSegmentsOf(tenantId, callId), sql`${callSegments.holdStartedAt} IS NOT NULL`));
    }
  }

  /** Ends open segments once (one, or all of the call's): talk = joined → end minus the hold inside. */
  async function endSegments(tenantId: string, callId: string, at: Date, key?: string) {
    const pendingHold = sql`COALESCE(GREATEST(0, ${secondsBetween(at, callSegments.holdStartedAt)}), 0)`;
    await db
      .update(callSegments)
      .set({
        // MariaDB assigns left to right, in the table's column order (drizzle): talk and hold read
        // hold_seconds and hold_started_at before they change.
        talkSeconds: sql`GREATEST(0, ${secondsBetween(at, callSegments.joinedAt)} - ${callSegments.holdSeconds} - ${pendingHold})`,
        holdSeconds: sql`${callSegments.holdSeconds} + ${pendingHold}`,
        holdStartedAt: null,
        endedAt: sql`GREATEST(${at}, ${callSegments.joinedAt})`,
        updatedAt: new Date(),
      })
      .where(and(openSegmentsOf(tenantId, callId), key ? eq(callSegments.segmentKey, key.slice(0, 128)) : undefined));
  }

  return {
    /** Creates the record for a call key, or returns the existing one. */
    async open(input: OpenCallInput): Promise<CallRow> {
      const now = new Date();
      const row = {
        id: newId(),
        ...input,
        status: 'routing' as const,
        holdSeconds: 0,
        muted: false,
        recording: false,
        overflowed: false,
        transfers: [],
        createdAt: now,
        updatedAt: now,
      };
      // One round trip for a new call (it is on the caller's way to an agent); a replayed start
      // (D3) finds the row its call key already has.
      const [res] = await db.insert(callRecords).ignore().values(row);
      if (res.affectedRows === 1) {
        // Every column the insert did not name is null (the table has no defaults).
        const blank = Object.fromEntries(Object.keys(getTableColumns(callRecords)).map((k) => [k, null]));
        return { ...blank, ...row } as unknown as CallRow;
      }
      const [existing] = await db
        .select()
        .from(callRecords)
        .where(and(eq(callRecords.tenantId, input.tenantId), eq(callRecords.callKey, input.callKey)))
        .limit(1);
      return existing!;
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
          // The first agent who answered stays (reports: who answered); the one on the call now is current.
          agentUserId: sql`CASE WHEN ${callRecords.answeredAt} IS NULL OR ${callRecords.agentUserId} IS NULL THEN ${agentUserId} ELSE ${callRecords.agentUserId} END`,
          currentAgentUserId: agentUserId,
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
      await segmentHold(tenantId, id, onHold, at);
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
    /**
     * A leg joined the caller: one segment per key, whatever the replays (D3). Returns false when
     * the segment already existed.
     */
    async openSegment(tenantId: string, callId: string, s: OpenSegmentInput): Promise<boolean> {
      const now = new Date();
      const [res] = await db
        .insert(callSegments)
        .ignore()
        .values({
          id: newId(),
          tenantId,
          callId,
          segmentKey: s.key.slice(0, 128),
          kind: s.kind,
          userId: s.userId,
          endpointId: s.endpointId,
          extension: s.extension,
          number: s.number,
          channelId: s.channelId,
          offeredAt: s.offeredAt,
          answeredAt: s.answeredAt,
          joinedAt: s.joinedAt,
          holdSeconds: 0,
          holdStartedAt: s.onHold ? s.joinedAt : null,
          createdAt: now,
          updatedAt: now,
        });
      return (res as { affectedRows?: number }).affectedRows === 1;
    },
    /** The leg left the caller (transfer out): its end and talk are written once. */
    async endSegment(tenantId: string, callId: string, key: string, at: Date) {
      await endSegments(tenantId, callId, at, key);
    },
    /** The agent left the call (blind transfer): nobody is on it until the target answers. */
    async agentLeft(tenantId: string, id: string) {
      await db.update(callRecords).set({ currentAgentUserId: null, updatedAt: new Date() }).where(live(tenantId, id));
    },
    async listSegments(tenantId: string, callId: string) {
      return db
        .select()
        .from(callSegments)
        .where(and(eq(callSegments.tenantId, tenantId), eq(callSegments.callId, callId)))
        .orderBy(asc(callSegments.joinedAt), asc(callSegments.id));
    },
    async listSegmentsForCalls(tenantId: string, callIds: string[]) {
      if (!callIds.length) return [];
      return db
        .select()
        .from(callSegments)
        .where(and(eq(callSegments.tenantId, tenantId), inArray(callSegments.callId, callIds)))
        .orderBy(asc(callSegments.joinedAt), asc(callSegments.id));
    },
    /**
     * Writes the end once. Talk time excludes hold; a caller who never reached an agent keeps its
     * wait. Open segments end with the call; when the call has segments its talk time is the time
     * some segment was joined minus hold, so a caller waiting for a transfer target is not talking
     * and the agents' talk adds up to the call's.
     */
    async ended(tenantId: string, id: string, at: Date, disposition: Disposition, wrapupSeconds: number | null) {
      await endSegments(tenantId, id, at);
      const segments = await db
        .select({ joinedAt: callSegments.joinedAt, endedAt: callSegments.endedAt })
        .from(callSegments)
        .where(and(eq(callSegments.tenantId, tenantId), eq(callSegments.callId, id)));
      const covered = segments.length
        ? coveredSeconds(segments.map((g) => ({ from: g.joinedAt, to: g.endedAt ?? at })))
        : null;
      const pendingHold = sql`COALESCE(${secondsBetween(at, callRecords.holdStartedAt)}, 0)`;
      const talk =
        covered === null
          ? sql`CASE WHEN ${callRecords.answeredAt} IS NULL THEN NULL ELSE GREATEST(0, ${secondsBetween(at, callRecords.answeredAt)} - ${callRecords.holdSeconds} - ${pendingHold}) END`
          : sql`GREATEST(0, ${covered} - ${callRecords.holdSeconds} - ${pendingHold})`;
      await db
        .update(callRecords)
        .set({
          status: 'ended',
          endedAt: at,
          disposition: sql`COALESCE(${callRecords.disposition}, ${disposition})`,
          holdSeconds: sql`${callRecords.holdSeconds} + COALESCE(${secondsBetween(at, callRecords.holdStartedAt)}, 0)`,
          holdStartedAt: null,
          talkSeconds: talk,
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
            // An agent's calls: the one they are on now, or (not answered yet) the one ringing them.
            f.agentUserId
              ? sql`(${callRecords.currentAgentUserId} = ${f.agentUserId} OR (${callRecords.answeredAt} IS NULL AND ${callRecords.agentUserId} = ${f.agentUserId}))`
              : undefined,
            beforeId ? lt(callRecords.id, beforeId) : undefined,
          ),
        )
        .orderBy(desc(callRecords.id))
        .limit(limit);
    },
  };
}
export type CallsRepository = ReturnType<typeof createCallsRepository>;
