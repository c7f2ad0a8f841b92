import type { Permission } from '@switchboard/contracts';
import { AppError } from '../../lib/app-error';
import type { TenantContext } from '../../plugins/context';

/**
 * Nobody hands out more than they hold: a role editor or user manager without, say,
 * `audit.read` cannot create a role with it or give someone a role that has it. Without this,
 * `roles.write` alone would be a path to every permission.
 */
export function assertCanGrant(ctx: TenantContext, permissions: readonly Permission[]) {
  const missing = notHeld(ctx, permissions);
  if (missing.length > 0) {
    throw new AppError('FORBIDDEN', `You cannot grant permissions you do not hold: ${missing.join(', ')}`, {
      permissions: missing,
    });
  }
}

/**
 * Platform operators acting in a tenant, and the system itself (`systemContext`: the seed, the
 * worker), act with full power over a tenant's users; everyone else is held to the subset rule.
 */
const trusted = (ctx: TenantContext) => ctx.operator || (ctx.role === 'system' && ctx.userId === 'system');

/** The permissions of `target` the caller does not hold. */
const notHeld = (ctx: TenantContext, target: readonly Permission[]) => target.filter((p) => !ctx.permissions.has(p));

/**
 * The same rule for acting on another user (issue 16.1): changing, disabling, enabling,
 * deleting, resetting the two-factor sign-in of, or sending a password reset to a user needs
 * every permission that user holds, or a `users.write` holder could re-address the admin's
 * e-mail and reset their way into it. Platform operators acting in a tenant keep full power.
 */
export function canManageUser(ctx: TenantContext, targetPermissions: readonly Permission[]): boolean {
  return trusted(ctx) || notHeld(ctx, targetPermissions).length === 0;
}

export function assertCanManageUser(ctx: TenantContext, targetPermissions: readonly Permission[]) {
  if (trusted(ctx)) return;
  const missing = notHeld(ctx, targetPermissions);
  if (missing.length > 0) {
    throw new AppError(
      'FORBIDDEN',
      `You cannot change a user who holds permissions you do not hold: ${missing.join(', ')}`,
      { permissions: missing },
    );
  }
}

/**
 * Changing the permissions of a role changes every holder, so it needs what the role holds
 * today as well as what it will hold: a role editor cannot strip a bigger role they lack.
 */
export function assertCanChangeRole(ctx: TenantContext, currentPermissions: readonly Permission[]) {
  if (trusted(ctx)) return;
  const missing = notHeld(ctx, currentPermissions);
  if (missing.length > 0) {
    throw new AppError(
      'FORBIDDEN',
      `You cannot change a role that holds permissions you do not hold: ${missing.join(', ')}`,
      { permissions: missing },
    );
  }
}
