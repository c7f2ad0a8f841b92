import type { Codec, EndpointKind, TrunkKind, TrunkTransport } from '@switchboard/contracts';
import type { psAors, psAuths, psEndpointIdIps, psEndpoints, psRegistrations } from '../../db/schema/index';

/**
 * Pure builders: a Switchboard endpoint or trunk → the exact ARA rows Asterisk reads. Every
 * managed column is present (NULL = Asterisk's default), so rows compare exactly in ara:sync.
 *
 * Naming (DESIGN §5): each tenant has a namespace `t<number>` (telephony_namespaces). A phone
 * is `t42_1001` (endpoint, AOR, auth and SIP username share the name); a trunk is
 * `t42_trunk_<random>`, its IP matches `t42_trunk_<random>_<n>`. Anything in the ARA tables
 * outside `t<number>_…` is not Switchboard's and is never touched.
 */
export type PsEndpointRow = typeof psEndpoints.$inferSelect;
export type PsAorRow = typeof psAors.$inferSelect;
export type PsAuthRow = typeof psAuths.$inferSelect;
export type PsRegistrationRow = typeof psRegistrations.$inferSelect;
export type PsEndpointIdIpRow = typeof psEndpointIdIps.$inferSelect;

export type AraObjectSet = {
  ps_endpoints: PsEndpointRow[];
  ps_aors: PsAorRow[];
  ps_auths: PsAuthRow[];
  ps_registrations: PsRegistrationRow[];
  ps_endpoint_id_ips: PsEndpointIdIpRow[];
};
export type AraTable = keyof AraObjectSet;
export const araTables: AraTable[] = [
  'ps_endpoints',
  'ps_aors',
  'ps_auths',
  'ps_registrations',
  'ps_endpoint_id_ips',
];

export const emptyObjectSet = (): AraObjectSet => ({
  ps_endpoints: [],
  ps_aors: [],
  ps_auths: [],
  ps_registrations: [],
  ps_endpoint_id_ips: [],
});

export function mergeObjectSets(sets: AraObjectSet[]): AraObjectSet {
  const out = emptyObjectSet();
  for (const s of sets) for (const t of araTables) (out[t] as unknown[]).push(...s[t]);
  return out;
}

/** Ids Switchboard manages: `t<number>_…`. */
export const NAMESPACED_ID = /^t[0-9]+_/;
export const namespacePrefix = (number: number) => `t${number}`;
export const endpointAraId = (prefix: string, extension: string) => `${prefix}_${extension}`;
export const trunkAraId = (prefix: string, suffix: string) => `${prefix}_trunk_${suffix}`;

/** Dialplan contexts of deploy/asterisk/extensions.conf; both enter Stasis. */
export const PHONE_CONTEXT = 'switchboard-phones';
export const TRUNK_CONTEXT = 'switchboard-trunks';
export const QUALIFY_SECONDS = 60;

const blankEndpoint = (id: string): PsEndpointRow => ({
  id,
  transport: null,
  aors: null,
  auth: null,
  outboundAuth: null,
  context: null,
  disallow: null,
  allow: null,
  directMedia: null,
  rtpSymmetric: null,
  forceRport: null,
  rewriteContact: null,
  dtmfMode: null,
  callerid: null,
  mailboxes: null,
  webrtc: null,
  fromDomain: null,
  fromUser: null,
  sendPai: null,
  sendConnectedLine: null,
  trustIdInbound: null,
  setVar: null,
  accountcode: null,
  tenantid: null,
});

const yes = (v: boolean) => (v ? 'yes' : 'no');

/** `"Name" <number>` within ps_endpoints.callerid's 40 characters; the name gives way. */
export function formatCallerId(name: string, number: string): string {
  const room = 40 - number.length - 5;
  const safe = name
    .replace(/["<>\\]/g, '')
    .slice(0, Math.max(room, 0))
    .trim();
  return safe ? `"${safe}" <${number}>` : `<${number}>`;
}

export type EndpointSource = {
  araId: string;
  tenantId: string;
  prefix: string;
  extension: string;
  displayName: string;
  kind: EndpointKind;
  codecs: Codec[];
  nat: boolean;
  maxContacts: number;
  callerIdName: string | null;
  callerIdNumber: string | null;
  voicemailEnabled: boolean;
  password: string;
};

export function endpointObjects(e: EndpointSource): AraObjectSet {
  const webrtc = e.kind === 'webrtc';
  // Browsers are always behind NAT from Asterisk's point of view.
  const nat = e.nat || webrtc;
  const mailbox = e.voicemailEnabled ? `${e.extension}@${e.prefix}` : null;
  return {
    ...emptyObjectSet(),
    ps_endpoints: [
      {
        ...blankEndpoint(e.araId),
        transport: webrtc ? 'transport-wss' : 'transport-udp',
        aors: e.araId,
        auth: e.araId,
        context: PHONE_CONTEXT,
        disallow: 'all',
        allow: e.codecs.join(','),
        // Media always flows through Asterisk so recording, snooping and transfers work.
        directMedia: 'no',
        rtpSymmetric: yes(nat),
        forceRport: yes(nat),
        rewriteContact: yes(nat),
        dtmfMode: 'rfc4733',
        callerid: formatCallerId(e.callerIdName ?? e.displayName, e.callerIdNumber ?? e.extension),
        mailboxes: mailbox,
        webrtc: webrtc ? 'yes' : null,
        setVar: `SWITCHBOARD_TENANT=${e.tenantId}`,
        accountcode: e.tenantId,
        tenantid: e.tenantId,
      },
    ],
    ps_aors: [
      {
        id: e.araId,
        contact: null,
        maxContacts: e.maxContacts,
        removeExisting: 'yes',
        qualifyFrequency: QUALIFY_SECONDS,
        defaultExpiration: null,
        mailboxes: mailbox,
      },
    ],
    ps_auths: [{ id: e.araId, authType: 'userpass', username: e.araId, password: e.password, realm: null }],
  };
}

export type TrunkSource = {
  araId: string;
  kind: TrunkKind;
  host: string;
  port: number;
  transport: TrunkTransport;
  username: string | null;
  password: string | null;
  fromDomain: string | null;
  matchIps: string[];
  codecs: Codec[];
};

const sipHostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export function trunkObjects(t: TrunkSource): AraObjectSet {
  const hasAuth = Boolean(t.username && t.password);
  const hostPort = sipHostPort(t.host, t.port);
  const set = emptyObjectSet();
  set.ps_endpoints.push({
    ...blankEndpoint(t.araId),
    transport: `transport-${t.transport}`,
    aors: t.araId,
    outboundAuth: hasAuth ? t.araId : null,
    context: TRUNK_CONTEXT,
    disallow: 'all',
    allow: t.codecs.join(','),
    directMedia: 'no',
    rtpSymmetric: 'yes',
    forceRport: 'yes',
    rewriteContact: 'yes',
    dtmfMode: 'rfc4733',
    fromDomain: t.fromDomain,
    fromUser: t.kind === 'registration' ? t.username : null,
    sendPai: 'yes',
    // No connected-line updates (re-INVITE/UPDATE with P-Asserted-Identity) towards the carrier:
    // they would carry the answering phone's internal name and the caller's own number.
    sendConnectedLine: 'no',
    trustIdInbound: 'yes',
    // No tenantid on purpose: an inbound call belongs to the tenant of the DID it dialled (a
    // shared trunk serves many tenants), and the call router tells phones from carriers by it.
  });
  set.ps_aors.push({
    id: t.araId,
    contact: `sip:${hostPort}`,
    maxContacts: null,
    removeExisting: null,
    qualifyFrequency: QUALIFY_SECONDS,
    defaultExpiration: null,
    mailboxes: null,
  });
  if (hasAuth) {
    set.ps_auths.push({
      id: t.araId,
      authType: 'userpass',
      username: t.username,
      password: t.password,
      realm: null,
    });
  }
  if (t.kind === 'registration') {
    set.ps_registrations.push({
      id: t.araId,
      serverUri: `sip:${hostPort}`,
      clientUri: `sip:${t.username ?? t.araId}@${hostPort}`,
      contactUser: null,
      outboundAuth: hasAuth ? t.araId : null,
      transport: `transport-${t.transport}`,
      expiration: 3600,
      retryInterval: 60,
      forbiddenRetryInterval: 600,
      maxRetries: 10000,
      authRejectionPermanent: 'no',
      // line=yes lets Asterisk tie inbound calls on this registration to the trunk endpoint.
      line: 'yes',
      endpoint: t.araId,
    });
  } else {
    const matches = t.matchIps.length ? t.matchIps : [t.host];
    matches.forEach((match, i) =>
      set.ps_endpoint_id_ips.push({ id: `${t.araId}_${i + 1}`, endpoint: t.araId, match }),
    );
  }
  return set;
}
