import { describe, expect, it } from 'vitest';
import {
  applyDialRules,
  errorStatus,
  normalizeE164,
  permissionCatalog,
  systemRolePermissions,
  wsEventCatalog,
} from './index';

describe('contracts', () => {
  it('normalises phone numbers to E.164 or refuses them', () => {
    expect(normalizeE164('+49 (0)30 123-4567')).toBe('+49301234567');
    expect(normalizeE164('0049 30 1234567')).toBe('+49301234567');
    expect(normalizeE164('030 1234567')).toBeNull();
    expect(normalizeE164('+1 555 abc')).toBeNull();
  });

  it('applies the first matching dial rule', () => {
    const rules = [
      { prefix: '+1', strip: 2, prepend: '' },
      { prefix: '+', strip: 1, prepend: '00' },
    ];
    expect(applyDialRules('+15551234567', rules)).toBe('5551234567');
    expect(applyDialRules('+4930123456', rules)).toBe('004930123456');
    expect(applyDialRules('1001', rules)).toBe('1001');
  });

  it('maps every error code to a 4xx or 5xx status', () => {
    for (const status of Object.values(errorStatus)) expect(status).toBeGreaterThanOrEqual(400);
  });

  it('gives system roles only known permissions; admin holds all of them', () => {
    const all = Object.keys(permissionCatalog);
    expect([...systemRolePermissions.admin].sort()).toEqual([...all].sort());
    for (const p of [...systemRolePermissions.supervisor, ...systemRolePermissions.agent])
      expect(all).toContain(p);
  });

  it('types every call event pushed to sockets', () => {
    for (const name of [
      'call.queued',
      'call.offered',
      'call.answered',
      'call.ended',
      'queue.stats',
      'agent.state',
    ]) {
      expect(Object.keys(wsEventCatalog)).toContain(name);
    }
  });
});
