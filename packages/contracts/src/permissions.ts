import { z } from 'zod';

/**
 * Every permission, defined once. Routes declare one of these; roles hold sets of them.
 * Adding a permission here makes it appear in `/api/v1/permissions` and in the role editor.
 */
export const permissionCatalog = {
  'tenant.read': { group: 'Tenant', description: "Read the tenant's profile, settings and usage" },
  'tenant.write': { group: 'Tenant', description: "Change the tenant's profile and settings" },
  'users.read': { group: 'Users', description: 'List and view users' },
  'users.write': { group: 'Users', description: 'Create, edit, enable, disable and delete users' },
  'roles.read': { group: 'Roles', description: 'List and view roles and permissions' },
  'roles.write': { group: 'Roles', description: 'Create, edit and delete custom roles' },
  'audit.read': { group: 'Audit', description: 'Read the audit log' },
  'endpoints.read': { group: 'Telephony', description: 'List and view SIP and WebRTC endpoints' },
  'endpoints.write': {
    group: 'Telephony',
    description: 'Create, edit, delete endpoints; reveal and regenerate SIP passwords',
  },
  'dids.read': { group: 'Telephony', description: 'List and view phone numbers (DIDs)' },
  'dids.write': { group: 'Telephony', description: 'Create, edit and delete DIDs and their routing' },
  'queues.read': { group: 'Telephony', description: 'List and view queues and their members' },
  'queues.write': { group: 'Telephony', description: 'Create, edit and delete queues and members' },
  'ivr.read': { group: 'Telephony', description: 'List and view IVR menus, schedules and audio' },
  'ivr.write': { group: 'Telephony', description: 'Create, edit and delete IVR menus, schedules and audio' },
  'trunks.read': { group: 'Telephony', description: 'List and view carrier trunks' },
  'trunks.write': { group: 'Telephony', description: 'Create, edit and delete carrier trunks' },
  'agent.state': { group: 'Calls', description: 'Change own agent state and take calls' },
  'calls.read': { group: 'Calls', description: 'See live calls and queue statistics' },
  'calls.control': { group: 'Calls', description: 'Originate, hold, transfer and hang up calls' },
  'calls.international': {
    group: 'Calls',
    description: "Call numbers outside the tenant's home country codes (outbound calling policy)",
  },
  'calls.supervise': { group: 'Calls', description: "Listen, whisper and barge on agents' calls" },
  'cdr.read': { group: 'Calls', description: 'Search call records' },
  'cdr.export': { group: 'Calls', description: 'Export call records as CSV' },
  'recordings.listen': { group: 'Calls', description: 'Play and download call recordings' },
  'tickets.read': { group: 'Helpdesk', description: 'Read tickets' },
  'tickets.write': { group: 'Helpdesk', description: 'Create and reply to tickets' },
  'tickets.assign': { group: 'Helpdesk', description: 'Assign tickets to agents and groups' },
  'chat.reply': { group: 'Chat', description: 'Accept and answer chats' },
  'chat.admin': { group: 'Chat', description: 'Configure chat widgets' },
  'contacts.read': { group: 'Contacts', description: 'Read contacts and their timeline' },
  'contacts.write': { group: 'Contacts', description: 'Create and edit contacts' },
  'analytics.read': { group: 'Analytics', description: 'Read analytics dashboards and exports' },
  'notifications.read': { group: 'Account', description: 'Read own notifications' },
} as const;

export type Permission = keyof typeof permissionCatalog;
export const permissions = Object.keys(permissionCatalog) as [Permission, ...Permission[]];
export const permissionSchema = z.enum(permissions);

export const systemRoleKeys = ['admin', 'supervisor', 'agent'] as const;
export type SystemRoleKey = (typeof systemRoleKeys)[number];

const agentPermissions: Permission[] = [
  'agent.state',
  'calls.read',
  'calls.control',
  'tickets.read',
  'tickets.write',
  'chat.reply',
  'contacts.read',
  'contacts.write',
  'notifications.read',
  'queues.read',
];

const supervisorPermissions: Permission[] = [
  ...agentPermissions,
  'users.read',
  'roles.read',
  'tenant.read',
  'endpoints.read',
  'dids.read',
  'ivr.read',
  'trunks.read',
  'calls.supervise',
  'calls.international',
  'cdr.read',
  'cdr.export',
  'recordings.listen',
  'tickets.assign',
  'analytics.read',
  'audit.read',
];

/** The permission sets of the three system roles every tenant gets. */
export const systemRolePermissions: Record<SystemRoleKey, Permission[]> = {
  admin: [...permissions],
  supervisor: [...new Set(supervisorPermissions)],
  agent: agentPermissions,
};

export const permissionInfoSchema = z.object({
  key: permissionSchema,
  group: z.string(),
  description: z.string(),
});
export type PermissionInfo = z.infer<typeof permissionInfoSchema>;
