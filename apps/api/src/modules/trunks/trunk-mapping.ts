import type { Trunk } from '@switchboard/contracts';
import { trunkObjects, type AraObjectSet } from '../../telephony/provisioning/ara-rows';
import type { SecretBox } from '../../telephony/provisioning/secret-box';
import type { TrunkRow } from './trunks.repository';

/** A tenant sees its own trunks whole; another tenant's shared trunk without connection details. */
export function toTrunk(r: TrunkRow, viewerTenantId: string): Trunk {
  const own = r.tenantId === viewerTenantId;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    host: own ? r.host : null,
    port: own ? r.port : null,
    transport: own ? r.transport : null,
    username: own ? r.username : null,
    has_password: own ? r.passwordEnc !== null : false,
    from_domain: own ? r.fromDomain : null,
    match_ips: own ? r.matchIps : [],
    codecs: r.codecs,
    outbound_caller_id: own ? r.outboundCallerId : null,
    dial_rules: own ? r.dialRules : [],
    shared: r.shared,
    read_only: !own,
    enabled: r.enabled,
    ara_id: own ? r.araId : null,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function trunkAra(r: TrunkRow, secrets: SecretBox): AraObjectSet {
  return trunkObjects({
    araId: r.araId,
    kind: r.kind,
    host: r.host,
    port: r.port,
    transport: r.transport,
    username: r.username,
    password: r.passwordEnc ? secrets.open(r.passwordEnc) : null,
    fromDomain: r.fromDomain,
    matchIps: r.matchIps,
    codecs: r.codecs,
  });
}
