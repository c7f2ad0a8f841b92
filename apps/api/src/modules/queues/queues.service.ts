import type { CreateQueueInput, ListQueuesQuery, Page, Queue, UpdateQueueInput } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { assertWithinLimit } from '../tenants/limits';
import { isDuplicateKey } from '../users/sql-helpers';
import { inUse, unresolvedReference, type DestinationsService } from '../dids/destinations.service';
import type { NewQueueRow, QueueRow, QueuesRepository } from './queues.repository';

export function toQueue(r: QueueRow, memberCount: number): Queue {
  return {
    id: r.id,
    name: r.name,
    strategy: r.strategy,
    ring_timeout_seconds: r.ringTimeoutSeconds,
    retry_seconds: r.retrySeconds,
    wrapup_seconds: r.wrapupSeconds,
    max_wait_seconds: r.maxWaitSeconds,
    overflow_destination: r.overflowDestination ?? null,
    max_callers: r.maxCallers,
    music_class: r.musicClass,
    join_empty: r.joinEmpty,
    leave_when_empty: r.leaveWhenEmpty,
    announce_position: r.announcePosition,
    announce_hold_time: r.announceHoldTime,
    announce_frequency_seconds: r.announceFrequencySeconds,
    service_level_seconds: r.serviceLevelSeconds,
    enabled: r.enabled,
    member_count: memberCount,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

type QueueFields = Omit<Queue, 'id' | 'member_count' | 'created_at' | 'updated_at'>;

function toColumns(f: Partial<QueueFields>): Partial<NewQueueRow> {
  const c: Partial<NewQueueRow> = {};
  if (f.name !== undefined) c.name = f.name;
  if (f.strategy !== undefined) c.strategy = f.strategy;
  if (f.ring_timeout_seconds !== undefined) c.ringTimeoutSeconds = f.ring_timeout_seconds;
  if (f.retry_seconds !== undefined) c.retrySeconds = f.retry_seconds;
  if (f.wrapup_seconds !== undefined) c.wrapupSeconds = f.wrapup_seconds;
  if (f.max_wait_seconds !== undefined) c.maxWaitSeconds = f.max_wait_seconds;
  if (f.overflow_destination !== undefined) c.overflowDestination = f.overflow_destination;
  if (f.max_callers !== undefined) c.maxCallers = f.max_callers;
  if (f.music_class !== undefined) c.musicClass = f.music_class;
  if (f.join_empty !== undefined) c.joinEmpty = f.join_empty;
  if (f.leave_when_empty !== undefined) c.leaveWhenEmpty = f.leave_when_empty;
  if (f.announce_position !== undefined) c.announcePosition = f.announce_position;
  if (f.announce_hold_time !== undefined) c.announceHoldTime = f.announce_hold_time;
  if (f.announce_frequency_seconds !== undefined) c.announceFrequencySeconds = f.announce_frequency_seconds;
  if (f.service_level_seconds !== undefined) c.serviceLevelSeconds = f.service_level_seconds;
  if (f.enabled !== undefined) c.enabled = f.enabled;
  return c;
}

const nameTaken = (err: unknown) =>
  isDuplicateKey(err, 'queues_tenant_name_uq')
    ? new AppError('ALREADY_EXISTS', 'body.name: a queue with this name already exists', {
        fields: [{ path: 'body.name', message: 'A queue with this name already exists' }],
      })
    : err;

export type QueuesServiceDeps = {
  db: Database;
  repo: QueuesRepository;
  destinations: DestinationsService;
  audit: AuditService;
  clock: Clock;
};

export function createQueuesService(deps: QueuesServiceDeps) {
  const { db, repo, destinations, audit, clock } = deps;

  async function get(ctx: TenantContext, id: string): Promise<Queue> {
    const found = await repo.findWithMemberCount(ctx.tenantId, id);
    if (!found) throw notFound('Queue');
    return toQueue(found.row, found.members);
  }

  return {
    get,

    async list(ctx: TenantContext, q: ListQueuesQuery): Promise<Page<Queue>> {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      const counts = await repo.memberCounts(
        ctx.tenantId,
        page.items.map((r) => r.id),
      );
      return { items: page.items.map((r) => toQueue(r, counts.get(r.id) ?? 0)), nextCursor: page.nextCursor };
    },

    async create(ctx: TenantContext, input: CreateQueueInput): Promise<Queue> {
      const id = newId();
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          await assertWithinLimit(tx, ctx.tenantId, 'queues');
          await destinations.check(tx, ctx.tenantId, input.overflow_destination, 'body.overflow_destination');
          await repo.insert({ ...(toColumns(input) as NewQueueRow), id, tenantId: ctx.tenantId, createdAt: now, updatedAt: now }, tx);
          await audit.record(ctx, { action: 'queue.create', entityType: 'queue', entityId: id, after: input }, tx);
        });
      } catch (err) {
        throw nameTaken(err);
      }
      return get(ctx, id);
    },

    async update(ctx: TenantContext, id: string, input: UpdateQueueInput): Promise<Queue> {
      try {
        await db.transaction(async (tx) => {
          const before = await repo.findById(ctx.tenantId, id, tx, true);
          if (!before) throw notFound('Queue');
          const overflow = input.overflow_destination;
          if (overflow?.type === 'queue' && overflow.queue_id === id) {
            throw unresolvedReference('body.overflow_destination.queue_id', 'A queue cannot overflow into itself');
          }
          await destinations.check(tx, ctx.tenantId, overflow, 'body.overflow_destination');
          await repo.update(ctx.tenantId, id, { ...toColumns(input), updatedAt: clock.now() }, tx);
          await audit.record(
            ctx,
            { action: 'queue.update', entityType: 'queue', entityId: id, before: toQueue(before, 0), after: input },
            tx,
          );
        });
      } catch (err) {
        throw nameTaken(err);
      }
      return get(ctx, id);
    },

    /** Refused (409) while a DID, another queue's overflow or an IVR menu still routes calls here. */
    async remove(ctx: TenantContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx, true);
        if (!before) throw notFound('Queue');
        const refs = await destinations.findReferences(tx, ctx.tenantId, id);
        if (refs.length) throw inUse('queue', refs);
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(ctx, { action: 'queue.delete', entityType: 'queue', entityId: id, before: toQueue(before, 0) }, tx);
      });
    },
  };
}
export type QueuesService = ReturnType<typeof createQueuesService>;
