import { randomInt } from 'node:crypto';
import {
  defaultCodecs,
  type CreateTrunkInput,
  type ListTrunksQuery,
  type Trunk,
  type UpdateTrunkInput,
} from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { AppError, fieldError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import { mergeObjectSets, trunkAraId } from '../../telephony/provisioning/ara-rows';
import type { AraSource } from '../../telephony/provisioning/ara-sync';
import type { ProvisioningService } from '../../telephony/provisioning/provisioning.service';
import type { SecretBox } from '../../telephony/provisioning/secret-box';
import type { AuditService } from '../audit/audit.service';
import { isInternalHost } from './trunk-host';
import { toTrunk, trunkAra } from './trunk-mapping';
import type { TrunkPatch, TrunkRepository, TrunkRow } from './trunks.repository';

export type TrunkServiceDeps = {
  db: Database;
  repo: TrunkRepository;
  provisioning: ProvisioningService;
  secrets: SecretBox;
  audit: AuditService;
  clock: Clock;
  /** TRUNK_ALLOW_PRIVATE_HOSTS: loopback, link-local and private hosts are accepted. */
  allowPrivateHosts?: boolean;
};

const SUFFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const araSuffix = () =>
  Array.from({ length: 8 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join('');

const duplicateName = (name: string) =>
  new AppError('ALREADY_EXISTS', `body.name: a trunk named "${name}" already exists`, {
    fields: [{ path: 'body.name', message: 'A trunk with this name already exists' }],
  });

function assertMayShare(ctx: TenantContext, shared: boolean | undefined, current: boolean) {
  if (shared === undefined || shared === current) return;
  if (!ctx.platformAdmin) {
    throw new AppError('FORBIDDEN', 'body.shared: only a platform administrator may share a trunk', {
      fields: [{ path: 'body.shared', message: 'Only a platform administrator may change this' }],
    });
  }
}

/** A registration trunk cannot register without credentials; an IP trunk needs something to match. */
function assertComplete(row: Pick<TrunkRow, 'kind' | 'username' | 'passwordEnc' | 'host' | 'matchIps'>) {
  if (row.kind === 'ip' && row.matchIps.length === 0 && row.host.length > 80) {
    throw fieldError('body.match_ips', 'Required when the host name is longer than 80 characters');
  }
  if (row.kind !== 'registration') return;
  if (!row.username) throw fieldError('body.username', 'Required for a registration trunk');
  if (!row.passwordEnc) throw fieldError('body.password', 'Required for a registration trunk');
}

/** 400 on a host that names this machine or an internal network, unless the operator allows it. */
function assertPublicHost(host: string | undefined, allowPrivate: boolean | undefined) {
  if (host === undefined || allowPrivate || !isInternalHost(host)) return;
  throw fieldError(
    'body.host',
    'Loopback, link-local, private and multicast addresses are not allowed for a trunk (TRUNK_ALLOW_PRIVATE_HOSTS)',
  );
}

/** Audit snapshot: never the password, only whether one is set. */
const auditView = (r: TrunkRow) => toTrunk(r, r.tenantId);

export function createTrunkService(deps: TrunkServiceDeps) {
  const { db, repo, provisioning, secrets, audit, clock } = deps;

  async function provision(tx: Executor, row: TrunkRow) {
    await provisioning.replace(tx, [row.araId], row.enabled ? trunkAra(row, secrets) : null);
  }

  async function loadOwn(tx: Executor, ctx: TenantContext, id: string) {
    const row = await repo.findOwn(tx, ctx.tenantId, id, true);
    if (!row) throw notFound('Trunk');
    return row;
  }

  return {
    async list(ctx: TenantContext, q: ListTrunksQuery) {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map((r) => toTrunk(r, ctx.tenantId)), nextCursor: page.nextCursor };
    },

    async get(ctx: TenantContext, id: string): Promise<Trunk> {
      const row = await repo.findVisible(db, ctx.tenantId, id);
      if (!row) throw notFound('Trunk');
      return toTrunk(row, ctx.tenantId);
    },

    async create(ctx: TenantContext, input: CreateTrunkInput): Promise<Trunk> {
      assertMayShare(ctx, input.shared, false);
      assertPublicHost(input.host, deps.allowPrivateHosts);
      const row = await db.transaction(async (tx) => {
        if (await repo.findByName(tx, ctx.tenantId, input.name)) throw duplicateName(input.name);
        const prefix = await provisioning.namespaceOf(tx, ctx.tenantId);
        const now = clock.now();
        const created: TrunkRow = {
          id: newId(),
          tenantId: ctx.tenantId,
          name: input.name,
          kind: input.kind,
          host: input.host,
          port: input.port,
          transport: input.transport,
          username: input.username ?? null,
          passwordEnc: input.password ? secrets.seal(input.password) : null,
          fromDomain: input.from_domain ?? null,
          matchIps: input.match_ips ?? [],
          codecs: input.codecs ?? defaultCodecs,
          outboundCallerId: input.outbound_caller_id ?? null,
          dialRules: input.dial_rules,
          shared: input.shared ?? false,
          enabled: input.enabled,
          araId: trunkAraId(prefix, araSuffix()),
          createdAt: now,
          updatedAt: now,
        };
        assertComplete(created);
        await repo.insert(tx, created);
        await provision(tx, created);
        await audit.record(
          ctx,
          { action: 'trunk.create', entityType: 'trunk', entityId: created.id, after: auditView(created) },
          tx,
        );
        return created;
      });
      return toTrunk(row, ctx.tenantId);
    },

    async update(ctx: TenantContext, id: string, input: UpdateTrunkInput): Promise<Trunk> {
      const row = await db.transaction(async (tx) => {
        const before = await loadOwn(tx, ctx, id);
        assertMayShare(ctx, input.shared, before.shared);
        assertPublicHost(input.host, deps.allowPrivateHosts);
        if (
          input.name &&
          input.name !== before.name &&
          (await repo.findByName(tx, ctx.tenantId, input.name))
        ) {
          throw duplicateName(input.name);
        }
        const patch: TrunkPatch = {
          name: input.name ?? before.name,
          kind: input.kind ?? before.kind,
          host: input.host ?? before.host,
          port: input.port ?? before.port,
          transport: input.transport ?? before.transport,
          username: input.username !== undefined ? input.username : before.username,
          passwordEnc:
            input.password === undefined
              ? before.passwordEnc
              : input.password === null
                ? null
                : secrets.seal(input.password),
          fromDomain: input.from_domain !== undefined ? input.from_domain : before.fromDomain,
          matchIps: input.match_ips ?? before.matchIps,
          codecs: input.codecs ?? before.codecs,
          outboundCallerId:
            input.outbound_caller_id !== undefined ? input.outbound_caller_id : before.outboundCallerId,
          dialRules: input.dial_rules ?? before.dialRules,
          shared: input.shared ?? before.shared,
          enabled: input.enabled ?? before.enabled,
          updatedAt: clock.now(),
        };
        const after = { ...before, ...patch } as TrunkRow;
        assertComplete(after);
        await repo.update(tx, ctx.tenantId, id, patch);
        await provision(tx, after);
        await audit.record(
          ctx,
          {
            action: 'trunk.update',
            entityType: 'trunk',
            entityId: id,
            before: auditView(before),
            after: auditView(after),
          },
          tx,
        );
        return after;
      });
      return toTrunk(row, ctx.tenantId);
    },

    async remove(ctx: TenantContext, id: string) {
      await db.transaction(async (tx) => {
        const before = await loadOwn(tx, ctx, id);
        await repo.delete(tx, ctx.tenantId, id);
        await provisioning.remove(tx, before.araId);
        await audit.record(
          ctx,
          { action: 'trunk.delete', entityType: 'trunk', entityId: id, before: auditView(before) },
          tx,
        );
      });
    },

    /** For ara:sync: the ARA objects of one tenant's own enabled trunks (shared ones included). */
    araSource: {
      name: 'trunks',
      async objectsForTenant(exec, tenantId) {
        const rows = await repo.listEnabledOwn(exec, tenantId);
        return mergeObjectSets(rows.map((r) => trunkAra(r, secrets)));
      },
    } satisfies AraSource,
  };
}
export type TrunkService = ReturnType<typeof createTrunkService>;
