import type { CreateDidInput, Did, ListDidsQuery, Page, UpdateDidInput } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { AppError, fieldError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { assertWithinLimit } from '../tenants/limits';
import { isDuplicateKey } from '../users/sql-helpers';
import { unresolvedReference, type DestinationsService } from './destinations.service';
import type { DidRow, DidsRepository, NewDidRow } from './dids.repository';
import { publicUrlProblem } from './public-url';

export function toDid(r: DidRow): Did {
  return {
    id: r.id,
    number: r.number,
    description: r.description,
    destination: r.destination,
    time_condition:
      r.timeConditionMode === 'schedule' && r.scheduleId
        ? { mode: 'schedule', schedule_id: r.scheduleId }
        : r.timeConditionMode === 'business_hours'
          ? { mode: 'business_hours' }
          : null,
    closed_destination: r.closedDestination ?? null,
    unanswered_fallback: r.unansweredFallback,
    caller_id_name_prefix: r.callerIdNamePrefix,
    recording_enabled: r.recordingEnabled,
    sms: { enabled: r.smsEnabled, webhook_url: r.smsWebhookUrl, allowed_senders: r.smsAllowedSenders },
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

type DidFields = Omit<Did, 'id' | 'created_at' | 'updated_at'>;

function toColumns(f: DidFields): Omit<NewDidRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'> {
  return {
    number: f.number,
    description: f.description,
    destination: f.destination,
    destinationType: f.destination.type,
    timeConditionMode: f.time_condition?.mode ?? null,
    scheduleId: f.time_condition?.mode === 'schedule' ? f.time_condition.schedule_id : null,
    closedDestination: f.closed_destination,
    unansweredFallback: f.unanswered_fallback,
    callerIdNamePrefix: f.caller_id_name_prefix || null,
    recordingEnabled: f.recording_enabled,
    smsEnabled: f.sms.enabled,
    smsWebhookUrl: f.sms.webhook_url,
    smsAllowedSenders: [...new Set(f.sms.allowed_senders)],
  };
}

const numberTaken = (err: unknown) =>
  isDuplicateKey(err, 'dids_number_uq')
    ? new AppError('ALREADY_EXISTS', 'body.number: this number is already in use', {
        fields: [{ path: 'body.number', message: 'This number is already in use' }],
      })
    : err;

export type DidsServiceDeps = {
  db: Database;
  repo: DidsRepository;
  destinations: DestinationsService;
  audit: AuditService;
  clock: Clock;
};

export function createDidsService(deps: DidsServiceDeps) {
  const { db, repo, destinations, audit, clock } = deps;

  /** Checks a complete DID (after merging an update): shape rules, then references in this tenant. */
  async function validate(exec: Executor, tenantId: string, f: DidFields) {
    if (f.time_condition && !f.closed_destination) {
      throw fieldError('body.closed_destination', 'Required when a time condition is set');
    }
    if (!f.time_condition && f.closed_destination) {
      throw fieldError('body.closed_destination', 'Only used with a time condition; set time_condition or leave this null');
    }
    if (f.sms.webhook_url) {
      const problem = publicUrlProblem(f.sms.webhook_url);
      if (problem) throw fieldError('body.sms.webhook_url', problem);
    }
    await destinations.check(exec, tenantId, f.destination, 'body.destination');
    await destinations.check(exec, tenantId, f.closed_destination, 'body.closed_destination');
    if (f.time_condition?.mode === 'schedule' && !(await repo.lockSchedule(tenantId, f.time_condition.schedule_id, exec))) {
      throw unresolvedReference('body.time_condition.schedule_id', 'No such schedule in this organisation');
    }
  }

  async function get(ctx: TenantContext, id: string): Promise<Did> {
    const row = await repo.findById(ctx.tenantId, id);
    if (!row) throw notFound('DID');
    return toDid(row);
  }

  return {
    get,

    async list(ctx: TenantContext, q: ListDidsQuery): Promise<Page<Did>> {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toDid), nextCursor: page.nextCursor };
    },

    async create(ctx: TenantContext, input: CreateDidInput): Promise<Did> {
      const id = newId();
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          await assertWithinLimit(tx, ctx.tenantId, 'dids');
          await validate(tx, ctx.tenantId, input);
          await repo.insert({ ...toColumns(input), id, tenantId: ctx.tenantId, createdAt: now, updatedAt: now }, tx);
          await audit.record(ctx, { action: 'did.create', entityType: 'did', entityId: id, after: input }, tx);
        });
      } catch (err) {
        throw numberTaken(err);
      }
      return get(ctx, id);
    },

    async update(ctx: TenantContext, id: string, input: UpdateDidInput): Promise<Did> {
      try {
        await db.transaction(async (tx) => {
          const row = await repo.findById(ctx.tenantId, id, tx, true);
          if (!row) throw notFound('DID');
          const before = toDid(row);
          const merged: DidFields = { ...before };
          for (const [k, v] of Object.entries(input)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
          await validate(tx, ctx.tenantId, merged);
          await repo.update(ctx.tenantId, id, { ...toColumns(merged), updatedAt: clock.now() }, tx);
          await audit.record(ctx, { action: 'did.update', entityType: 'did', entityId: id, before, after: input }, tx);
        });
      } catch (err) {
        throw numberTaken(err);
      }
      return get(ctx, id);
    },

    async remove(ctx: TenantContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await repo.findById(ctx.tenantId, id, tx, true);
        if (!row) throw notFound('DID');
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(ctx, { action: 'did.delete', entityType: 'did', entityId: id, before: toDid(row) }, tx);
      });
    },
  };
}
export type DidsService = ReturnType<typeof createDidsService>;
