import { createTrunkSchema, defaultCodecs, type Trunk } from '@switchboard/contracts';
import type { z } from 'zod';

export const trunkFormSchema = createTrunkSchema;
export type TrunkFormInput = z.input<typeof trunkFormSchema>;
export type TrunkFormValues = z.output<typeof trunkFormSchema>;
export const trunkFormFields = Object.keys(createTrunkSchema.shape);

export function newTrunkValues(): TrunkFormInput {
  return {
    name: '',
    kind: 'registration',
    host: '',
    port: 5060,
    transport: 'udp',
    username: null,
    password: undefined,
    from_domain: null,
    match_ips: [],
    codecs: [...defaultCodecs],
    outbound_caller_id: null,
    dial_rules: [],
    enabled: true,
  };
}

/** The password is write-only: left out, the stored one stays. */
export function trunkValues(trunk: Trunk): TrunkFormInput {
  return {
    name: trunk.name,
    kind: trunk.kind,
    host: trunk.host ?? '',
    port: trunk.port ?? 5060,
    transport: trunk.transport ?? 'udp',
    username: trunk.username,
    password: undefined,
    from_domain: trunk.from_domain,
    match_ips: trunk.match_ips,
    codecs: trunk.codecs.length > 0 ? trunk.codecs : [...defaultCodecs],
    outbound_caller_id: trunk.outbound_caller_id,
    dial_rules: trunk.dial_rules,
    enabled: trunk.enabled,
  };
}
