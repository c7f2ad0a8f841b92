/**
 * RELIABILITY T8: every statement on a tenant-owned table must carry a tenant predicate.
 * The test app records every SQL statement drizzle sends and fails the file on a violation.
 *
 * Modules register their tenant tables with `registerTenantTables`, and name each deliberate
 * exception with `allowUnscoped` (a reason and the statement pattern), so exceptions are
 * visible in code review rather than hidden in a test.
 */
const tenantTables = new Set<string>();
const exceptions: { reason: string; pattern: RegExp }[] = [];

export function registerTenantTables(...names: string[]) {
  for (const n of names) tenantTables.add(n);
}

export function allowUnscoped(reason: string, pattern: RegExp) {
  exceptions.push({ reason, pattern });
}

export type QueryViolation = { sql: string; table: string };

const TABLE_REF = /\b(?:from|join|into|update)\s+`([a-z0-9_]+)`/gi;

export function findViolation(sql: string): QueryViolation | null {
  const lower = sql.toLowerCase();
  const tables = [...lower.matchAll(TABLE_REF)].map((m) => m[1]!).filter((t) => tenantTables.has(t));
  if (tables.length === 0) return null;
  if (exceptions.some((e) => e.pattern.test(sql))) return null;
  const verb = lower.trimStart().slice(0, 6);
  if (verb === 'insert') {
    const columns = lower.slice(0, lower.indexOf(' values') === -1 ? undefined : lower.indexOf(' values'));
    return columns.includes('`tenant_id`') ? null : { sql, table: tables[0]! };
  }
  const where = lower.indexOf(' where ');
  if (where !== -1 && lower.slice(where).includes('`tenant_id`')) return null;
  return { sql, table: tables[0]! };
}

export class QueryAudit {
  readonly statements: string[] = [];
  readonly violations: QueryViolation[] = [];
  record(sql: string) {
    this.statements.push(sql);
    const v = findViolation(sql);
    if (v) this.violations.push(v);
  }
}

registerTenantTables('roles', 'users', 'audit_log');
allowUnscoped(
  'auth: login, forgot-password and register look a user up by e-mail across tenants (e-mail is global)',
  /^select .* from `users` .*where .*`users`\.`email` = \?/is,
);
allowUnscoped(
  'auth: the refresh and reset paths find the user of a verified token by its id',
  /^select .* from `users` .*where .*`users`\.`id` = \? and `users`\.`deleted_at` is null/is,
);
