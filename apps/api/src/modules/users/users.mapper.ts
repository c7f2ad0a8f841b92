import type { User } from '@switchboard/contracts';
import { AppError } from '../../lib/app-error';
import type { TenantContext } from '../../plugins/context';
import { canManageUser } from '../roles/role-grants';
import type { UserWithRole } from './users.repository';

/** The API view of a user; with `viewer`, whether that viewer may manage them. */
export function toUser(r: UserWithRole, viewer?: TenantContext): User {
  return {
    ...(viewer ? { manageable: canManageUser(viewer, r.rolePermissions) } : {}),
    id: r.id,
    email: r.email,
    name: r.name,
    status: r.status,
    role_id: r.roleId ?? '',
    role_key: r.roleKey ?? '',
    role_name: r.roleName ?? '',
    extension: r.extension,
    locale: r.locale,
    totp_enabled: r.totpEnabled,
    last_login_at: r.lastLoginAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** E-mail addresses are unique across the platform (docs/decisions/003). */
export const emailTaken = () =>
  new AppError('ALREADY_EXISTS', 'body.email: this e-mail address is already in use', {
    fields: [{ path: 'body.email', message: 'This e-mail address is already in use' }],
  });

export const unknownRole = () =>
  new AppError('UNPROCESSABLE', 'body.role_id: no such role in this organisation', {
    fields: [{ path: 'body.role_id', message: 'No such role in this organisation' }],
  });

/** Deleted users get `<id>@deleted.invalid` (see user-access.ts); nobody may take such an address. */
export const DELETED_EMAIL_DOMAIN = 'deleted.invalid';
export function assertEmailAllowed(email: string | undefined, path = 'body.email') {
  if (email?.endsWith(`@${DELETED_EMAIL_DOMAIN}`)) {
    throw new AppError('VALIDATION_FAILED', `${path}: this e-mail domain is reserved`, {
      fields: [{ path, message: 'This e-mail domain is reserved' }],
    });
  }
}
