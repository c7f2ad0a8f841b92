import type { TokenResponse } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { AuthRepository } from './auth.repository';
import { clientMeta } from './auth.service';
import { tokenResponse } from './session-user';
import { operatorSubject, ownSubject, type TokensService } from './tokens.service';

type Deps = { db: Database; accounts: AuthRepository; tokens: TokensService; audit: AuditService };

/**
 * A platform admin's explicit, audited step into one tenant (decision 003): a new session whose
 * tokens carry that tenant and `op: true`, recorded both on the platform and in the tenant.
 * The session it replaces is revoked, so one browser holds one identity at a time.
 */
export function createOperatorSwitchService(deps: Deps) {
  const { accounts, tokens, audit } = deps;

  async function platformAccount(ctx: RequestContext) {
    const account = await accounts.findAccountById(ctx.userId!);
    if (!account?.isPlatformAdmin) throw new AppError('FORBIDDEN', 'Platform administrators only');
    return account;
  }

  return {
    async switchInto(ctx: RequestContext, tenantId: string): Promise<TokenResponse> {
      const account = await platformAccount(ctx);
      const tenant = await accounts.findTenant(tenantId);
      if (!tenant) throw notFound('Tenant');
      const issued = await deps.db.transaction(async (tx) => {
        if (ctx.sessionId) await tokens.revokeFamily(ctx.sessionId, 'switched', tx);
        const next = await tokens.issue(operatorSubject(account, tenant.id), clientMeta(ctx), {}, tx);
        const event = { entityType: 'tenant', entityId: tenant.id, after: { session_id: next.familyId } };
        await audit.record(ctx, { ...event, action: 'platform.tenant_switched_into', tenantId: null }, tx);
        await audit.record(ctx, { ...event, action: 'operator.switched_in', tenantId: tenant.id }, tx);
        return next;
      });
      return tokenResponse(accounts, issued);
    },

    async exit(ctx: RequestContext): Promise<TokenResponse> {
      if (!ctx.operator || !ctx.tenantId) throw new AppError('INVALID_STATE', 'Not acting inside a tenant');
      const tenantId = ctx.tenantId;
      const account = await platformAccount(ctx);
      const issued = await deps.db.transaction(async (tx) => {
        if (ctx.sessionId) await tokens.revokeFamily(ctx.sessionId, 'switched', tx);
        const next = await tokens.issue(ownSubject(account), clientMeta(ctx), {}, tx);
        const event = { entityType: 'tenant', entityId: tenantId, after: { session_id: next.familyId } };
        await audit.record(ctx, { ...event, action: 'platform.tenant_switched_out', tenantId: null }, tx);
        await audit.record(ctx, { ...event, action: 'operator.switched_out', tenantId }, tx);
        return next;
      });
      return tokenResponse(accounts, issued);
    },
  };
}
export type OperatorSwitchService = ReturnType<typeof createOperatorSwitchService>;
