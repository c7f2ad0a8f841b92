import type { RegisterInput } from '@switchboard/contracts';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { alreadyRegisteredMail, slugLostMail, welcomeMail } from '../../lib/mail/auth-mails';
import type { Mailer } from '../../lib/mail/mailer';
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
 * e-mail" for a new and an already registered address (A3): only the slug is checked in line (a
 * taken slug is 409 for everyone, revealing nothing about the e-mail); looking the address up,
 * hashing and provisioning happen after the answer. The new admin gets a welcome mail, the owner
 * of an existing address a notice, and a slug lost to a concurrent sign-up a retry mail.
 */
export function createRegistrationService(deps: Deps) {
  const base = () => deps.config.PUBLIC_URL.replace(/\/$/, '');

  async function provision(ctx: RequestContext, input: RegisterInput) {
    if (await deps.accounts.findAccountByEmail(input.email)) {
      await deps.mailer.send(alreadyRegisteredMail(input.email, `${base()}/login`, `${base()}/forgot-password`));
      return;
    }
    try {
      await deps.db.transaction(async (tx) => {
        const made = await provisionTenant(tx, {
          name: input.company_name,
          slug: input.slug,
          timezone: input.timezone,
          admin: { email: input.email, name: input.name, password: input.password },
          now: deps.clock.now(),
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
      if (isDuplicate(e, 'users_email_uq')) {
        await deps.mailer.send(alreadyRegisteredMail(input.email, `${base()}/login`, `${base()}/forgot-password`));
        return;
      }
      if (isDuplicate(e, 'tenants_slug_uq')) {
        await deps.mailer.send(slugLostMail(input.email, `${base()}/register`, input.slug));
        return;
      }
      throw e;
    }
    await deps.mailer.send(welcomeMail(input.email, `${base()}/login`, input.company_name));
  }

  return {
    async register(ctx: RequestContext, input: RegisterInput): Promise<void> {
      if (!deps.config.SELF_REGISTRATION) {
        throw new AppError('SELF_REGISTRATION_DISABLED', 'Self-registration is turned off; ask the operator for an account');
      }
      if (await deps.accounts.slugTaken(input.slug)) throw slugTaken();
      deps.background.run('registration', () => provision(ctx, input));
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
