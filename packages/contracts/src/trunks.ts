import { z } from 'zod';
import { isoDate, text, plainString } from './common';
import { pageQuerySchema, queryBoolean } from './pagination';
import { callerIdNumberSchema, codecListSchema, codecSchema } from './endpoints';

/**
 * Carrier trunks. `registration` trunks register to the carrier with a username and password
 * (ps_registrations); `ip` trunks are recognised by the carrier's source addresses
 * (ps_endpoint_id_ips). A platform admin may mark a trunk `shared`: every tenant then sees it,
 * read only and without connection details, and may route outbound calls through it.
 */
export const trunkKinds = ['registration', 'ip'] as const;
export const trunkKindSchema = z.enum(trunkKinds);
export type TrunkKind = z.infer<typeof trunkKindSchema>;

export const trunkTransports = ['udp', 'tcp'] as const;
export const trunkTransportSchema = z.enum(trunkTransports);
export type TrunkTransport = z.infer<typeof trunkTransportSchema>;

const hostnameRe =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A host name or an IPv4/IPv6 address, no scheme or port. */
export const hostSchema = plainString()
  .trim()
  .min(1)
  .max(253)
  .refine((h) => hostnameRe.test(h) || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success, {
    message: 'Expected a host name or IP address (no scheme, no port)',
  });

/** An address Asterisk matches inbound calls against: an IP, a CIDR block or a host name. */
export const matchAddressSchema = plainString()
  .trim()
  .min(1)
  .max(80)
  .refine(
    (v) =>
      z.ipv4().safeParse(v).success ||
      z.ipv6().safeParse(v).success ||
      z.cidrv4().safeParse(v).success ||
      z.cidrv6().safeParse(v).success ||
      hostnameRe.test(v),
    { message: 'Expected an IP address, a CIDR block or a host name' },
  );

/**
 * How a dialled number is rewritten before it leaves through the trunk. The first rule whose
 * `prefix` the number starts with applies: remove `strip` leading digits, then put `prepend`
 * in front. Prefix matching (not regular expressions) keeps rules fast and safe.
 */
export const dialRuleSchema = z
  .object({
    prefix: z.string().regex(/^\+?[0-9*#]{0,15}$/, 'Expected digits (optionally a leading +)'),
    strip: z.number().int().min(0).max(15).default(0),
    prepend: z
      .string()
      .regex(/^\+?[0-9*#]{0,15}$/, 'Expected digits (optionally a leading +)')
      .default(''),
  })
  .strict();
export type DialRule = z.infer<typeof dialRuleSchema>;

/** Applies the first matching rule; a number no rule matches leaves unchanged. */
export function applyDialRules(number: string, rules: readonly DialRule[]): string {
  const rule = rules.find((r) => number.startsWith(r.prefix));
  if (!rule) return number;
  return rule.prepend + number.slice(rule.strip);
}

export const trunkSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: trunkKindSchema,
  /** Connection details are null on a shared trunk another tenant owns. */
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  transport: trunkTransportSchema.nullable(),
  username: z.string().nullable(),
  /** Secrets are never returned; this says whether one is stored. */
  has_password: z.boolean(),
  from_domain: z.string().nullable(),
  match_ips: z.array(z.string()),
  codecs: z.array(codecSchema),
  outbound_caller_id: z.string().nullable(),
  dial_rules: z.array(dialRuleSchema),
  shared: z.boolean(),
  /** True on a shared trunk owned by another tenant: visible and usable, not editable. */
  read_only: z.boolean(),
  enabled: z.boolean(),
  /** The Asterisk endpoint name outbound calls dial through (PJSIP/<ara_id>/<number>). */
  ara_id: z.string().nullable(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type Trunk = z.infer<typeof trunkSchema>;

const trunkFields = {
  name: text(80),
  kind: trunkKindSchema,
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  transport: trunkTransportSchema,
  username: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._+\-@]+$/, 'Letters, digits and . _ + - @ only'),
  password: plainString()
    .min(4)
    .max(80)
    .regex(/^[^\s;]+$/, 'No spaces or semicolons'),
  from_domain: hostSchema,
  match_ips: z.array(matchAddressSchema).max(20),
  codecs: codecListSchema,
  outbound_caller_id: callerIdNumberSchema,
  dial_rules: z.array(dialRuleSchema).max(20),
  /** Platform administrators only; anyone else gets 403. */
  shared: z.boolean(),
  enabled: z.boolean(),
};

/**
 * Registration trunks need `username` and `password`. IP trunks match `match_ips`, or `host`
 * itself when the list is empty (then `host` must fit an IP match: 80 characters).
 */
export const createTrunkSchema = z
  .object({
    name: trunkFields.name,
    kind: trunkFields.kind,
    host: trunkFields.host,
    port: trunkFields.port.default(5060),
    transport: trunkFields.transport.default('udp'),
    username: trunkFields.username.nullable().optional(),
    password: trunkFields.password.nullable().optional(),
    from_domain: trunkFields.from_domain.nullable().optional(),
    match_ips: trunkFields.match_ips.optional(),
    codecs: trunkFields.codecs.optional(),
    outbound_caller_id: trunkFields.outbound_caller_id.nullable().optional(),
    dial_rules: trunkFields.dial_rules.default([]),
    shared: trunkFields.shared.optional(),
    enabled: trunkFields.enabled.default(true),
  })
  .strict();
export type CreateTrunkInput = z.infer<typeof createTrunkSchema>;

/** Omitted fields stay as they are; `password: null` removes the stored password. */
export const updateTrunkSchema = z
  .object({
    name: trunkFields.name.optional(),
    kind: trunkFields.kind.optional(),
    host: trunkFields.host.optional(),
    port: trunkFields.port.optional(),
    transport: trunkFields.transport.optional(),
    username: trunkFields.username.nullable().optional(),
    password: trunkFields.password.nullable().optional(),
    from_domain: trunkFields.from_domain.nullable().optional(),
    match_ips: trunkFields.match_ips.optional(),
    codecs: trunkFields.codecs.optional(),
    outbound_caller_id: trunkFields.outbound_caller_id.nullable().optional(),
    dial_rules: trunkFields.dial_rules.optional(),
    shared: trunkFields.shared.optional(),
    enabled: trunkFields.enabled.optional(),
  })
  .strict();
export type UpdateTrunkInput = z.infer<typeof updateTrunkSchema>;

export const listTrunksQuerySchema = pageQuerySchema.extend({
  kind: trunkKindSchema.optional(),
  enabled: queryBoolean.optional(),
  /** Include shared trunks of other tenants (default true). */
  include_shared: queryBoolean.optional(),
  search: plainString().trim().max(80).optional(),
});
export type ListTrunksQuery = z.infer<typeof listTrunksQuerySchema>;
