import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { fieldError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { newId, randomToken, sha256 } from '../../lib/ids';
import { passwordResetMail } from '../../lib/mail/auth-mails';
import type { Mailer } from '../../lib/mail/mailer';
import { hashPassword } from '../../lib/passwords';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { AuthRepository } from './auth.repository';
import { actingAs } from './auth.service';
import type { Background } from './background';
import type { TokensRepository } from './tokens.repository';

export const RESET_TTL_MINUTES = 30;

type Deps = {
  db: Database;
  accounts: AuthRepository;
  tokens: TokensRepository;
  audit: AuditService;
  clock: Clock;
  mailer: Mailer;
  background: Background;
  config: Config;
  sessionRevocations: SessionRevocations;
};

/**
 * Password reset by a single-use link that expires in 30 minutes. Asking answers at once and
 * does the work in the background, so known and unknown addresses look alike (A3). Resetting
 * ends every session but leaves two-factor sign-in on (A7).
 */
export function createPasswordResetService(deps: Deps) {
  const { accounts, tokens, clock } = deps;

  async function sendLink(email: string) {
    const account = await accounts.findAccountByEmail(email);
    if (!account || account.status !== 'active') return;
    const raw = randomToken(32);
    const now = clock.now();
    await deps.db.transaction(async (tx) => {
      await tokens.expireUnusedResets(tx, account.id, now);
      await tokens.insertReset(
        {
          id: newId(),
          userId: account.id,
          tokenHash: sha256(raw),
          expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000),
          usedAt: null,
          createdAt: now,
        },
        tx,
      );
    });
    const link = `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(raw)}`;
    await deps.mailer.send(passwordResetMail(account.email, link, RESET_TTL_MINUTES));
  }

  return {
    requestReset(_ctx: RequestContext, email: string) {
      deps.background.run('password reset e-mail', () => sendLink(email));
    },

    async reset(ctx: RequestContext, input: { token: string; password: string }) {
      // Hash first: the row lock below should not wait on argon2.
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      const account = await deps.db.transaction(async (tx) => {
        const row = await tokens.lockResetByHash(tx, sha256(input.token));
        if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
        const found = await accounts.findAccountById(row.userId, tx);
        if (!found) return null;
        await tokens.markResetUsed(tx, row.id, now);
        await tokens.expireUnusedResets(tx, found.id, now);
        await accounts.setPassword(tx, found.tenantId, found.id, passwordHash, now);
        await tokens.revokeAllForUser(tx, found.id, 'password_reset', now);
        await deps.audit.record(
          actingAs(ctx, found),
          { action: 'auth.password_reset', entityType: 'user', entityId: found.id },
          tx,
        );
        return found;
      });
      if (!account) throw fieldError('body.token', 'This reset link is invalid, used or expired; ask for a new one');
      deps.sessionRevocations.revoke({ userId: account.id, tenantId: account.tenantId, reason: 'password_reset' });
    },
  };
}
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
