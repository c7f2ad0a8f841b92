import { describe, expect, it } from 'vitest';
import { createSecretBox } from './totp-secret';

describe('TOTP secret encryption at rest', () => {
  const box = createSecretBox('a-master-secret-of-at-least-32-characters');

  it('round-trips and never stores the plain secret', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
  });

  it('refuses a tampered value and a value sealed under another secret', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox('another-master-secret-of-32-characters!').open(sealed)).toThrow();
  });
});
