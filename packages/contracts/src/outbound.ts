import { z } from 'zod';
import { normalizeE164 } from './destinations';

/**
 * Per-tenant outbound calling policy (toll-fraud guard, issue 16.6). One check,
 * `checkOutboundNumber`, decides for every number the platform dials out: click to call, a phone
 * dialling out through a trunk, an external DID/IVR/queue destination and a transfer to a number.
 *
 * Order: blocked prefixes, then the premium/satellite list (unless `block_premium_ranges` is
 * off), then the allow-list (`allowed_prefixes`; empty = every country), then the international
 * rule: a number that starts with none of `home_prefixes` is international and needs the
 * `calls.international` permission of whoever places it. With `home_prefixes` empty (the default:
 * tenants carry no country), no number counts as international; set the tenant's country code(s)
 * to enforce the permission.
 */

/**
 * Ranges refused by default. Facts, not a tariff table: each entry is an E.164 prefix whose calls
 * are billed at premium or satellite/international-network rates and are the usual toll-fraud
 * targets. A tenant that needs one adds it to `allowed_prefixes` and turns `block_premium_ranges` off.
 */
export const premiumRanges: readonly { prefix: string; label: string }[] = [
  { prefix: '+1900', label: 'NANP 900 premium-rate services' },
  { prefix: '+1976', label: 'NANP 976 premium-rate services' },
  { prefix: '+870', label: 'Inmarsat SNAC (satellite)' },
  { prefix: '+881', label: 'Global Mobile Satellite System (Iridium, Globalstar, Thuraya…)' },
  { prefix: '+882', label: 'International networks' },
  { prefix: '+883', label: 'International networks' },
  { prefix: '+979', label: 'International Premium Rate Service' },
  { prefix: '+4490', label: 'UK 090 premium-rate services' },
  { prefix: '+4491', label: 'UK 091 premium-rate services' },
  { prefix: '+4498', label: 'UK 098 adult premium-rate services' },
  { prefix: '+49900', label: 'Germany 0900 premium-rate services' },
  { prefix: '+3389', label: 'France 089 premium-rate services' },
];

/** An E.164 prefix: `+` and 1–15 digits. */
export const e164PrefixSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{0,14}$/, 'Expected a + and digits, e.g. +49 or +1900');

const policyShape = (list: z.ZodType<string[]>) =>
  z
    .object({
      /** The tenant's own country code(s): numbers outside them are international. */
      home_prefixes: list,
      /** Allow-list of destination prefixes; empty = any country. */
      allowed_prefixes: list,
      /** Always refused, whatever else says. */
      blocked_prefixes: list,
      /** Refuse the `premiumRanges` list (default on). */
      block_premium_ranges: z.boolean(),
    })
    .strict();

/** The stored policy (responses). */
export const outboundPolicySchema = policyShape(z.array(z.string()));
export type OutboundPolicy = z.infer<typeof outboundPolicySchema>;

export const defaultOutboundPolicy: OutboundPolicy = {
  home_prefixes: [],
  allowed_prefixes: [],
  blocked_prefixes: [],
  block_premium_ranges: true,
};

/** PUT body: the whole policy; prefixes are checked and de-duplicated. */
export const updateOutboundPolicySchema = policyShape(
  z
    .array(e164PrefixSchema)
    .max(100)
    .transform((l) => [...new Set(l)]),
);
export type UpdateOutboundPolicyInput = z.infer<typeof updateOutboundPolicySchema>;

export const outboundPolicyResponseSchema = outboundPolicySchema.extend({
  premium_ranges: z.array(z.object({ prefix: z.string(), label: z.string() })),
  updated_at: z.string().nullable(),
});
export type OutboundPolicyResponse = z.infer<typeof outboundPolicyResponseSchema>;

export type OutboundRefusal = 'blocked' | 'premium' | 'not_allowed' | 'international' | 'invalid';
export type OutboundVerdict = { allowed: true; number: string } | { allowed: false; reason: OutboundRefusal; message: string };

const startsWithAny = (n: string, prefixes: readonly string[]) => prefixes.some((p) => n.startsWith(p));

/**
 * The one outbound check. `number` may be E.164, `00…` or loosely formatted; a number without a
 * country code (a national or short number dialled from a phone) is checked as typed against the
 * blocked prefixes written without `+`, and is otherwise domestic.
 */
export function checkOutboundNumber(
  policy: OutboundPolicy,
  number: string,
  opts: { international: boolean },
): OutboundVerdict {
  const e164 = normalizeE164(number);
  if (!e164) {
    const digits = number.replace(/[^0-9*#]/g, '');
    if (!digits) return { allowed: false, reason: 'invalid', message: 'Not a phone number' };
    if (policy.blocked_prefixes.some((p) => digits.startsWith(p.slice(1))))
      return { allowed: false, reason: 'blocked', message: 'This number is blocked by the outbound calling policy' };
    return { allowed: true, number: digits };
  }
  if (startsWithAny(e164, policy.blocked_prefixes))
    return { allowed: false, reason: 'blocked', message: 'This number is blocked by the outbound calling policy' };
  const premium = startsWithAny(e164, premiumRanges.map((r) => r.prefix));
  if (policy.block_premium_ranges && premium)
    return { allowed: false, reason: 'premium', message: 'Premium-rate and satellite numbers are blocked' };
  if (policy.allowed_prefixes.length > 0 && !startsWithAny(e164, policy.allowed_prefixes))
    return { allowed: false, reason: 'not_allowed', message: 'This destination is not in the allowed prefixes' };
  const international = policy.home_prefixes.length > 0 && !startsWithAny(e164, policy.home_prefixes);
  if (international && !opts.international)
    return { allowed: false, reason: 'international', message: 'International calls need the calls.international permission' };
  return { allowed: true, number: e164 };
}
