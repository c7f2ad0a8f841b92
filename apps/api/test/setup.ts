import { afterAll, expect } from 'vitest';
import { activeAudits } from './helpers';

// RELIABILITY T8: after every test file, no statement on a tenant table lacked a tenant predicate.
afterAll(() => {
  const violations = activeAudits.flatMap((a) => a.violations);
  expect(violations, 'statements on tenant tables without a tenant predicate').toEqual([]);
});
