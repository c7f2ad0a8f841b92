import { describe, expect, it } from 'vitest';
import { outboundFormValues, parseOutboundForm } from './outbound-input';

describe('outbound policy form input', () => {
  it('turns lines and commas into prefix lists, without duplicates', () => {
    const res = parseOutboundForm({
      home_prefixes: '+49\n+43, +41',
      allowed_prefixes: '',
      blocked_prefixes: '+4930 +4930',
      block_premium_ranges: true,
    });
    expect(res).toEqual({
      ok: true,
      input: { home_prefixes: ['+49', '+43', '+41'], allowed_prefixes: [], blocked_prefixes: ['+4930'], block_premium_ranges: true },
    });
  });

  it('names the text box and the bad prefix', () => {
    const res = parseOutboundForm({ home_prefixes: '', allowed_prefixes: '', blocked_prefixes: '+49\n1900', block_premium_ranges: false });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors.blocked_prefixes).toMatch(/^1900: /);
  });

  it('round-trips a stored policy', () => {
    const policy = { home_prefixes: ['+1'], allowed_prefixes: ['+1', '+44'], blocked_prefixes: [], block_premium_ranges: true };
    const res = parseOutboundForm(outboundFormValues(policy));
    expect(res).toEqual({ ok: true, input: policy });
  });
});
