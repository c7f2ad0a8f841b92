import {
  defaultCodecs,
  type CreateEndpointInput,
  type EndpointDetail,
  type EndpointKind,
  type EndpointPassword,
  type ListEndpointsQuery,
  type UpdateEndpointInput,
} from '@switchboard/contracts';
import type { Config } from '../../config';
import type { Database, Executor } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { TenantContext } from '../../plugins/context';
import { endpointAraId, mergeObjectSets } from '../../telephony/provisioning/ara-rows';
import type { AraSource } from '../../telephony/provisioning/ara-sync';
import type { ProvisioningService } from '../../telephony/provisioning/provisioning.service';
import { generateSipPassword, type SecretBox } from '../../telephony/provisioning/secret-box';
import type { AuditService } from '../audit/audit.service';
import { inUse, type DestinationsService } from '../dids/destinations.service';
import { assertCanManageUser } from '../roles/role-grants';
import { assertWithinLimit, registerUsageCounter } from '../tenants/limits';
import { auditView, endpointAra, sipSettings, toEndpoint, unregistered } from './endpoint-mapping';
import type { EndpointPatch, EndpointRepository, EndpointRow } from './endpoints.repository';

export type EndpointServiceDeps = {
  db: Database;
  repo: EndpointRepository;
  provisioning: ProvisioningService;
  secrets: SecretBox;
  audit: AuditService;
  clock: Clock;
  config: Config;
  destinations: Pick<DestinationsService, 'findReferences'>;
};

const duplicateExtension = (extension: string) =>
  new AppError('ALREADY_EXISTS', `body.extension: extension ${extension} is already in use`, {
    fields: [{ path: 'body.extension', message: `Extension ${extension} is already in use` }],
  });

const unknownUser = () =>
  new AppError('UNPROCESSABLE', 'body.user_id: no such user in this organisation', {
    fields: [{ path: 'body.user_id', message: 'No such user in this organisation' }],
  });

function assertKindAllowed(ctx: TenantContext, kind: EndpointKind) {
  if (kind === 'webrtc' && ctx.features && !ctx.features.webrtc) {
    throw new AppError('FEATURE_DISABLED', 'The webrtc feature is not enabled for this organisation');
  }
}

export function createEndpointService(deps: EndpointServiceDeps) {
  const { db, repo, provisioning, secrets, audit, clock, config, destinations } = deps;

  registerUsageCounter('endpoints', (exec, tenantId) => repo.count(exec, tenantId));

  /** Writes the row's ARA objects (none when disabled), replacing those of `previousAraId`. */
  async function provision(tx: Executor, row: EndpointRow, previousAraId: string) {
    const prefix = await provisioning.namespaceOf(tx, row.tenantId);
    await provisioning.replace(
      tx,
      [previousAraId, row.araId],
      row.enabled ? endpointAra(row, prefix, secrets) : null,
    );
  }

  async function load(tx: Executor, ctx: TenantContext, id: string, forUpdate = false) {
    const row = await repo.findById(tx, ctx.tenantId, id, forUpdate);
    if (!row) throw notFound('Endpoint');
    return row;
  }

  /**
   * A phone is part of its user: giving it to or taking it from someone, or reading or resetting
   * its SIP password (which lets a device ring as that user), needs every permission the user
   * holds, the rule for acting on another user (issue 16.1).
   */
  async function assertCanAssign(tx: Executor, ctx: TenantContext, userId: string, owner = false) {
    const permissions = await repo.userPermissions(tx, ctx.tenantId, userId);
    // A current owner that no longer exists constrains nothing; a new one must exist.
    if (permissions === null) {
      if (owner) return;
      throw unknownUser();
    }
    assertCanManageUser(ctx, permissions);
  }

  async function detail(row: EndpointRow): Promise<EndpointDetail> {
    const regs = await provisioning.registrations(db, [row.araId]);
    return {
      ...toEndpoint(row, regs.get(row.araId) ?? unregistered),
      sip_settings: sipSettings(config, row),
    };
  }

  return {
    async list(ctx: TenantContext, q: ListEndpointsQuery) {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      const regs = await provisioning.registrations(
        db,
        page.items.map((r) => r.araId),
      );
      return {
        items: page.items.map((r) => toEndpoint(r, regs.get(r.araId) ?? unregistered)),
        nextCursor: page.nextCursor,
      };
    },

    async get(ctx: TenantContext, id: string) {
      return detail(await load(db, ctx, id));
    },

    async create(ctx: TenantContext, input: CreateEndpointInput): Promise<EndpointDetail> {
      assertKindAllowed(ctx, input.kind);
      const row = await db.transaction(async (tx) => {
        await assertWithinLimit(tx, ctx.tenantId, 'endpoints');
        if (await repo.findByExtension(tx, ctx.tenantId, input.extension))
          throw duplicateExtension(input.extension);
        if (input.user_id) await assertCanAssign(tx, ctx, input.user_id);
        const prefix = await provisioning.namespaceOf(tx, ctx.tenantId);
        const now = clock.now();
        const created: EndpointRow = {
          id: newId(),
          tenantId: ctx.tenantId,
          extension: input.extension,
          displayName: input.display_name,
          kind: input.kind,
          userId: input.user_id ?? null,
          codecs: input.codecs ?? defaultCodecs,
          nat: input.nat,
          maxContacts: input.max_contacts,
          callerIdName: input.caller_id_name ?? null,
          callerIdNumber: input.caller_id_number ?? null,
          voicemailEnabled: input.voicemail_enabled,
          enabled: input.enabled,
          sipPasswordEnc: secrets.seal(generateSipPassword()),
          araId: endpointAraId(prefix, input.extension),
          createdAt: now,
          updatedAt: now,
          reachability: 'unknown',
          reachabilityAt: null,
          failedOffers: 0,
        };
        await repo.insert(tx, created);
        await provision(tx, created, created.araId);
        await audit.record(
          ctx,
          {
            action: 'endpoint.create',
            entityType: 'endpoint',
            entityId: created.id,
            after: auditView(created),
          },
          tx,
        );
        return created;
      });
      return detail(row);
    },

    async update(ctx: TenantContext, id: string, input: UpdateEndpointInput): Promise<EndpointDetail> {
      const row = await db.transaction(async (tx) => {
        const before = await load(tx, ctx, id, true);
        const kind = input.kind ?? before.kind;
        if (input.kind && input.kind !== before.kind) assertKindAllowed(ctx, kind);
        const extension = input.extension ?? before.extension;
        if (extension !== before.extension && (await repo.findByExtension(tx, ctx.tenantId, extension))) {
          throw duplicateExtension(extension);
        }
        if (input.user_id !== undefined && input.user_id !== before.userId) {
          // Taking a phone from its user and giving it to another changes both of them.
          if (before.userId) await assertCanAssign(tx, ctx, before.userId, true);
          if (input.user_id) await assertCanAssign(tx, ctx, input.user_id);
        }
        const prefix = await provisioning.namespaceOf(tx, ctx.tenantId);
        const patch: EndpointPatch = {
          extension,
          displayName: input.display_name ?? before.displayName,
          kind,
          userId: input.user_id !== undefined ? input.user_id : before.userId,
          codecs: input.codecs ?? before.codecs,
          nat: input.nat ?? before.nat,
          maxContacts: input.max_contacts ?? before.maxContacts,
          callerIdName: input.caller_id_name !== undefined ? input.caller_id_name : before.callerIdName,
          callerIdNumber:
            input.caller_id_number !== undefined ? input.caller_id_number : before.callerIdNumber,
          voicemailEnabled: input.voicemail_enabled ?? before.voicemailEnabled,
          enabled: input.enabled ?? before.enabled,
          araId: endpointAraId(prefix, extension),
          updatedAt: clock.now(),
        };
        await repo.update(tx, ctx.tenantId, id, patch);
        const after: EndpointRow = { ...before, ...patch } as EndpointRow;
        await provision(tx, after, before.araId);
        await audit.record(
          ctx,
          {
            action: 'endpoint.update',
            entityType: 'endpoint',
            entityId: id,
            before: auditView(before),
            after: auditView(after),
          },
          tx,
        );
        return after;
      });
      return detail(row);
    },

    /** Refused (409) while a DID, a queue overflow or an IVR menu still routes calls to the phone or its voicemail. */
    async remove(ctx: TenantContext, id: string) {
      await db.transaction(async (tx) => {
        const before = await load(tx, ctx, id, true);
        const refs = await destinations.findReferences(tx, ctx.tenantId, id);
        if (refs.length) throw inUse('endpoint', refs);
        await repo.delete(tx, ctx.tenantId, id);
        await provisioning.remove(tx, before.araId);
        await audit.record(
          ctx,
          { action: 'endpoint.delete', entityType: 'endpoint', entityId: id, before: auditView(before) },
          tx,
        );
      });
    },

    /**
     * Unassigns every phone of a user being deleted, inside the caller's transaction; each phone
     * is re-provisioned and audited as an update, like an admin clearing `user_id` by hand.
     */
    async detachUser(ctx: TenantContext, tx: Executor, userId: string): Promise<string[]> {
      const rows = await repo.listByUserForUpdate(tx, ctx.tenantId, userId);
      for (const before of rows) {
        const patch: EndpointPatch = { userId: null, updatedAt: clock.now() };
        await repo.update(tx, ctx.tenantId, before.id, patch);
        const after: EndpointRow = { ...before, ...patch } as EndpointRow;
        await provision(tx, after, before.araId);
        await audit.record(
          ctx,
          {
            action: 'endpoint.update',
            entityType: 'endpoint',
            entityId: before.id,
            before: auditView(before),
            after: auditView(after),
          },
          tx,
        );
      }
      return rows.map((r) => r.id);
    },

    async revealPassword(ctx: TenantContext, id: string): Promise<EndpointPassword> {
      return db.transaction(async (tx) => {
        const row = await load(tx, ctx, id);
        if (row.userId) await assertCanAssign(tx, ctx, row.userId, true);
        await audit.record(
          ctx,
          { action: 'endpoint.password_reveal', entityType: 'endpoint', entityId: id },
          tx,
        );
        return { sip_username: row.araId, password: secrets.open(row.sipPasswordEnc) };
      });
    },

    async regeneratePassword(ctx: TenantContext, id: string): Promise<EndpointPassword> {
      return db.transaction(async (tx) => {
        const before = await load(tx, ctx, id, true);
        if (before.userId) await assertCanAssign(tx, ctx, before.userId, true);
        const password = generateSipPassword();
        const patch = { sipPasswordEnc: secrets.seal(password), updatedAt: clock.now() };
        await repo.update(tx, ctx.tenantId, id, patch);
        await provision(tx, { ...before, ...patch }, before.araId);
        await audit.record(
          ctx,
          { action: 'endpoint.password_regenerate', entityType: 'endpoint', entityId: id },
          tx,
        );
        return { sip_username: before.araId, password };
      });
    },

    /** For ara:sync: the ARA objects of one tenant's enabled endpoints. */
    araSource: {
      name: 'endpoints',
      async objectsForTenant(exec, tenantId, prefix) {
        const rows = await repo.listEnabled(exec, tenantId);
        return mergeObjectSets(rows.map((r) => endpointAra(r, prefix, secrets)));
      },
    } satisfies AraSource,
  };
}
export type EndpointService = ReturnType<typeof createEndpointService>;
