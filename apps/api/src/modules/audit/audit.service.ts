import type { AuditEntry, ListAuditQuery } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { RequestContext } from '../../plugins/context';
import type { AuditRepository, AuditRow } from './audit.repository';

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the context's tenant; platform events on a tenant name it explicitly. */
  tenantId?: string | null;
};

const SECRET_KEYS = /password|secret|token|hash|recovery/i;

/** Removes secrets from before/after snapshots so the audit log never stores them. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: String(r.id),
    actor_id: r.actorId,
    actor_email: r.actorEmail,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    request_id: r.requestId,
    created_at: r.createdAt.toISOString(),
  };
}

/** What a recorded change was about, for modules that keep copies of provisioning (the call router). */
export type AuditListener = (change: { tenantId: string | null; entityType: string; action: string }) => void;

export function createAuditService(deps: { repo: AuditRepository; clock: Clock }) {
  const listeners = new Set<AuditListener>();
  return {
    /** Called after every recorded entry (inside the change's transaction when one was passed). */
    onRecorded(listener: AuditListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Records who did what. Pass the open transaction so the entry commits with the change. */
    async record(ctx: RequestContext, event: AuditEvent, exec?: Executor) {
      await deps.repo.insert(
        {
          tenantId: event.tenantId !== undefined ? event.tenantId : ctx.tenantId,
          actorId: ctx.userId,
          actorEmail: ctx.userEmail,
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId ?? null,
          before: event.before === undefined ? null : redact(event.before),
          after: event.after === undefined ? null : redact(event.after),
          ip: ctx.ip,
          requestId: ctx.requestId,
          createdAt: deps.clock.now(),
        },
        exec,
      );
      const change = {
        tenantId: event.tenantId !== undefined ? event.tenantId : ctx.tenantId,
        entityType: event.entityType,
        action: event.action,
      };
      for (const l of listeners) l(change);
    },
    async list(tenantId: string | null, q: ListAuditQuery) {
      const [before] = decodeCursor(q.cursor) ?? [null];
      const rows = await deps.repo.list(tenantId, q, before === null ? null : Number(before), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toAuditEntry), nextCursor: page.nextCursor };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
