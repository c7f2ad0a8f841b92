import { updateOutboundPolicySchema, type OutboundPolicy, type UpdateOutboundPolicyInput } from '@switchboard/contracts';

/** The outbound policy form: each prefix list is a text box, one prefix per line or comma. */
export type OutboundFormValues = {
  home_prefixes: string;
  allowed_prefixes: string;
  blocked_prefixes: string;
  block_premium_ranges: boolean;
};

const lists = ['home_prefixes', 'allowed_prefixes', 'blocked_prefixes'] as const;

export const splitPrefixes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);

export function outboundFormValues(policy: OutboundPolicy): OutboundFormValues {
  return {
    home_prefixes: policy.home_prefixes.join('\n'),
    allowed_prefixes: policy.allowed_prefixes.join('\n'),
    blocked_prefixes: policy.blocked_prefixes.join('\n'),
    block_premium_ranges: policy.block_premium_ranges,
  };
}

/**
 * Validates the form with the contract's schema. Errors name the text box (the API answers
 * `body.blocked_prefixes.1`; the form shows it on `blocked_prefixes`, quoting the bad prefix).
 */
export function parseOutboundForm(
  values: OutboundFormValues,
):
  | { ok: true; input: UpdateOutboundPolicyInput }
  | { ok: false; errors: Partial<Record<keyof OutboundFormValues, string>> } {
  const raw = {
    home_prefixes: splitPrefixes(values.home_prefixes),
    allowed_prefixes: splitPrefixes(values.allowed_prefixes),
    blocked_prefixes: splitPrefixes(values.blocked_prefixes),
    block_premium_ranges: values.block_premium_ranges,
  };
  const parsed = updateOutboundPolicySchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Partial<Record<keyof OutboundFormValues, string>> = {};
  for (const issue of parsed.error.issues) {
    const [field, index] = issue.path as [keyof OutboundFormValues, number | undefined];
    if (errors[field]) continue;
    const bad = typeof index === 'number' && (lists as readonly string[]).includes(field) ? raw[field as (typeof lists)[number]][index] : undefined;
    errors[field] = bad ? `${bad}: ${issue.message}` : issue.message;
  }
  return { ok: false, errors };
}
