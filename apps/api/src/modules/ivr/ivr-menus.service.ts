import type { CreateIvrMenuInput, IvrMenu, ListIvrMenusQuery, Page, UpdateIvrMenuInput } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { inUse, unresolvedReference, type DestinationsService } from '../dids/destinations.service';
import { isDuplicateKey } from '../users/sql-helpers';
import type { IvrMenuRow, IvrMenusRepository, NewIvrMenuRow } from './ivr-menus.repository';

export function toIvrMenu(r: IvrMenuRow): IvrMenu {
  return {
    id: r.id,
    name: r.name,
    greeting:
      r.greetingType === 'sound' && r.greetingSound
        ? { type: 'sound', name: r.greetingSound }
        : r.greetingType === 'audio' && r.greetingAudioId
          ? { type: 'audio', audio_id: r.greetingAudioId }
          : null,
    options: r.options,
    timeout_seconds: r.timeoutSeconds,
    timeout_destination: r.timeoutDestination ?? null,
    invalid_destination: r.invalidDestination ?? null,
    max_retries: r.maxRetries,
    enabled: r.enabled,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

type MenuFields = Omit<IvrMenu, 'id' | 'created_at' | 'updated_at'>;

function toColumns(f: MenuFields): Omit<NewIvrMenuRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'> {
  return {
    name: f.name,
    greetingType: f.greeting?.type ?? null,
    greetingSound: f.greeting?.type === 'sound' ? f.greeting.name : null,
    greetingAudioId: f.greeting?.type === 'audio' ? f.greeting.audio_id : null,
    options: f.options,
    timeoutSeconds: f.timeout_seconds,
    timeoutDestination: f.timeout_destination,
    invalidDestination: f.invalid_destination,
    maxRetries: f.max_retries,
    enabled: f.enabled,
  };
}

const nameTaken = (err: unknown) =>
  isDuplicateKey(err, 'ivr_menus_tenant_name_uq')
    ? new AppError('ALREADY_EXISTS', 'body.name: an IVR menu with this name already exists', {
        fields: [{ path: 'body.name', message: 'An IVR menu with this name already exists' }],
      })
    : err;

export function createIvrMenusService(deps: {
  db: Database;
  repo: IvrMenusRepository;
  destinations: DestinationsService;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, destinations, audit, clock } = deps;

  /** Every reference in the menu must resolve in this tenant (422 naming the field, T3). */
  async function checkReferences(exec: Executor, tenantId: string, f: MenuFields) {
    if (f.greeting?.type === 'audio' && !(await repo.lockAudio(tenantId, f.greeting.audio_id, exec))) {
      throw unresolvedReference('body.greeting.audio_id', 'No such audio file in this organisation');
    }
    for (const [i, o] of f.options.entries()) {
      await destinations.check(exec, tenantId, o.destination, `body.options.${i}.destination`);
    }
    await destinations.check(exec, tenantId, f.timeout_destination, 'body.timeout_destination');
    await destinations.check(exec, tenantId, f.invalid_destination, 'body.invalid_destination');
  }

  async function get(ctx: TenantContext, id: string): Promise<IvrMenu> {
    const row = await repo.findById(ctx.tenantId, id);
    if (!row) throw notFound('IVR menu');
    return toIvrMenu(row);
  }

  return {
    get,

    async list(ctx: TenantContext, q: ListIvrMenusQuery): Promise<Page<IvrMenu>> {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toIvrMenu), nextCursor: page.nextCursor };
    },

    async create(ctx: TenantContext, input: CreateIvrMenuInput): Promise<IvrMenu> {
      const id = newId();
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          await checkReferences(tx, ctx.tenantId, input);
          await repo.insert({ ...toColumns(input), id, tenantId: ctx.tenantId, createdAt: now, updatedAt: now }, tx);
          await audit.record(ctx, { action: 'ivr_menu.create', entityType: 'ivr_menu', entityId: id, after: input }, tx);
        });
      } catch (err) {
        throw nameTaken(err);
      }
      return get(ctx, id);
    },

    async update(ctx: TenantContext, id: string, input: UpdateIvrMenuInput): Promise<IvrMenu> {
      try {
        await db.transaction(async (tx) => {
          const row = await repo.findById(ctx.tenantId, id, tx, true);
          if (!row) throw notFound('IVR menu');
          const before = toIvrMenu(row);
          const merged: MenuFields = { ...before };
          for (const [k, v] of Object.entries(input)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
          await checkReferences(tx, ctx.tenantId, merged);
          await repo.update(ctx.tenantId, id, { ...toColumns(merged), updatedAt: clock.now() }, tx);
          await audit.record(ctx, { action: 'ivr_menu.update', entityType: 'ivr_menu', entityId: id, before, after: input }, tx);
        });
      } catch (err) {
        throw nameTaken(err);
      }
      return get(ctx, id);
    },

    /** Refused (409) while a DID, a queue overflow or another menu sends calls here. */
    async remove(ctx: TenantContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await repo.findById(ctx.tenantId, id, tx, true);
        if (!row) throw notFound('IVR menu');
        const refs = await destinations.findReferences(tx, ctx.tenantId, id);
        if (refs.length) throw inUse('IVR menu', refs);
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(ctx, { action: 'ivr_menu.delete', entityType: 'ivr_menu', entityId: id, before: toIvrMenu(row) }, tx);
      });
    },
  };
}
export type IvrMenusService = ReturnType<typeof createIvrMenusService>;
