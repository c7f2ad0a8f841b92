import type { Endpoint, Registration, SipSettings } from '@switchboard/contracts';
import type { Config } from '../../config';
import { endpointObjects, type AraObjectSet } from '../../telephony/provisioning/ara-rows';
import type { SecretBox } from '../../telephony/provisioning/secret-box';
import type { EndpointRow } from './endpoints.repository';

export const unregistered: Registration = { status: 'unregistered', contacts: [] };

export function toEndpoint(r: EndpointRow, registration: Registration): Endpoint {
  return {
    id: r.id,
    extension: r.extension,
    display_name: r.displayName,
    kind: r.kind,
    user_id: r.userId,
    codecs: r.codecs,
    nat: r.nat,
    max_contacts: r.maxContacts,
    caller_id_name: r.callerIdName,
    caller_id_number: r.callerIdNumber,
    voicemail_enabled: r.voicemailEnabled,
    enabled: r.enabled,
    sip_username: r.araId,
    registration,
    reachability: r.reachability,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/** The audit snapshot: the API view without live registration state. */
export function auditView(r: EndpointRow) {
  const {
    registration: _registration,
    reachability: _reachability,
    ...rest
  } = toEndpoint(r, unregistered);
  return rest;
}

/** Where a phone or browser signs in, from SIP_DOMAIN / SIP_PORT / SIP_WSS_URL. */
export function sipSettings(config: Config, r: EndpointRow): SipSettings {
  const domain = config.SIP_DOMAIN ?? new URL(config.PUBLIC_URL).hostname;
  const webrtc = r.kind === 'webrtc';
  return {
    domain,
    port: config.SIP_PORT,
    transport: webrtc ? 'wss' : 'udp',
    username: r.araId,
    wss_url: webrtc ? (config.SIP_WSS_URL ?? `wss://${domain}:8089/ws`) : null,
  };
}

/** The ARA rows an endpoint row should have (callers pass null rows for disabled ones). */
export function endpointAra(r: EndpointRow, prefix: string, secrets: SecretBox): AraObjectSet {
  return endpointObjects({
    araId: r.araId,
    tenantId: r.tenantId,
    prefix,
    extension: r.extension,
    displayName: r.displayName,
    kind: r.kind,
    codecs: r.codecs,
    nat: r.nat,
    maxContacts: r.maxContacts,
    callerIdName: r.callerIdName,
    callerIdNumber: r.callerIdNumber,
    voicemailEnabled: r.voicemailEnabled,
    password: secrets.open(r.sipPasswordEnc),
  });
}
