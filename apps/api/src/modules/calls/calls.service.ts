import type { CallEvent, CallRecord, TransferInput } from '@switchboard/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { queues, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { TenantContext } from '../../plugins/context';
import type { Telephony } from '../../telephony/telephony.service';
import type { CallRouter } from '../../telephony/router/call-router';
import type { RoutingDirectory } from '../../telephony/router/ports';
import type { CallRow, CallsRepository } from './calls.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCallRecord(r: CallRow, names: { queues: Map<string, string>; users: Map<string, string> }): CallRecord {
  return {
    id: r.id,
    direction: r.direction,
    status: r.status,
    disposition: r.disposition,
    did: r.did,
    caller_number: r.callerNumber,
    caller_name: r.callerName,
    callee_number: r.calleeNumber,
    queue_id: r.queueId,
    queue_name: r.queueId ? (names.queues.get(r.queueId) ?? null) : null,
    agent_user_id: r.agentUserId,
    agent_name: r.agentUserId ? (names.users.get(r.agentUserId) ?? null) : null,
    entered_at: r.enteredAt.toISOString(),
    queued_at: iso(r.queuedAt),
    answered_at: iso(r.answeredAt),
    ended_at: iso(r.endedAt),
    wait_seconds: r.waitSeconds,
    talk_seconds: r.talkSeconds,
    hold_seconds: r.holdSeconds,
    on_hold: r.holdStartedAt !== null,
    muted: r.muted,
    recording: r.recording,
    overflowed: r.overflowed,
    transfers: r.transfers,
    recording_ref: r.recordingRef,
    simulated: r.simulated,
  };
}

/**
 * Live calls and call control. Reads come from the call records (any API instance can answer);
 * control goes to the call router running in this process's worker role.
 */
export function createCallsService(deps: { db: Database; repo: CallsRepository; telephony: Telephony; directory: RoutingDirectory }) {
  /** Call control runs as router work, in order with the ARI events of the same calls. */
  function control<T>(fn: (c: CallRouter['control']) => Promise<T>): Promise<T> {
    const router = deps.telephony.router();
    return router.run(() => fn(router.control));
  }

  async function names(tenantId: string, rows: CallRow[]) {
    const queueIds = [...new Set(rows.map((r) => r.queueId).filter((x): x is string => !!x))];
    const userIds = [...new Set(rows.map((r) => r.agentUserId).filter((x): x is string => !!x))];
    const [qs, us] = await Promise.all([
      queueIds.length
        ? deps.db.select({ id: queues.id, name: queues.name }).from(queues).where(and(eq(queues.tenantId, tenantId), inArray(queues.id, queueIds)))
        : [],
      userIds.length
        ? deps.db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds)))
        : [],
    ]);
    return { queues: new Map(qs.map((q) => [q.id, q.name])), users: new Map(us.map((u) => [u.id, u.name])) };
  }

  /** Agents see their own calls; supervisors see every call of the tenant. */
  const scopeAgent = (ctx: TenantContext, requested?: string) =>
    ctx.permissions.has('calls.supervise') ? requested : ctx.userId;

  async function ownedLive(ctx: TenantContext, callId: string) {
    const row = await deps.repo.findById(ctx.tenantId, callId);
    if (!row) throw new AppError('NOT_FOUND', 'Call not found');
    if (row.endedAt) throw new AppError('INVALID_STATE', 'The call has ended');
    if (!ctx.permissions.has('calls.supervise') && row.agentUserId !== ctx.userId) {
      throw new AppError('FORBIDDEN', 'You can only control your own calls');
    }
    return row;
  }

  return {
    async listLive(ctx: TenantContext, q: { limit: number; cursor?: string; queue_id?: string; agent_user_id?: string }) {
      const [before] = decodeCursor(q.cursor) ?? [null];
      const rows = await deps.repo.listLive(
        ctx.tenantId,
        { queueId: q.queue_id, agentUserId: scopeAgent(ctx, q.agent_user_id) },
        before === null ? null : String(before),
        q.limit + 1,
      );
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      const n = await names(ctx.tenantId, page.items);
      return { items: page.items.map((r) => toCallRecord(r, n)), nextCursor: page.nextCursor };
    },
    async get(ctx: TenantContext, id: string) {
      const row = await deps.repo.findById(ctx.tenantId, id);
      if (!row || (!ctx.permissions.has('calls.supervise') && !ctx.permissions.has('cdr.read') && row.agentUserId !== ctx.userId)) {
        throw new AppError('NOT_FOUND', 'Call not found');
      }
      return toCallRecord(row, await names(ctx.tenantId, [row]));
    },
    async events(ctx: TenantContext, id: string, q: { limit: number; cursor?: string }): Promise<{ items: CallEvent[]; nextCursor: string | null }> {
      await this.get(ctx, id);
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await deps.repo.listEvents(ctx.tenantId, id, after === null ? null : Number(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return {
        items: page.items.map((e) => ({ id: String(e.id), type: e.type, at: e.at.toISOString(), data: e.data ?? null })),
        nextCursor: page.nextCursor,
      };
    },
    async hangup(ctx: TenantContext, id: string) {
      await ownedLive(ctx, id);
      await control((c) => c.hangup(ctx.tenantId, id));
    },
    async hold(ctx: TenantContext, id: string, onHold: boolean) {
      await ownedLive(ctx, id);
      await control((c) => c.hold(ctx.tenantId, id, onHold));
    },
    async mute(ctx: TenantContext, id: string, muted: boolean) {
      await ownedLive(ctx, id);
      await control((c) => c.mute(ctx.tenantId, id, muted));
    },
    async record(ctx: TenantContext, id: string, on: boolean) {
      await ownedLive(ctx, id);
      if (ctx.features && !ctx.features.recording) throw new AppError('FEATURE_DISABLED', 'Recording is not enabled for this organisation');
      await control((c) => c.record(ctx.tenantId, id, on));
    },
    async transfer(ctx: TenantContext, id: string, input: TransferInput) {
      await ownedLive(ctx, id);
      if (input.kind === 'blind') return control((c) => c.blindTransfer(ctx.tenantId, id, ctx.userId, input.target));
      return control((c) => c.consult(ctx.tenantId, id, input.target));
    },
    async finishTransfer(ctx: TenantContext, id: string, action: 'complete' | 'cancel') {
      await ownedLive(ctx, id);
      await control((c) => c.finishConsult(ctx.tenantId, id, ctx.userId, action));
    },
    async supervise(ctx: TenantContext, id: string, mode: 'listen' | 'whisper' | 'barge') {
      await ownedLive(ctx, id);
      return control((c) => c.supervise(ctx.tenantId, id, ctx.userId, mode));
    },
    async originate(ctx: TenantContext, number: string) {
      if (!(await deps.directory.endpointForUser(ctx.tenantId, ctx.userId))) {
        throw new AppError('UNPROCESSABLE', 'You have no phone (endpoint) assigned: ask an admin to assign one');
      }
      const call = await control((c) => c.clickToCall(ctx.tenantId, ctx.userId, number));
      return { call_id: call.id };
    },
  };
}
export type CallsService = ReturnType<typeof createCallsService>;
