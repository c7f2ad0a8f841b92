import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { JwtService } from '../../lib/jwt';
import type { Mailer } from '../../lib/mail/mailer';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { AuditService } from '../audit/audit.service';
import { createAccountService } from './account.service';
import { createAuthRepository } from './auth.repository';
import { createAuthService } from './auth.service';
import { createBackground } from './background';
import { createLoginThrottleRepository } from './login-throttle.repository';
import { createOperatorSwitchService } from './operator-switch.service';
import { createPasswordResetService } from './password-reset.service';
import { createRegistrationService } from './registration.service';
import { createTokensRepository } from './tokens.repository';
import { createTokensService } from './tokens.service';
import { createSecretBox } from './totp-secret';
import { createTotpRepository } from './totp.repository';
import { createTotpService } from './totp.service';

export type AuthModuleDeps = {
  db: Database;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  jwt: JwtService;
  audit: AuditService;
  sessionRevocations: SessionRevocations;
  log: FastifyBaseLogger;
};

/** Wires the auth module's repositories and services; the container exposes the result as `auth`. */
export function createAuthModule(deps: AuthModuleDeps) {
  const { db, config, clock, audit, sessionRevocations } = deps;
  const accounts = createAuthRepository(db);
  const tokensRepo = createTokensRepository(db);
  const background = createBackground(deps.log);
  const throttles = createLoginThrottleRepository(db);
  const tokens = createTokensService({ db, repo: tokensRepo, accounts, jwt: deps.jwt, clock, config, sessionRevocations });
  const totp = createTotpService({
    db,
    repo: createTotpRepository(db),
    accounts,
    audit,
    clock,
    box: createSecretBox(config.JWT_SECRET),
    issuer: 'Switchboard',
  });
  return {
    accounts,
    tokens,
    totp,
    background,
    /** Sign-in throttle rows and links; the worker prunes them (jobs/tasks.ts). */
    throttles,
    sessions: createAuthService({
      db,
      accounts,
      tokens,
      totp,
      audit,
      clock,
      sessionRevocations,
      background,
      throttles,
      mailer: deps.mailer,
      config,
    }),
    account: createAccountService({ db, accounts, tokens, audit, clock, sessionRevocations, mailer: deps.mailer }),
    registration: createRegistrationService({ db, accounts, audit, clock, mailer: deps.mailer, background, config }),
    passwordReset: createPasswordResetService({
      db,
      accounts,
      tokens: tokensRepo,
      audit,
      clock,
      mailer: deps.mailer,
      background,
      config,
      sessionRevocations,
    }),
    operatorSwitch: createOperatorSwitchService({ db, accounts, tokens, audit }),
  };
}
export type AuthModule = ReturnType<typeof createAuthModule>;
