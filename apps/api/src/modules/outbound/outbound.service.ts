import { and, eq } from 'drizzle-orm';
import {
  checkOutboundNumber,
  defaultOutboundPolicy,
  premiumRanges,
  type OutboundPolicy,
  type OutboundPolicyResponse,
  type OutboundVerdict,
  type Permission,
  type UpdateOutboundPolicyInput,
} from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { roles, tenantOutboundPolicies, users } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';

/**
 * The tenant's outbound calling policy and the one place that applies it (issue 16.6). Every
 * path that dials a number out asks `check`/`assert` here: click to call, transfers to a number,
 * external destinations (when configured and when a call reaches them) and phones dialling out
 * through a trunk. The rules themselves live in packages/contracts/src/outbound.ts.
 */

/** Who places the call: a user (their calls.international counts) or the tenant's own routing. */
export type OutboundCaller =
  | { kind: 'user'; permissions: ReadonlySet<Permission> }
  | { kind: 'user-id'; userId: string }
  /** A DID/IVR/queue destination set by an admin: the policy applies, the permission is not asked. */
  | { kind: 'routing' };

export const destinationNotAllowed = (verdict: Extract<OutboundVerdict, { allowed: false }>, path?: string) =>
  new AppError('DESTINATION_NOT_ALLOWED', path ? `${path}: ${verdict.message}` : verdict.message, {
    reason: verdict.reason,
    ...(path ? { fields: [{ path, message: verdict.message }] } : {}),
  });

export function createOutboundPolicyService(deps: { db: Database; audit?: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;

  async function load(exec: Executor, tenantId: string) {
    const [row] = await exec
      .select()
      .from(tenantOutboundPolicies)
      .where(eq(tenantOutboundPolicies.tenantId, tenantId))
      .limit(1);
    if (!row) return { policy: defaultOutboundPolicy, updatedAt: null };
    const policy: OutboundPolicy = {
      home_prefixes: row.homePrefixes,
      allowed_prefixes: row.allowedPrefixes,
      blocked_prefixes: row.blockedPrefixes,
      block_premium_ranges: row.blockPremiumRanges,
    };
    return { policy, updatedAt: row.updatedAt };
  }

  const respond = (policy: OutboundPolicy, updatedAt: Date | null): OutboundPolicyResponse => ({
    ...policy,
    premium_ranges: premiumRanges.map((r) => ({ ...r })),
    updated_at: updatedAt ? updatedAt.toISOString() : null,
  });

  async function userPermissions(tenantId: string, userId: string): Promise<ReadonlySet<Permission>> {
    const [row] = await db
      .select({ permissions: roles.permissions })
      .from(users)
      .innerJoin(roles, and(eq(roles.id, users.roleId), eq(roles.tenantId, users.tenantId)))
      .where(and(eq(users.id, userId), eq(users.tenantId, tenantId)))
      .limit(1);
    return new Set(row?.permissions ?? []);
  }

  async function check(tenantId: string, number: string, caller: OutboundCaller): Promise<OutboundVerdict> {
    const { policy } = await load(db, tenantId);
    let international = true;
    if (caller.kind === 'user') international = caller.permissions.has('calls.international');
    if (caller.kind === 'user-id') international = (await userPermissions(tenantId, caller.userId)).has('calls.international');
    return checkOutboundNumber(policy, number, { international });
  }

  return {
    check,

    /** Throws DESTINATION_NOT_ALLOWED (403) naming `path` when the policy refuses `number`. */
    async assert(tenantId: string, number: string, caller: OutboundCaller, path?: string) {
      const verdict = await check(tenantId, number, caller);
      if (!verdict.allowed) throw destinationNotAllowed(verdict, path);
    },

    async get(ctx: TenantContext): Promise<OutboundPolicyResponse> {
      const { policy, updatedAt } = await load(db, ctx.tenantId);
      return respond(policy, updatedAt);
    },

    async update(ctx: TenantContext, input: UpdateOutboundPolicyInput): Promise<OutboundPolicyResponse> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const { policy: before } = await load(tx, ctx.tenantId);
        const values = {
          homePrefixes: input.home_prefixes,
          allowedPrefixes: input.allowed_prefixes,
          blockedPrefixes: input.blocked_prefixes,
          blockPremiumRanges: input.block_premium_ranges,
          updatedAt: now,
        };
        await tx
          .insert(tenantOutboundPolicies)
          .values({ tenantId: ctx.tenantId, ...values })
          .onDuplicateKeyUpdate({ set: values });
        await audit?.record(
          ctx,
          { action: 'tenant.outbound_policy.update', entityType: 'tenant', entityId: ctx.tenantId, before, after: input },
          tx,
        );
      });
      return respond(input, now);
    },
  };
}
export type OutboundPolicyService = ReturnType<typeof createOutboundPolicyService>;
