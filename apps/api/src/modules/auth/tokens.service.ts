import type { Config } from '../../config';
import type { Database, Executor } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { newId, randomToken, sha256 } from '../../lib/ids';
import type { JwtService } from '../../lib/jwt';
import { AppError } from '../../lib/app-error';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { Account, AuthRepository } from './auth.repository';
import type { RefreshTokenRow, TokensRepository } from './tokens.repository';

/** Who a token pair is for: the user, the tenant the token acts in, and how. */
export type SessionSubject = {
  userId: string;
  tenantId: string | null;
  role: string;
  permVersion: number;
  /** A platform admin acting inside `tenantId` after an audited switch. */
  operator: boolean;
};

export type ClientMeta = { ip: string; userAgent: string | null };

export type IssuedTokens = {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  familyId: string;
  subject: SessionSubject;
};

/** The subject a user signs in as in their own tenant (or on the platform, for operators). */
export function ownSubject(account: Account): SessionSubject {
  return {
    userId: account.id,
    tenantId: account.tenantId,
    role: account.isPlatformAdmin && !account.tenantId ? 'platform_admin' : (account.roleKey ?? 'none'),
    permVersion: account.permVersion,
    operator: false,
  };
}

export function operatorSubject(account: Account, tenantId: string): SessionSubject {
  return { userId: account.id, tenantId, role: 'admin', permVersion: account.permVersion, operator: true };
}

type Deps = {
  db: Database;
  repo: TokensRepository;
  accounts: AuthRepository;
  jwt: JwtService;
  clock: Clock;
  config: Config;
  sessionRevocations: SessionRevocations;
};

/**
 * Access JWTs and opaque refresh tokens. Each sign-in starts a family; every refresh replaces the
 * token with its successor, and presenting a used or revoked token revokes the family (A5).
 */
export function createTokensService(deps: Deps) {
  const { db, repo, clock } = deps;

  async function issue(
    subject: SessionSubject,
    meta: ClientMeta,
    opts: { familyId?: string; parentId?: string; id?: string } = {},
    exec: Executor = db,
  ): Promise<IssuedTokens> {
    const now = clock.now();
    const familyId = opts.familyId ?? newId();
    const refreshToken = randomToken(32);
    await repo.insertRefresh(
      {
        id: opts.id ?? newId(),
        userId: subject.userId,
        tenantId: subject.tenantId,
        familyId,
        tokenHash: sha256(refreshToken),
        parentId: opts.parentId ?? null,
        replacedById: null,
        operatorSwitch: subject.operator,
        userAgent: meta.userAgent,
        ip: meta.ip.slice(0, 64),
        expiresAt: new Date(now.getTime() + deps.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
        usedAt: null,
        revokedAt: null,
        revokedReason: null,
        createdAt: now,
      },
      exec,
    );
    const accessToken = await deps.jwt.sign({
      sub: subject.userId,
      tid: subject.tenantId,
      role: subject.role,
      pv: subject.permVersion,
      sid: familyId,
      ...(subject.operator ? { op: true } : {}),
    });
    return { accessToken, refreshToken, expiresIn: deps.jwt.ttlSeconds, familyId, subject };
  }

  /** Who the token may still act as, or why not. Checked on every refresh (T7). */
  async function subjectFor(row: RefreshTokenRow, exec: Executor): Promise<SessionSubject | AppError> {
    const account = await deps.accounts.findAccountById(row.userId, exec);
    if (!account) return new AppError('TOKEN_INVALID', 'Invalid refresh token');
    if (account.status !== 'active') return new AppError('ACCOUNT_DISABLED', 'This account is disabled');
    if (row.operatorSwitch) {
      if (!account.isPlatformAdmin || !row.tenantId) return new AppError('TOKEN_INVALID', 'Invalid refresh token');
      const tenant = await deps.accounts.findTenant(row.tenantId);
      if (!tenant) return new AppError('TOKEN_INVALID', 'Invalid refresh token');
      return operatorSubject(account, row.tenantId);
    }
    if (account.tenantId !== row.tenantId) return new AppError('TOKEN_INVALID', 'Invalid refresh token');
    if (account.tenantStatus === 'suspended') return new AppError('TENANT_SUSPENDED', 'This organisation is suspended');
    return ownSubject(account);
  }

  return {
    issue,

    async rotate(raw: string, meta: ClientMeta): Promise<IssuedTokens> {
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const row = await repo.lockRefreshByHash(tx, sha256(raw));
        if (!row) return { error: new AppError('TOKEN_INVALID', 'Invalid refresh token') };
        if (row.usedAt || row.revokedAt) {
          // A token presented twice was copied: end the whole session for both holders.
          await repo.revokeFamily(tx, row.familyId, 'reuse', now);
          return { error: new AppError('TOKEN_INVALID', 'Refresh token already used'), reused: row };
        }
        if (row.expiresAt.getTime() <= now.getTime()) {
          return { error: new AppError('TOKEN_EXPIRED', 'Refresh token expired') };
        }
        const subject = await subjectFor(row, tx);
        if (subject instanceof AppError) {
          if (subject.code !== 'TENANT_SUSPENDED') {
            await repo.revokeFamily(tx, row.familyId, 'access', now);
            return { error: subject, ended: row };
          }
          return { error: subject };
        }
        const nextId = newId();
        const issued = await issue(subject, meta, { familyId: row.familyId, parentId: row.id, id: nextId }, tx);
        await repo.markUsed(tx, row.id, nextId, now);
        return { issued };
      });
      if (outcome.reused) {
        const r = outcome.reused;
        deps.sessionRevocations.revoke({ userId: r.userId, tenantId: r.tenantId, reason: 'refresh_reuse', sessionId: r.familyId });
      }
      if (outcome.ended) {
        const r = outcome.ended;
        deps.sessionRevocations.revoke({ userId: r.userId, tenantId: r.tenantId, reason: 'session_ended', sessionId: r.familyId });
      }
      if (outcome.error) throw outcome.error;
      return outcome.issued!;
    },

    /** Ends the session a refresh token belongs to; answers its row so the caller can audit. */
    async revokeSession(raw: string, reason: string): Promise<RefreshTokenRow | null> {
      const row = await repo.findRefreshByHash(sha256(raw));
      if (!row) return null;
      await repo.revokeFamily(db, row.familyId, reason, clock.now());
      return row;
    },

    async revokeFamily(familyId: string, reason: string, exec: Executor = db) {
      await repo.revokeFamily(exec, familyId, reason, clock.now());
    },

    async revokeAllForUser(userId: string, reason: string, exec: Executor = db, exceptFamilyId?: string) {
      await repo.revokeAllForUser(exec, userId, reason, clock.now(), exceptFamilyId);
    },
  };
}
export type TokensService = ReturnType<typeof createTokensService>;
