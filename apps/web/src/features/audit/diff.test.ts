import { describe, expect, it } from 'vitest';
import { auditDiff } from './diff';

describe('audit diff', () => {
  it('marks changed fields and keeps unchanged ones', () => {
    const rows = auditDiff({ name: 'Ada', status: 'active' }, { name: 'Ada', status: 'disabled' });
    expect(rows).toEqual([
      { field: 'name', before: 'Ada', after: 'Ada', changed: false },
      { field: 'status', before: 'active', after: 'disabled', changed: true },
    ]);
  });

  it('shows a created row as fields with an empty before, nested values as JSON', () => {
    const rows = auditDiff(null, { limits: { users: 5 } });
    expect(rows).toEqual([{ field: 'limits', before: '', after: '{\n  "users": 5\n}', changed: true }]);
  });

  it('has nothing to show when neither side has data', () => {
    expect(auditDiff(null, null)).toEqual([]);
  });
});
