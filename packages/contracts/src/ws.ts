import { z } from 'zod';
import { isoDate, plainString } from './common';
import { agentStateViewSchema, selectableAgentStateSchema } from './agents';
import { liveCallEventSchema, queueStatsSchema, telephonyStatusSchema } from './calls';
import { notificationSchema } from './notifications';
import { reachabilitySchema } from './endpoints';

/**
 * The `/ws` protocol (DESIGN §4). Every frame is one JSON object, discriminated by `type`, in
 * both directions. Durable events carry a monotonic `id` (a decimal string: a BIGINT on the
 * server); a client that reconnects sends the highest id it has seen and gets what it missed.
 */

/** The subprotocol the server selects; the access token travels as a second `bearer.<jwt>` entry. */
export const WS_PROTOCOL = 'switchboard.v1';
export const WS_TOKEN_PROTOCOL_PREFIX = 'bearer.';

export const roomKinds = ['tenant', 'user', 'queue', 'supervisor', 'chat'] as const;
export type RoomKind = (typeof roomKinds)[number];
export const roomSchema = z
  .string()
  .max(80)
  .regex(/^(tenant|user|queue|supervisor|chat):[A-Za-z0-9_-]{1,64}$/, 'Expected <kind>:<id>');
export type Room = `${RoomKind}:${string}`;

export const eventIdSchema = z.string().regex(/^\d{1,20}$/, 'Expected an event id');

/** Close codes the server uses; clients decide whether to reconnect from them. */
export const wsCloseCodes = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  serviceRestart: 1012,
  /** Token expired or access changed: get a fresh access token, then reconnect. */
  reauthenticate: 4001,
  /** Session revoked, account disabled or tenant suspended: do not reconnect; sign in again. */
  revoked: 4003,
  /** The client read too slowly and its send buffer passed the bound (RELIABILITY W6). */
  slowConsumer: 4008,
  /** Too many messages (RELIABILITY W5). */
  rateLimited: 4029,
} as const;

const requestId = plainString().min(1).max(64).optional();

export const wsClientMessageSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('subscribe'),
      id: requestId,
      rooms: z.array(roomSchema).min(1).max(50),
      /** Replay durable events of these rooms after this id before live ones. */
      since: eventIdSchema.optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('unsubscribe'), id: requestId, rooms: z.array(roomSchema).min(1).max(50) })
    .strict(),
  z.object({ type: z.literal('ping'), id: requestId }).strict(),
  /** Replays durable events of every subscribed room after `since`. */
  z.object({ type: z.literal('resume'), id: requestId, since: eventIdSchema }).strict(),
  /** Replaces the socket's access token before it expires (same user and tenant only). */
  z.object({ type: z.literal('auth'), id: requestId, token: plainString().min(10).max(4096) }).strict(),
  z
    .object({
      type: z.literal('agent.set_state'),
      id: requestId,
      state: selectableAgentStateSchema,
      reason_id: plainString().min(1).max(64).nullable().optional(),
    })
    .strict(),
]);
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

/**
 * Known event payloads by event name. Modules add their events here so the server's `publish`
 * and the client's handlers share one type (the call router adds `call.*` and `queue.*`).
 */
export const wsEventCatalog = {
  'agent.state': agentStateViewSchema,
  'call.queued': liveCallEventSchema,
  'call.offered': liveCallEventSchema,
  'call.ringing': liveCallEventSchema,
  'call.ivr': liveCallEventSchema,
  'call.answered': liveCallEventSchema,
  'call.updated': liveCallEventSchema,
  'call.ended': liveCallEventSchema,
  'queue.stats': z.object({ queues: z.array(queueStatsSchema) }),
  'telephony.status': telephonyStatusSchema,
  /**
   * To `supervisor:<tid>` and the phone owner's `user:<id>` when Asterisk reports the phone
   * reachable or not (ContactStatusChange / endpoint state). Unreachable phones get no calls.
   */
  'endpoint.reachability': z.object({
    endpoint_id: z.string(),
    user_id: z.string().nullable(),
    reachability: reachabilitySchema,
  }),
  /** To `user:<id>` when a notification is stored for that user (the bell). */
  'notification.created': notificationSchema,
} as const;
export type WsEventName = keyof typeof wsEventCatalog;
export type WsEventData<E extends WsEventName> = z.infer<(typeof wsEventCatalog)[E]>;

export const wsEventNameSchema = z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)+$/, 'Expected domain.event');

export const wsEventEnvelopeSchema = z.object({
  type: z.literal('event'),
  /** Durable events: the `realtime_events` id. Ephemeral events (typing, live ticks): null. */
  id: eventIdSchema.nullable(),
  room: roomSchema,
  event: wsEventNameSchema,
  data: z.unknown(),
  ts: isoDate,
});
export type WsEventEnvelope = z.infer<typeof wsEventEnvelopeSchema>;

export const wsServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    connection_id: z.string(),
    user_id: z.string(),
    tenant_id: z.string(),
    heartbeat_ms: z.number().int(),
    /** The newest durable event id at connect time: a first-time client's resume cursor. */
    last_event_id: eventIdSchema,
  }),
  wsEventEnvelopeSchema,
  z.object({
    type: z.literal('ack'),
    id: z.string().nullable(),
    rooms: z.array(roomSchema).optional(),
    /** Durable events sent by a subscribe-with-since or a resume before this ack. */
    replayed: z.number().int().optional(),
    /** True when more events were missed than one replay sends: reload state over HTTP. */
    truncated: z.boolean().optional(),
    agent_state: agentStateViewSchema.optional(),
  }),
  z.object({
    type: z.literal('error'),
    id: z.string().nullable(),
    code: z.string(),
    message: z.string(),
    room: roomSchema.optional(),
  }),
  z.object({ type: z.literal('pong'), id: z.string().nullable(), ts: isoDate }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;
