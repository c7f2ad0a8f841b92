import type { LoginInput, TokenResponse } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../lib/passwords';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { Account, AuthRepository } from './auth.repository';
import type { Background } from './background';
import { tokenResponse } from './session-user';
import { reserveAttempt } from './throttle';
import { ownSubject, type ClientMeta, type TokensService } from './tokens.service';
import type { TotpService } from './totp.service';

type Deps = {
  db: Database;
  accounts: AuthRepository;
  tokens: TokensService;
  totp: TotpService;
  audit: AuditService;
  clock: Clock;
  sessionRevocations: SessionRevocations;
  background: Background;
};

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Invalid e-mail or password');

export const clientMeta = (ctx: RequestContext): ClientMeta => ({ ip: ctx.ip, userAgent: ctx.userAgent });

/** The request's context with the account as actor, for audit entries written before sign-in. */
export function actingAs(ctx: RequestContext, account: Pick<Account, 'id' | 'email' | 'tenantId'>): RequestContext {
  return { ...ctx, userId: account.id, userEmail: account.email, tenantId: account.tenantId };
}

/**
 * Sign-in, refresh and sign-out. Every failure before the password is known to be right answers
 * the same 401, after the same argon2 work, whether or not the e-mail exists (A3).
 */
export function createAuthService(deps: Deps) {
  const { accounts, clock } = deps;

  /** Counts a password attempt before it is checked (see throttle.ts); false while locked. */
  async function reservePasswordAttempt(account: Account): Promise<boolean> {
    const now = clock.now();
    return deps.db.transaction(async (tx) => {
      const state = await accounts.lockThrottle(tx, account.tenantId, account.id);
      if (!state) return false;
      const decision = reserveAttempt(state, now);
      if (decision.allowed) await accounts.setThrottle(tx, account.tenantId, account.id, decision.next);
      return decision.allowed;
    });
  }

  /**
   * Audits a failed sign-in. Every failure path makes exactly one durable write before answering,
   * so the commit cost cannot tell them apart (A3): a counted attempt already wrote its throttle
   * row and audits in the background; unknown addresses and locked accounts audit in line.
   */
  async function failed(ctx: RequestContext, account: Account | null, email: string, reason: string, counted: boolean) {
    const write = () =>
      deps.audit.record(account ? actingAs(ctx, account) : ctx, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: account?.id ?? null,
        tenantId: account?.tenantId ?? null,
        after: { email, reason },
      });
    if (counted) deps.background.run('login failure audit', write);
    else await write();
    return invalidCredentials();
  }

  return {
    async login(ctx: RequestContext, input: LoginInput): Promise<TokenResponse> {
      const account = await accounts.findAccountByEmail(input.email);
      if (!account) {
        await verifyPassword(await dummyPasswordHash(), input.password);
        throw await failed(ctx, null, input.email, 'unknown_email', false);
      }
      if (!(await reservePasswordAttempt(account))) {
        // Same work and answer as a wrong password: a lock must not reveal that the account exists.
        await verifyPassword(await dummyPasswordHash(), input.password);
        throw await failed(ctx, account, input.email, 'locked', false);
      }
      if (!(await verifyPassword(account.passwordHash, input.password))) {
        throw await failed(ctx, account, input.email, 'wrong_password', true);
      }
      if (account.status !== 'active') throw await failed(ctx, account, input.email, 'disabled', true);

      // The password is right: the attempt no longer counts against the account.
      await deps.db.transaction((tx) =>
        accounts.setThrottle(tx, account.tenantId, account.id, { failures: 0, lockedUntil: null }),
      );
      if (account.tenantStatus === 'suspended' && !account.isPlatformAdmin) {
        throw new AppError('TENANT_SUSPENDED', 'This organisation is suspended');
      }
      if (await deps.totp.isEnabled(account.id)) {
        if (!input.totp_code) throw new AppError('TOTP_REQUIRED', 'Enter the code from your authenticator app');
        try {
          await deps.totp.verifyForLogin(account.id, input.totp_code);
        } catch (e) {
          await deps.audit.record(actingAs(ctx, account), {
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: account.id,
            after: { email: input.email, reason: 'totp' },
          });
          throw e;
        }
      }
      // A1: hashes stored with weaker parameters are replaced while the password is at hand.
      const upgraded = needsRehash(account.passwordHash) ? await hashPassword(input.password) : null;
      await accounts.recordLogin(account.tenantId, account.id, clock.now(), upgraded);
      const issued = await deps.tokens.issue(ownSubject(account), clientMeta(ctx));
      await deps.audit.record(actingAs(ctx, account), {
        action: 'auth.login',
        entityType: 'user',
        entityId: account.id,
        after: { session_id: issued.familyId, ...(upgraded ? { password_hash_upgraded: true } : {}) },
      });
      return tokenResponse(accounts, issued);
    },

    async refresh(ctx: RequestContext, raw: string | null): Promise<TokenResponse> {
      if (!raw) throw new AppError('UNAUTHENTICATED', 'No refresh token');
      const issued = await deps.tokens.rotate(raw, clientMeta(ctx));
      return tokenResponse(accounts, issued);
    },

    async logout(ctx: RequestContext, raw: string | null) {
      if (!raw) return;
      const row = await deps.tokens.revokeSession(raw, 'logout');
      if (!row) return;
      deps.sessionRevocations.revoke({ userId: row.userId, tenantId: row.tenantId, reason: 'logout' });
      const account = await accounts.findAccountById(row.userId);
      if (account) {
        await deps.audit.record(actingAs(ctx, account), {
          action: 'auth.logout',
          entityType: 'user',
          entityId: account.id,
          tenantId: row.operatorSwitch ? row.tenantId : account.tenantId,
          after: { session_id: row.familyId },
        });
      }
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
