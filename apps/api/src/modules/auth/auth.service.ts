import type { LoginInput, LoginLinkInput, TokenResponse } from '@switchboard/contracts';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { newId, randomToken, sha256 } from '../../lib/ids';
import { loginAttackMail, loginLinkMail } from '../../lib/mail/auth-mails';
import type { Mailer } from '../../lib/mail/mailer';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../lib/passwords';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { Account, AuthRepository } from './auth.repository';
import type { Background } from './background';
import { tokenResponse } from './session-user';
import type { LoginKeys, LoginThrottleRepository } from './login-throttle.repository';
import { LOGIN_THROTTLE, reserveLogin, settleSuccess, type LoginCounter } from './throttle';
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
  throttles: LoginThrottleRepository;
  mailer: Mailer;
  config: Config;
};

export const LOGIN_LINK_TTL_MINUTES = 15;

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Invalid e-mail or password');
const linkSent = () =>
  new AppError(
    'SIGN_IN_LINK_SENT',
    'Many wrong passwords were tried on this account. If the e-mail and password are right, we have e-mailed you a sign-in link.',
  );
const throttled = (retryAfterMs: number) =>
  new AppError('RATE_LIMITED', 'Too many failed sign-ins from this address; try again later', {
    retry_after_seconds: Math.ceil(retryAfterMs / 1000),
  });

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

  type Reserved = {
    keys: LoginKeys;
    state: Record<'pair' | 'address' | 'account', LoginCounter>;
    challenge: boolean;
  };

  /**
   * Counts a password attempt against (e-mail, address), address and e-mail before it is checked
   * (see throttle.ts), under row locks; answers null while this address is locked out.
   */
  async function reservePasswordAttempt(ctx: RequestContext, email: string, account: Account | null) {
    const now = clock.now();
    const keys = deps.throttles.keysFor(email, ctx.ip);
    const decision = await deps.db.transaction(async (tx) => {
      const decision = reserveLogin(await deps.throttles.lock(tx, keys, now), now);
      if (decision.allowed) await deps.throttles.save(tx, keys, decision, now);
      return decision;
    });
    if (!decision.allowed) return { kind: 'throttled', retryAfterMs: decision.retryAfterMs } as const;
    if (decision.notify && account) notifyOwner(ctx, account, decision.account.windowFailures);
    const reserved: Reserved = { keys, state: decision, challenge: decision.challenge };
    return { kind: 'counted', reserved } as const;
  }

  /** The password was right: give the counted attempt back (see settleSuccess). */
  async function settle(r: Reserved) {
    const now = clock.now();
    await deps.db.transaction(async (tx) => {
      const current = await deps.throttles.lock(tx, r.keys, now);
      await deps.throttles.save(tx, r.keys, settleSuccess(current), now);
    });
  }

  /** Tells the owner, once a window, that their account is being guessed at: by mail and audit. */
  function notifyOwner(ctx: RequestContext, account: Account, failures: number) {
    const minutes = LOGIN_THROTTLE.account.windowMs / 60_000;
    deps.background.run('login attack notice', async () => {
      await deps.audit.record(actingAs(ctx, account), {
        action: 'auth.login_attack',
        entityType: 'user',
        entityId: account.id,
        after: { failures, window_minutes: minutes },
      });
      const resetUrl = `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/forgot-password`;
      await deps.mailer.send(loginAttackMail(account.email, failures, minutes, resetUrl));
    });
  }

  /**
   * E-mails a single-use sign-in link; only the latest one works. All of it runs after the answer,
   * so a right password under attack costs no more time than a wrong one (A3).
   */
  function sendLink(ctx: RequestContext, account: Account) {
    deps.background.run('login link e-mail', async () => {
      const raw = randomToken(32);
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await deps.throttles.expireUnusedLinks(tx, account.id, now);
        await deps.throttles.insertLink(
          {
            id: newId(),
            userId: account.id,
            tokenHash: sha256(raw),
            expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_MINUTES * 60_000),
            usedAt: null,
            createdAt: now,
          },
          tx,
        );
      });
      await deps.audit.record(actingAs(ctx, account), {
        action: 'auth.login_link_sent',
        entityType: 'user',
        entityId: account.id,
        after: { expires_in_minutes: LOGIN_LINK_TTL_MINUTES },
      });
      const link = `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/login/link?token=${encodeURIComponent(raw)}`;
      await deps.mailer.send(loginLinkMail(account.email, link, LOGIN_LINK_TTL_MINUTES));
    });
  }

  /** The last steps of every sign-in: stamp, issue the pair, audit. */
  async function signIn(
    ctx: RequestContext,
    account: Account,
    upgraded: string | null,
    method: 'password' | 'email_link',
  ) {
    await accounts.recordLogin(account.tenantId, account.id, clock.now(), upgraded);
    const issued = await deps.tokens.issue(ownSubject(account), clientMeta(ctx));
    await deps.audit.record(actingAs(ctx, account), {
      action: 'auth.login',
      entityType: 'user',
      entityId: account.id,
      after: {
        session_id: issued.familyId,
        ...(method === 'email_link' ? { method } : {}),
        ...(upgraded ? { password_hash_upgraded: true } : {}),
      },
    });
    return tokenResponse(accounts, issued);
  }

  /**
   * Audits a failed sign-in. Every failure path makes the same durable writes before answering,
   * so the commit cost cannot tell them apart (A3): a counted attempt (known or unknown e-mail)
   * already wrote its throttle rows and audits in the background; a throttled one audits in line.
   */
  async function failed(
    ctx: RequestContext,
    account: Account | null,
    email: string,
    reason: string,
    counted: boolean,
  ) {
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
    /** The throttle keys of a sign-in (tests and tools read the rows by them). */
    throttleKeys: (email: string, ip: string) => deps.throttles.keysFor(email, ip),

    async login(ctx: RequestContext, input: LoginInput): Promise<TokenResponse> {
      const account = await accounts.findAccountByEmail(input.email);
      // Unknown e-mails are counted too, so they throttle, notify (nobody) and challenge alike (A3).
      const attempt = await reservePasswordAttempt(ctx, input.email, account);
      if (attempt.kind === 'throttled') {
        await failed(ctx, account, input.email, 'throttled', false);
        throw throttled(attempt.retryAfterMs);
      }
      const { reserved } = attempt;
      if (!account) {
        await verifyPassword(await dummyPasswordHash(), input.password);
        await failed(ctx, null, input.email, 'unknown_email', true);
        throw reserved.challenge ? linkSent() : invalidCredentials();
      }
      const rightPassword = await verifyPassword(account.passwordHash, input.password);
      if (!rightPassword || account.status !== 'active') {
        await failed(ctx, account, input.email, rightPassword ? 'disabled' : 'wrong_password', true);
        // Under attack every wrong answer looks like the challenge, so it says nothing about the password.
        throw reserved.challenge ? linkSent() : invalidCredentials();
      }

      // The password is right: the attempt no longer counts against this address.
      await settle(reserved);
      if (account.tenantStatus === 'suspended' && !account.isPlatformAdmin) {
        throw new AppError('TENANT_SUSPENDED', 'This organisation is suspended');
      }
      // 2FA is the second factor under attack as at any time; without it, an e-mailed link is.
      const totpEnabled = await deps.totp.isEnabled(account.id);
      if (reserved.challenge && !totpEnabled) {
        sendLink(ctx, account);
        throw linkSent();
      }
      if (totpEnabled) {
        if (!input.totp_code)
          throw new AppError('TOTP_REQUIRED', 'Enter the code from your authenticator app');
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
      return signIn(ctx, account, upgraded, 'password');
    },

    /** Redeems an e-mailed sign-in link once, within its expiry; answers the usual token pair. */
    async redeemLink(ctx: RequestContext, input: LoginLinkInput): Promise<TokenResponse> {
      const now = clock.now();
      const account = await deps.db.transaction(async (tx) => {
        const row = await deps.throttles.lockLinkByHash(tx, sha256(input.token));
        if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
        await deps.throttles.markLinkUsed(tx, row.id, now);
        return accounts.findAccountById(row.userId, tx);
      });
      const invalid = () =>
        new AppError('TOKEN_INVALID', 'This sign-in link is invalid, used or expired; sign in again');
      if (!account || account.status !== 'active') {
        await deps.audit.record(account ? actingAs(ctx, account) : ctx, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: account?.id ?? null,
          tenantId: account?.tenantId ?? null,
          after: { reason: account ? 'disabled' : 'invalid_link' },
        });
        throw invalid();
      }
      if (account.tenantStatus === 'suspended' && !account.isPlatformAdmin) {
        throw new AppError('TENANT_SUSPENDED', 'This organisation is suspended');
      }
      // 2FA turned on since the link was sent: the link is no longer a second factor on its own.
      if (await deps.totp.isEnabled(account.id)) throw invalid();
      return signIn(ctx, account, null, 'email_link');
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
      deps.sessionRevocations.revoke({
        userId: row.userId,
        tenantId: row.tenantId,
        reason: 'logout',
        sessionId: row.familyId,
      });
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
