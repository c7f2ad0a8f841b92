import type {
  CreateScheduleInput,
  ListSchedulesQuery,
  Page,
  Schedule,
  UpdateScheduleInput,
} from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { isDuplicateKey } from '../users/sql-helpers';
import type { ScheduleRow, SchedulesRepository } from './schedules.repository';

export function toSchedule(r: ScheduleRow, timezone: string): Schedule {
  return {
    id: r.id,
    name: r.name,
    weekly_hours: r.weeklyHours,
    holidays: r.holidays,
    timezone,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const nameTaken = (err: unknown) =>
  isDuplicateKey(err, 'schedules_tenant_name_uq')
    ? new AppError('ALREADY_EXISTS', 'body.name: a schedule with this name already exists', {
        fields: [{ path: 'body.name', message: 'A schedule with this name already exists' }],
      })
    : err;

export function createSchedulesService(deps: { db: Database; repo: SchedulesRepository; audit: AuditService; clock: Clock }) {
  const { db, repo, audit, clock } = deps;

  async function get(ctx: TenantContext, id: string): Promise<Schedule> {
    const row = await repo.findById(ctx.tenantId, id);
    if (!row) throw notFound('Schedule');
    return toSchedule(row, await repo.tenantTimeZone(ctx.tenantId));
  }

  return {
    get,

    async list(ctx: TenantContext, q: ListSchedulesQuery): Promise<Page<Schedule>> {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const tz = await repo.tenantTimeZone(ctx.tenantId);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map((r) => toSchedule(r, tz)), nextCursor: page.nextCursor };
    },

    async create(ctx: TenantContext, input: CreateScheduleInput): Promise<Schedule> {
      const id = newId();
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          const row = { id, tenantId: ctx.tenantId, name: input.name, weeklyHours: input.weekly_hours, holidays: input.holidays };
          await repo.insert({ ...row, createdAt: now, updatedAt: now }, tx);
          await audit.record(ctx, { action: 'schedule.create', entityType: 'schedule', entityId: id, after: input }, tx);
        });
      } catch (err) {
        throw nameTaken(err);
      }
      return get(ctx, id);
    },

    async update(ctx: TenantContext, id: string, input: UpdateScheduleInput): Promise<Schedule> {
      try {
        await db.transaction(async (tx) => {
          const before = await repo.findById(ctx.tenantId, id, tx, true);
          if (!before) throw notFound('Schedule');
          await repo.update(
            ctx.tenantId,
            id,
            {
              ...(input.name !== undefined ? { name: input.name } : {}),
              ...(input.weekly_hours !== undefined ? { weeklyHours: input.weekly_hours } : {}),
              ...(input.holidays !== undefined ? { holidays: input.holidays } : {}),
              updatedAt: clock.now(),
            },
            tx,
          );
          await audit.record(
            ctx,
            {
              action: 'schedule.update',
              entityType: 'schedule',
              entityId: id,
              before: { name: before.name, weekly_hours: before.weeklyHours, holidays: before.holidays },
              after: input,
            },
            tx,
          );
        });
      } catch (err) {
        throw nameTaken(err);
      }
      return get(ctx, id);
    },

    async remove(ctx: TenantContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx, true);
        if (!before) throw notFound('Schedule');
        const users = await repo.usedByDids(ctx.tenantId, id, tx);
        if (users.length) {
          throw new AppError(
            'INVALID_STATE',
            `This schedule is still used by the time condition of DID ${users.map((d) => d.number).join(', ')}`,
            { referenced_by: users.map((d) => ({ kind: 'did', id: d.id, name: d.number })) },
          );
        }
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(ctx, { action: 'schedule.delete', entityType: 'schedule', entityId: id, before: { name: before.name } }, tx);
      });
    },
  };
}
export type SchedulesService = ReturnType<typeof createSchedulesService>;
