import type { RegisterInput } from '@switchboard/contracts';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { alreadyRegisteredMail, welcomeMail } from '../../lib/mail/auth-mails';
import type { Mailer } from '../../lib/mail/mailer';
import { hashPassword } from '../../lib/passwords';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { provisionTenant } from '../tenants/tenant-provisioning';
import type { AuthRepository } from './auth.repository';
import type { Background } from './background';

type Deps = {
  db: Database;
  accounts: AuthRepository;
  audit: AuditService;
  clock: Clock;
  mailer: Mailer;
  background: Background;
  config: Config;
};

const slugTaken = () =>
  new AppError('ALREADY_EXISTS', 'body.slug: this address is taken', {
    fields: [{ path: 'body.slug', message: 'This address is taken' }],
  });

const isDuplicate = (e: unknown, key: string): boolean => {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  const message = `${err.message ?? ''} ${err.cause?.message ?? ''}`;
  return code === 'ER_DUP_ENTRY' && message.includes(key);
};

/**
 * Self-service sign-up: a new tenant and its admin. The answer is the same 202 "check your
 * e-mail" for a new and an already registered address, after the same argon2 work; the owner of
 * an existing address gets a notice instead of a welcome (A3). The slug is checked first, so a
 * taken slug answers 409 whatever the e-mail.
 */
export function createRegistrationService(deps: Deps) {
  const base = () => deps.config.PUBLIC_URL.replace(/\/$/, '');

  function noticeExisting(email: string) {
    deps.background.run('registration notice e-mail', () =>
      deps.mailer.send(alreadyRegisteredMail(email, `${base()}/login`, `${base()}/forgot-password`)),
    );
  }

  return {
    async register(ctx: RequestContext, input: RegisterInput): Promise<void> {
      if (!deps.config.SELF_REGISTRATION) {
        throw new AppError('SELF_REGISTRATION_DISABLED', 'Self-registration is turned off; ask the operator for an account');
      }
      if (await deps.accounts.slugTaken(input.slug)) throw slugTaken();
      if (await deps.accounts.findAccountByEmail(input.email)) {
        // provisionTenant hashes the password on the other path; match its cost here.
        await hashPassword(input.password);
        noticeExisting(input.email);
        return;
      }
      const now = deps.clock.now();
      try {
        await deps.db.transaction(async (tx) => {
          const made = await provisionTenant(tx, {
            name: input.company_name,
            slug: input.slug,
            timezone: input.timezone,
            admin: { email: input.email, name: input.name, password: input.password },
            now,
          });
          const actor = { ...ctx, userId: made.adminUserId, userEmail: input.email, tenantId: made.tenantId };
          await deps.audit.record(
            actor,
            {
              action: 'tenant.registered',
              entityType: 'tenant',
              entityId: made.tenantId,
              after: { name: input.company_name, slug: input.slug, admin_email: input.email },
            },
            tx,
          );
        });
      } catch (e) {
        if (isDuplicate(e, 'tenants_slug_uq')) throw slugTaken();
        if (isDuplicate(e, 'users_email_uq')) {
          noticeExisting(input.email);
          return;
        }
        throw e;
      }
      deps.background.run('welcome e-mail', () =>
        deps.mailer.send(welcomeMail(input.email, `${base()}/login`, input.company_name)),
      );
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
