import type { Permission } from '@switchboard/contracts';
import { AppError } from '../../lib/app-error';
import type { TenantContext } from '../../plugins/context';

/**
 * Nobody hands out more than they hold: a role editor or user manager without, say,
 * `audit.read` cannot create a role with it or give someone a role that has it. Without this,
 * `roles.write` alone would be a path to every permission.
 */
export function assertCanGrant(ctx: TenantContext, permissions: readonly Permission[]) {
  const missing = permissions.filter((p) => !ctx.permissions.has(p));
  if (missing.length > 0) {
    throw new AppError('FORBIDDEN', `You cannot grant permissions you do not hold: ${missing.join(', ')}`, {
      permissions: missing,
    });
  }
}
