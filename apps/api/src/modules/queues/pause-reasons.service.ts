import type {
  CreatePauseReasonInput,
  ListPauseReasonsQuery,
  Page,
  PauseReason,
  UpdatePauseReasonInput,
} from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { isDuplicateKey } from '../users/sql-helpers';
import type { PauseReasonRow, PauseReasonsRepository } from './pause-reasons.repository';

export function toPauseReason(r: PauseReasonRow): PauseReason {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    paid: r.paid,
    max_minutes: r.maxMinutes,
    enabled: r.enabled,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function duplicate(err: unknown) {
  for (const [index, field] of [
    ['pause_reasons_tenant_name_uq', 'name'],
    ['pause_reasons_tenant_code_uq', 'code'],
  ] as const) {
    if (isDuplicateKey(err, index)) {
      return new AppError('ALREADY_EXISTS', `body.${field}: a pause reason with this ${field} already exists`, {
        fields: [{ path: `body.${field}`, message: `A pause reason with this ${field} already exists` }],
      });
    }
  }
  return err;
}

/**
 * Why an agent is paused. Agent state history keeps the reason id, so deleting a reason that was
 * used only orphans the label in old reports; disabling it (`enabled: false`) keeps it for them.
 */
export function createPauseReasonsService(deps: { db: Database; repo: PauseReasonsRepository; audit: AuditService; clock: Clock }) {
  const { db, repo, audit, clock } = deps;

  async function get(ctx: TenantContext, id: string) {
    const row = await repo.findById(ctx.tenantId, id);
    if (!row) throw notFound('Pause reason');
    return toPauseReason(row);
  }

  return {
    get,
    async list(ctx: TenantContext, q: ListPauseReasonsQuery): Promise<Page<PauseReason>> {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toPauseReason), nextCursor: page.nextCursor };
    },
    async create(ctx: TenantContext, input: CreatePauseReasonInput): Promise<PauseReason> {
      const id = newId();
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          await repo.insert(
            {
              id,
              tenantId: ctx.tenantId,
              name: input.name,
              code: input.code,
              paid: input.paid,
              maxMinutes: input.max_minutes,
              enabled: input.enabled,
              createdAt: now,
              updatedAt: now,
            },
            tx,
          );
          await audit.record(ctx, { action: 'pause_reason.create', entityType: 'pause_reason', entityId: id, after: input }, tx);
        });
      } catch (err) {
        throw duplicate(err);
      }
      return get(ctx, id);
    },
    async update(ctx: TenantContext, id: string, input: UpdatePauseReasonInput): Promise<PauseReason> {
      try {
        await db.transaction(async (tx) => {
          const before = await repo.findById(ctx.tenantId, id, tx, true);
          if (!before) throw notFound('Pause reason');
          await repo.update(
            ctx.tenantId,
            id,
            {
              ...(input.name !== undefined ? { name: input.name } : {}),
              ...(input.code !== undefined ? { code: input.code } : {}),
              ...(input.paid !== undefined ? { paid: input.paid } : {}),
              ...(input.max_minutes !== undefined ? { maxMinutes: input.max_minutes } : {}),
              ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
              updatedAt: clock.now(),
            },
            tx,
          );
          await audit.record(
            ctx,
            { action: 'pause_reason.update', entityType: 'pause_reason', entityId: id, before: toPauseReason(before), after: input },
            tx,
          );
        });
      } catch (err) {
        throw duplicate(err);
      }
      return get(ctx, id);
    },
    async remove(ctx: TenantContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx, true);
        if (!before) throw notFound('Pause reason');
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(
          ctx,
          { action: 'pause_reason.delete', entityType: 'pause_reason', entityId: id, before: toPauseReason(before) },
          tx,
        );
      });
    },
  };
}
export type PauseReasonsService = ReturnType<typeof createPauseReasonsService>;
