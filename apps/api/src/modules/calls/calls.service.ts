import type { CallDetail, CallEvent, CallRecord, CallSegment, TransferInput } from '@switchboard/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { queues, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { TenantContext } from '../../plugins/context';
import type { Telephony } from '../../telephony/telephony.service';
import type { CallRouter } from '../../telephony/router/call-router';
import type { RoutingDirectory } from '../../telephony/router/ports';
import type { CallRow, CallsRepository, SegmentRow } from './calls.repository';
import type { OutboundPolicyService } from '../outbound/outbound.service';
import { Readable } from 'node:stream';
import { AriError } from '../../telephony/ari/index';
import { parseByteRange, sliceStream } from '../../lib/byte-range';
import type { AuditService } from '../audit/audit.service';

/** A call's recording ready to send: 200 with the whole file or 206 with the asked range. */
export type RecordingAudio = {
  status: 200 | 206;
  headers: Record<string, string | number>;
  body: Readable;
};

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
    current_agent_user_id: r.currentAgentUserId,
    current_agent_name: r.currentAgentUserId ? (names.users.get(r.currentAgentUserId) ?? null) : null,
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

export function toCallSegment(g: SegmentRow, users: Map<string, string>): CallSegment {
  return {
    id: g.id,
    kind: g.kind,
    user_id: g.userId,
    user_name: g.userId ? (users.get(g.userId) ?? null) : null,
    endpoint_id: g.endpointId,
    extension: g.extension,
    number: g.number,
    offered_at: iso(g.offeredAt),
    answered_at: g.answeredAt.toISOString(),
    joined_at: g.joinedAt.toISOString(),
    ended_at: iso(g.endedAt),
    talk_seconds: g.talkSeconds,
    hold_seconds: g.holdSeconds,
  };
}

/** Each agent's talk and hold on the call, their segments added up (talk null while one is open). */
export function agentTalk(segments: CallSegment[]): CallDetail['agent_talk'] {
  const byUser = new Map<string, CallDetail['agent_talk'][number]>();
  for (const g of segments) {
    if (!g.user_id) continue;
    const t = byUser.get(g.user_id) ?? { user_id: g.user_id, user_name: g.user_name, talk_seconds: 0, hold_seconds: 0 };
    t.talk_seconds = t.talk_seconds === null || g.talk_seconds === null ? null : Math.round((t.talk_seconds + g.talk_seconds) * 1000) / 1000;
    t.hold_seconds = Math.round((t.hold_seconds + g.hold_seconds) * 1000) / 1000;
    byUser.set(g.user_id, t);
  }
  return [...byUser.values()];
}

/**
 * Live calls and call control. Reads come from the call records (any API instance can answer);
 * control goes to the call router running in this process's worker role.
 */
export function createCallsService(deps: {
  db: Database;
  repo: CallsRepository;
  telephony: Telephony;
  directory: RoutingDirectory;
  /** The outbound calling policy (issue 16.6); every number this service dials out is checked. */
  outbound?: Pick<OutboundPolicyService, 'assert'>;
  /** Every listen to a recording is recorded (issue 8). */
  audit: Pick<AuditService, 'record'>;
}) {
  const mayDial = async (ctx: TenantContext, number: string, path: string) =>
    deps.outbound?.assert(ctx.tenantId, number, { kind: 'user', permissions: ctx.permissions }, path);
  /**
   * Call control runs as router work in the call's lane, in order with the ARI events of the same
   * call; click to call (no call yet) in the agent's own lane, so one agent's clicks queue.
   */
  function control<T>(
    router: CallRouter,
    of: { callId: string } | { userId: string },
    fn: (c: CallRouter['control']) => Promise<T>,
  ): Promise<T> {
    const work = () => fn(router.control);
    return 'callId' in of ? router.runForCall(of.callId, work) : router.runIn(`user:${of.userId}`, work);
  }
  /** Control of a live call goes to the router of the Asterisk that owns it (issue 8). */
  const routerOf = (row: CallRow) => deps.telephony.routerFor(row.owner ?? null);

  async function names(tenantId: string, rows: CallRow[], segments: SegmentRow[] = []) {
    const queueIds = [...new Set(rows.map((r) => r.queueId).filter((x): x is string => !!x))];
    const userIds = [
      ...new Set(
        [...rows.flatMap((r) => [r.agentUserId, r.currentAgentUserId]), ...segments.map((g) => g.userId)].filter(
          (x): x is string => !!x,
        ),
      ),
    ];
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

  /** Who may control a call: the agent on it now, or before anyone answered the agent being rung. */
  const controller = (row: CallRow) => (row.answeredAt ? row.currentAgentUserId : row.agentUserId);

  async function ownedLive(ctx: TenantContext, callId: string) {
    const row = await deps.repo.findById(ctx.tenantId, callId);
    if (!row) throw new AppError('NOT_FOUND', 'Call not found');
    if (row.endedAt) throw new AppError('INVALID_STATE', 'The call has ended');
    // The agent on the call now controls it (after a transfer: the target, not who answered first).
    if (!ctx.permissions.has('calls.supervise') && controller(row) !== ctx.userId) {
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
    async get(ctx: TenantContext, id: string): Promise<CallDetail> {
      const row = await deps.repo.findById(ctx.tenantId, id);
      if (!row) throw new AppError('NOT_FOUND', 'Call not found');
      const rows = await deps.repo.listSegments(ctx.tenantId, id);
      // An agent sees the calls they handled any part of.
      const handled = row.agentUserId === ctx.userId || row.currentAgentUserId === ctx.userId || rows.some((g) => g.userId === ctx.userId);
      if (!ctx.permissions.has('calls.supervise') && !ctx.permissions.has('cdr.read') && !handled) {
        throw new AppError('NOT_FOUND', 'Call not found');
      }
      const n = await names(ctx.tenantId, [row], rows);
      const segments = rows.map((g) => toCallSegment(g, n.users));
      return { ...toCallRecord(row, n), segments, agent_talk: agentTalk(segments) };
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
      const row = await ownedLive(ctx, id);
      await control(routerOf(row), { callId: id }, (c) => c.hangup(ctx.tenantId, id));
    },
    async hold(ctx: TenantContext, id: string, onHold: boolean) {
      const row = await ownedLive(ctx, id);
      await control(routerOf(row), { callId: id }, (c) => c.hold(ctx.tenantId, id, onHold));
    },
    async mute(ctx: TenantContext, id: string, muted: boolean) {
      const row = await ownedLive(ctx, id);
      await control(routerOf(row), { callId: id }, (c) => c.mute(ctx.tenantId, id, muted));
    },
    async record(ctx: TenantContext, id: string, on: boolean) {
      const row = await ownedLive(ctx, id);
      if (ctx.features && !ctx.features.recording) throw new AppError('FEATURE_DISABLED', 'Recording is not enabled for this organisation');
      await control(routerOf(row), { callId: id }, (c) => c.record(ctx.tenantId, id, on));
    },
    async transfer(ctx: TenantContext, id: string, input: TransferInput) {
      if (input.target.type === 'number') await mayDial(ctx, input.target.number, 'body.target.number');
      const row = await ownedLive(ctx, id);
      if (input.kind === 'blind') return control(routerOf(row), { callId: id }, (c) => c.blindTransfer(ctx.tenantId, id, ctx.userId, input.target));
      return control(routerOf(row), { callId: id }, (c) => c.consult(ctx.tenantId, id, input.target));
    },
    async finishTransfer(ctx: TenantContext, id: string, action: 'complete' | 'cancel') {
      const row = await ownedLive(ctx, id);
      await control(routerOf(row), { callId: id }, (c) => c.finishConsult(ctx.tenantId, id, ctx.userId, action));
    },
    async supervise(ctx: TenantContext, id: string, mode: 'listen' | 'whisper' | 'barge') {
      const row = await ownedLive(ctx, id);
      return control(routerOf(row), { callId: id }, (c) => c.supervise(ctx.tenantId, id, ctx.userId, mode));
    },
    /**
     * A call's recording, streamed from the Asterisk that recorded it (ARI
     * `GET /recordings/stored/{name}/file`). Asterisk 22 answers a Range request with the whole
     * file, so a range is cut from the stream here (206); should Asterisk answer 206 itself, its
     * answer is passed on. Each answer that sends audio is audited first (`recording.listen`); a
     * HEAD request gets the same status and headers, reads no audio and is not audited.
     */
    async recordingAudio(ctx: TenantContext, id: string, opts: { range?: string; head?: boolean } = {}): Promise<RecordingAudio> {
      const { range } = opts;
      const row = await deps.repo.findById(ctx.tenantId, id);
      if (!row) throw new AppError('NOT_FOUND', 'Call not found');
      if (ctx.features && !ctx.features.recording) throw new AppError('FEATURE_DISABLED', 'Recording is not enabled for this organisation');
      const name = row.recordingRef;
      if (!name) throw new AppError('NOT_FOUND', 'This call has no recording');
      if (row.recording && !row.endedAt) {
        throw new AppError('INVALID_STATE', 'The call is still being recorded: the recording can be played once it stops or the call ends');
      }
      const ari = deps.telephony.ariFor(row.owner ?? null);
      const server = row.owner ?? ari.name;
      let file: Awaited<ReturnType<typeof ari.recordings.streamStoredFile>>;
      try {
        file = await ari.recordings.streamStoredFile(name, { range });
      } catch (err) {
        if (!(err instanceof AriError)) throw err;
        if (err.status === 404) {
          throw new AppError('NOT_FOUND', `The recording of this call (${name}) is no longer on phone system "${server}"`, { asterisk: server });
        }
        if (err.status === 0) {
          throw new AppError('SERVICE_UNAVAILABLE', `Phone system "${server}" did not answer for the recording; try again shortly`, { asterisk: server });
        }
        throw new AppError('TELEPHONY_ERROR', `Phone system "${server}" could not send the recording (${err.status} ${err.message})`, { asterisk: server });
      }
      const size = Number(file.headers['content-length']);
      const known = file.headers['content-length'] !== undefined && Number.isSafeInteger(size);
      const wanted = file.status === 200 && known ? parseByteRange(range, size) : null;
      if (wanted === 'unsatisfiable') {
        file.body.destroy();
        throw new AppError('RANGE_NOT_SATISFIABLE', `The range "${range}" is outside the recording (${size} bytes)`, { size });
      }
      const status: 200 | 206 = file.status === 206 || wanted ? 206 : 200;
      const headers: Record<string, string | number> = {
        'content-type': file.headers['content-type'] ?? 'audio/wav',
        'accept-ranges': 'bytes',
        'content-disposition': `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.wav"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      };
      if (file.status === 206) {
        if (file.headers['content-range']) headers['content-range'] = file.headers['content-range'];
        if (known) headers['content-length'] = size;
      } else if (wanted) {
        headers['content-range'] = `bytes ${wanted.start}-${wanted.end}/${size}`;
        headers['content-length'] = wanted.end - wanted.start + 1;
      } else if (known) {
        headers['content-length'] = size;
      }
      if (opts.head) {
        // HEAD: the headers only; nobody listened, so nothing to audit and nothing more to read.
        file.body.destroy();
        return { status, headers, body: Readable.from([]) };
      }
      try {
        await deps.audit.record(ctx, {
          action: 'recording.listen',
          entityType: 'call',
          entityId: row.id,
          after: { recording_ref: name, asterisk: server, range: range ?? null, status },
        });
      } catch (err) {
        file.body.destroy();
        throw err;
      }
      return { status, headers, body: wanted ? sliceStream(file.body, wanted) : file.body };
    },
    async originate(ctx: TenantContext, number: string) {
      await mayDial(ctx, number, 'body.number');
      const phone = await deps.directory.endpointForUser(ctx.tenantId, ctx.userId);
      if (!phone) {
        throw new AppError('UNPROCESSABLE', 'You have no phone (endpoint) assigned: ask an admin to assign one');
      }
      const call = await control(deps.telephony.routerForPhone(phone.araId), { userId: ctx.userId }, (c) => c.clickToCall(ctx.tenantId, ctx.userId, number));
      return { call_id: call.id };
    },
  };
}
export type CallsService = ReturnType<typeof createCallsService>;
