export type DiffRow = { field: string; before: string; after: string; changed: boolean };

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * Field-by-field before/after of an audit entry. Objects are compared one level deep and nested
 * values shown as JSON; anything else (a created or deleted row, a scalar) is one "value" row.
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const left = asRecord(before);
  const right = asRecord(after);
  if (!left && !right) {
    // A missing side (nothing before a create, nothing after a delete) reads as empty, not "null".
    const a = before === null ? '' : show(before);
    const b = after === null ? '' : show(after);
    return a === '' && b === '' ? [] : [{ field: 'value', before: a, after: b, changed: a !== b }];
  }
  const fields = [...new Set([...Object.keys(left ?? {}), ...Object.keys(right ?? {})])].sort();
  return fields.map((field) => {
    const a = show(left?.[field]);
    const b = show(right?.[field]);
    return { field, before: a, after: b, changed: a !== b };
  });
}
