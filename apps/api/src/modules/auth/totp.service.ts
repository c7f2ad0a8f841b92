import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Database } from '../../db/client';
import { AppError, fieldError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { newId, sha256 } from '../../lib/ids';
import { verifyPassword } from '../../lib/passwords';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { AuthRepository } from './auth.repository';
import { reserveAttempt } from './throttle';
import type { SecretBox } from './totp-secret';
import type { TotpRepository } from './totp.repository';

const PERIOD = 30;
const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

type Deps = {
  db: Database;
  repo: TotpRepository;
  accounts: AuthRepository;
  audit: AuditService;
  clock: Clock;
  box: SecretBox;
  issuer: string;
};

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

/** The audit log of a user's own security settings lives in their own tenant (none for operators). */
const ownTenant = (ctx: RequestContext) => (ctx.operator ? null : ctx.tenantId);

/**
 * Optional TOTP second factor (RFC 6238, 30 s steps, ±1 step of clock drift). A code is accepted
 * once (the last used step is stored), guesses are throttled per user, and single-use recovery
 * codes stand in for a lost device (A7).
 */
export function createTotpService(deps: Deps) {
  const { repo, clock } = deps;

  function totpFor(secretBase32: string, label: string) {
    return new OTPAuth.TOTP({
      issuer: deps.issuer,
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD,
      secret: OTPAuth.Secret.fromBase32(secretBase32),
    });
  }

  /** Counts the attempt before checking it, under a row lock, so parallel guesses are limited too. */
  async function reserve(userId: string) {
    const now = clock.now();
    const allowed = await deps.db.transaction(async (tx) => {
      const state = await repo.lockThrottle(tx, userId);
      if (!state) return false;
      const decision = reserveAttempt(state, now);
      if (decision.allowed) await repo.setThrottle(tx, userId, decision.next);
      return decision.allowed;
    });
    if (!allowed) throw new AppError('RATE_LIMITED', 'Too many codes tried; wait a few minutes and try again');
  }

  /**
   * Checks a code for a user who has a TOTP row (confirmed or, when enrolling, pending).
   * Throws TOTP_INVALID or RATE_LIMITED.
   */
  async function check(userId: string, code: string, opts: { allowRecovery: boolean; confirmed: boolean }) {
    const row = await repo.find(userId);
    if (!row || (row.confirmedAt !== null) !== opts.confirmed) {
      throw new AppError('INVALID_STATE', opts.confirmed ? 'Two-factor sign-in is not enabled' : 'Start enrolment first');
    }
    await reserve(userId);
    const now = clock.now();
    const token = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(token)) {
      const delta = totpFor(deps.box.open(row.secretEnc), 'check').validate({ token, timestamp: now.getTime(), window: 1 });
      if (delta !== null) {
        const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
        if (await repo.claimStep(userId, step)) return;
      }
    } else if (opts.allowRecovery && (await repo.useRecoveryCode(userId, sha256(normaliseRecoveryCode(token)), now))) {
      await deps.db.transaction((tx) => repo.setThrottle(tx, userId, { failures: 0, lockedUntil: null }));
      return;
    }
    throw new AppError('TOTP_INVALID', 'The code is not valid');
  }

  async function issueRecoveryCodes(userId: string, exec: Parameters<TotpRepository['confirm']>[0]) {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await repo.replaceRecoveryCodes(
      exec,
      userId,
      codes.map((c) => ({ id: newId(), codeHash: sha256(normaliseRecoveryCode(c)) })),
      clock.now(),
    );
    return codes;
  }

  return {
    async isEnabled(userId: string): Promise<boolean> {
      const row = await repo.find(userId);
      return row?.confirmedAt != null;
    },

    /** The login second step: a TOTP code or a recovery code. */
    verifyForLogin(userId: string, code: string) {
      return check(userId, code, { allowRecovery: true, confirmed: true });
    },

    async enroll(ctx: RequestContext) {
      const userId = ctx.userId!;
      const existing = await repo.find(userId);
      if (existing?.confirmedAt) throw new AppError('INVALID_STATE', 'Two-factor sign-in is already enabled');
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      await repo.upsertPending(userId, deps.box.seal(secret), clock.now());
      const url = totpFor(secret, ctx.userEmail ?? userId).toString();
      return { secret, otpauth_url: url, qr_data_url: await QRCode.toDataURL(url) };
    },

    async confirm(ctx: RequestContext, code: string) {
      const userId = ctx.userId!;
      await check(userId, code, { allowRecovery: false, confirmed: false });
      return deps.db.transaction(async (tx) => {
        await repo.confirm(tx, userId, clock.now());
        const codes = await issueRecoveryCodes(userId, tx);
        await deps.audit.record(
          ctx,
          { action: 'auth.totp_enabled', entityType: 'user', entityId: userId, tenantId: ownTenant(ctx) },
          tx,
        );
        return { recovery_codes: codes };
      });
    },

    async disable(ctx: RequestContext, password: string, code: string) {
      const userId = ctx.userId!;
      const account = await deps.accounts.findAccountById(userId);
      if (!account || !(await verifyPassword(account.passwordHash, password))) {
        throw fieldError('body.password', 'The password is not correct');
      }
      await check(userId, code, { allowRecovery: true, confirmed: true });
      await deps.db.transaction(async (tx) => {
        await repo.remove(tx, userId);
        await deps.audit.record(
          ctx,
          { action: 'auth.totp_disabled', entityType: 'user', entityId: userId, tenantId: ownTenant(ctx) },
          tx,
        );
      });
    },

    async regenerateRecoveryCodes(ctx: RequestContext, code: string) {
      const userId = ctx.userId!;
      await check(userId, code, { allowRecovery: false, confirmed: true });
      return deps.db.transaction(async (tx) => {
        const codes = await issueRecoveryCodes(userId, tx);
        await deps.audit.record(
          ctx,
          { action: 'auth.recovery_codes_regenerated', entityType: 'user', entityId: userId, tenantId: ownTenant(ctx) },
          tx,
        );
        return { recovery_codes: codes };
      });
    },
  };
}
export type TotpService = ReturnType<typeof createTotpService>;
