import { bigint, int, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';

// Mirrors the Asterisk realtime tables of migrations/0010_ara.sql. Only the columns Switchboard
// reads or writes are declared here; the rest stay NULL ("Asterisk default") and belong to
// whoever administers Asterisk. Every write goes through telephony/provisioning.

// Asterisk's `ast_bool_values` ENUM; Switchboard itself only writes 'yes' and 'no'.
const astBool = ['0', '1', 'off', 'on', 'false', 'true', 'no', 'yes'] as const;
const yesNo = (name: string) => mysqlEnum(name, astBool).$type<'yes' | 'no'>();

export const psEndpoints = mysqlTable('ps_endpoints', {
  id: varchar('id', { length: 255 }).notNull(),
  transport: varchar('transport', { length: 40 }),
  aors: varchar('aors', { length: 2048 }),
  auth: varchar('auth', { length: 255 }),
  outboundAuth: varchar('outbound_auth', { length: 255 }),
  context: varchar('context', { length: 40 }),
  disallow: varchar('disallow', { length: 200 }),
  allow: varchar('allow', { length: 200 }),
  directMedia: yesNo('direct_media'),
  rtpSymmetric: yesNo('rtp_symmetric'),
  forceRport: yesNo('force_rport'),
  rewriteContact: yesNo('rewrite_contact'),
  dtmfMode: varchar('dtmf_mode', { length: 40 }),
  callerid: varchar('callerid', { length: 40 }),
  mailboxes: varchar('mailboxes', { length: 40 }),
  webrtc: yesNo('webrtc'),
  fromDomain: varchar('from_domain', { length: 255 }),
  fromUser: varchar('from_user', { length: 40 }),
  sendPai: yesNo('send_pai'),
  sendConnectedLine: yesNo('send_connected_line'),
  trustIdInbound: yesNo('trust_id_inbound'),
  setVar: text('set_var'),
  accountcode: varchar('accountcode', { length: 80 }),
  tenantid: varchar('tenantid', { length: 80 }),
});

export const psAors = mysqlTable('ps_aors', {
  id: varchar('id', { length: 255 }).notNull(),
  contact: varchar('contact', { length: 255 }),
  maxContacts: int('max_contacts'),
  removeExisting: yesNo('remove_existing'),
  qualifyFrequency: int('qualify_frequency'),
  defaultExpiration: int('default_expiration'),
  mailboxes: varchar('mailboxes', { length: 80 }),
});

export const psAuths = mysqlTable('ps_auths', {
  id: varchar('id', { length: 255 }).notNull(),
  authType: varchar('auth_type', { length: 40 }),
  username: varchar('username', { length: 40 }),
  password: varchar('password', { length: 80 }),
  realm: varchar('realm', { length: 255 }),
});

export const psContacts = mysqlTable('ps_contacts', {
  id: varchar('id', { length: 255 }),
  uri: varchar('uri', { length: 511 }),
  expirationTime: bigint('expiration_time', { mode: 'number' }),
  userAgent: varchar('user_agent', { length: 255 }),
  viaAddr: varchar('via_addr', { length: 40 }),
  viaPort: int('via_port'),
  endpoint: varchar('endpoint', { length: 255 }),
  regServer: varchar('reg_server', { length: 255 }),
  qualifyFrequency: int('qualify_frequency'),
});

export const psEndpointIdIps = mysqlTable('ps_endpoint_id_ips', {
  id: varchar('id', { length: 255 }).notNull(),
  endpoint: varchar('endpoint', { length: 255 }),
  match: varchar('match', { length: 80 }),
});

export const psRegistrations = mysqlTable('ps_registrations', {
  id: varchar('id', { length: 255 }).notNull(),
  serverUri: varchar('server_uri', { length: 255 }),
  clientUri: varchar('client_uri', { length: 255 }),
  contactUser: varchar('contact_user', { length: 40 }),
  outboundAuth: varchar('outbound_auth', { length: 255 }),
  transport: varchar('transport', { length: 40 }),
  expiration: int('expiration'),
  retryInterval: int('retry_interval'),
  forbiddenRetryInterval: int('forbidden_retry_interval'),
  maxRetries: int('max_retries'),
  authRejectionPermanent: yesNo('auth_rejection_permanent'),
  line: yesNo('line'),
  endpoint: varchar('endpoint', { length: 255 }),
});
