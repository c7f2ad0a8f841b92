import type { SessionUser, TokenResponse } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, fieldError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { emailChangedMail } from '../../lib/mail/auth-mails';
import type { Mailer } from '../../lib/mail/mailer';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { isDuplicateKey } from '../users/sql-helpers';
import { assertEmailAllowed, emailTaken } from '../users/users.mapper';
import type { Account, AuthRepository } from './auth.repository';
import { clientMeta } from './auth.service';
import { loadSessionUser, tokenResponse } from './session-user';
import { operatorSubject, ownSubject, type SessionSubject, type TokensService } from './tokens.service';

type Deps = {
  db: Database;
  accounts: AuthRepository;
  tokens: TokensService;
  audit: AuditService;
  clock: Clock;
  sessionRevocations: SessionRevocations;
  mailer: Mailer;
};

/** The token's subject, rebuilt from the verified request context. */
export function subjectOf(ctx: RequestContext, permVersion: number): SessionSubject {
  return {
    userId: ctx.userId!,
    tenantId: ctx.tenantId,
    role: ctx.role ?? 'none',
    permVersion,
    operator: ctx.operator,
  };
}

/** The tenant a user row belongs to: an operator's own row has none, whatever tenant it acts in. */
const ownTenantOf = (ctx: RequestContext) => (ctx.operator ? null : ctx.tenantId);

/** The signed-in user's own account: profile and password. */
export function createAccountService(deps: Deps) {
  const { accounts, clock } = deps;

  async function currentAccount(ctx: RequestContext): Promise<Account> {
    const account = await accounts.findAccountById(ctx.userId!);
    if (!account) throw new AppError('TOKEN_INVALID', 'Sign in again');
    return account;
  }

  return {
    me(ctx: RequestContext): Promise<SessionUser> {
      return loadSessionUser(accounts, subjectOf(ctx, 0));
    },

    /**
     * Name and locale freely; a new e-mail address only with the current password (the reset
     * link goes to that address), and the old address is told.
     */
    async updateProfile(
      ctx: RequestContext,
      input: { name?: string; locale?: string; email?: string; current_password?: string },
    ): Promise<SessionUser> {
      const { current_password: currentPassword, ...patch } = input;
      const before = await loadSessionUser(accounts, subjectOf(ctx, 0));
      const emailChanged = patch.email !== undefined && patch.email !== before.email;
      if (emailChanged) {
        assertEmailAllowed(patch.email);
        const account = await currentAccount(ctx);
        if (currentPassword === undefined || !(await verifyPassword(account.passwordHash, currentPassword))) {
          throw fieldError('body.current_password', 'The current password is not correct');
        }
      } else {
        delete patch.email;
      }
      await deps.db.transaction(async (tx) => {
        try {
          await accounts.updateProfile(tx, ownTenantOf(ctx), ctx.userId!, patch, clock.now());
        } catch (err) {
          if (isDuplicateKey(err, 'users_email_uq')) throw emailTaken();
          throw err;
        }
        await deps.audit.record(
          ctx,
          {
            action: emailChanged ? 'user.email_changed' : 'user.profile_updated',
            entityType: 'user',
            entityId: ctx.userId,
            tenantId: ownTenantOf(ctx),
            before: { name: before.name, locale: before.locale, ...(emailChanged ? { email: before.email } : {}) },
            after: patch,
          },
          tx,
        );
      });
      if (emailChanged) {
        await deps.mailer
          .send(emailChangedMail(before.email, patch.email!, false))
          .catch((err: unknown) => ctx.log.warn({ err, userId: ctx.userId }, 'e-mail change notice failed'));
      }
      return loadSessionUser(accounts, subjectOf(ctx, 0));
    },

    /**
     * Changes the password, ends every other session (refresh tokens revoked, access tokens
     * outdated by the permission version, sockets closed: A6) and signs this browser in afresh.
     */
    async changePassword(
      ctx: RequestContext,
      input: { current_password: string; new_password: string },
    ): Promise<TokenResponse> {
      const account = await currentAccount(ctx);
      if (!(await verifyPassword(account.passwordHash, input.current_password))) {
        throw fieldError('body.current_password', 'The current password is not correct');
      }
      const passwordHash = await hashPassword(input.new_password);
      await deps.db.transaction(async (tx) => {
        await accounts.setPassword(tx, account.tenantId, account.id, passwordHash, clock.now());
        await deps.tokens.revokeAllForUser(account.id, 'password_changed', tx);
        await deps.audit.record(
          ctx,
          { action: 'auth.password_changed', entityType: 'user', entityId: account.id, tenantId: account.tenantId },
          tx,
        );
      });
      deps.sessionRevocations.revoke({ userId: account.id, tenantId: account.tenantId, reason: 'password_changed' });
      const fresh = await currentAccount(ctx);
      const subject = ctx.operator && ctx.tenantId ? operatorSubject(fresh, ctx.tenantId) : ownSubject(fresh);
      return tokenResponse(accounts, await deps.tokens.issue(subject, clientMeta(ctx)));
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
