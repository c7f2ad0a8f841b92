/**
 * Small database helpers shared by the tenants, users and roles modules.
 */

/** True when `err` (or a cause it wraps) is a duplicate-key error on the named unique index. */
export function isDuplicateKey(err: unknown, indexName: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const { code, sqlMessage, cause } = e as { code?: string; sqlMessage?: string; cause?: unknown };
    if (code === 'ER_DUP_ENTRY')
      return (sqlMessage ?? '').includes(`'${indexName}'`) || (sqlMessage ?? '').includes(`.${indexName}'`);
    e = cause;
  }
  return false;
}

/** A `LIKE` pattern matching `term` anywhere, with the wildcard characters in it taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
