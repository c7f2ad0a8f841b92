import { z } from 'zod';
import { isoDate, plainString } from './common';
import { pageQuerySchema } from './pagination';

export const callDirections = ['inbound', 'outbound', 'internal'] as const;
export const callDirectionSchema = z.enum(callDirections);

/** Where a live call is now; `ended` once its last channel left. */
export const callStatuses = ['routing', 'ivr', 'queued', 'ringing', 'connected', 'ended'] as const;
export const callStatusSchema = z.enum(callStatuses);

export const callDispositions = ['answered', 'abandoned', 'no_answer', 'busy', 'failed', 'voicemail'] as const;
export const callDispositionSchema = z.enum(callDispositions);

export const transferStepSchema = z.object({
  kind: z.enum(['blind', 'attended']),
  from_user_id: z.string().nullable(),
  to: z.string(),
  at: isoDate,
});

export const callRecordSchema = z.object({
  id: z.string(),
  direction: callDirectionSchema,
  status: callStatusSchema,
  disposition: callDispositionSchema.nullable(),
  did: z.string().nullable(),
  caller_number: z.string().nullable(),
  caller_name: z.string().nullable(),
  callee_number: z.string().nullable(),
  queue_id: z.string().nullable(),
  queue_name: z.string().nullable(),
  /** The first agent who answered: kept through transfers. */
  agent_user_id: z.string().nullable(),
  agent_name: z.string().nullable(),
  /** The agent on the call now (after a transfer, the target); null while nobody is. */
  current_agent_user_id: z.string().nullable(),
  current_agent_name: z.string().nullable(),
  entered_at: isoDate,
  queued_at: isoDate.nullable(),
  answered_at: isoDate.nullable(),
  ended_at: isoDate.nullable(),
  wait_seconds: z.number().nullable(),
  talk_seconds: z.number().nullable(),
  hold_seconds: z.number(),
  on_hold: z.boolean(),
  muted: z.boolean(),
  recording: z.boolean(),
  overflowed: z.boolean(),
  transfers: z.array(transferStepSchema),
  recording_ref: z.string().nullable(),
  simulated: z.boolean(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

/** How a part of a call started. */
export const callSegmentKinds = ['queue', 'direct', 'blind_transfer', 'attended_transfer', 'internal', 'outbound'] as const;
export const callSegmentKindSchema = z.enum(callSegmentKinds);

/**
 * One part of a call: a leg that joined the caller (an agent answering from a queue, a transfer
 * target, the callee of an internal call, the agent who placed the call, an outside number).
 * Talk time is joined → ended minus the hold inside it (GLOSSARY); an attended-transfer target is
 * answered when they take the consultation and joins the caller when the transfer completes.
 */
export const callSegmentSchema = z.object({
  id: z.string(),
  kind: callSegmentKindSchema,
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  endpoint_id: z.string().nullable(),
  extension: z.string().nullable(),
  number: z.string().nullable(),
  offered_at: isoDate.nullable(),
  answered_at: isoDate,
  joined_at: isoDate,
  ended_at: isoDate.nullable(),
  talk_seconds: z.number().nullable(),
  hold_seconds: z.number(),
});
export type CallSegment = z.infer<typeof callSegmentSchema>;

/** Talk time per agent on one call (their segments added up; null while one is still open). */
export const agentTalkSchema = z.object({
  user_id: z.string(),
  user_name: z.string().nullable(),
  talk_seconds: z.number().nullable(),
  hold_seconds: z.number(),
});

/** `GET /calls/{id}`: the record, who handled each part of it, and each agent's talk time. */
export const callDetailSchema = callRecordSchema.extend({
  segments: z.array(callSegmentSchema),
  agent_talk: z.array(agentTalkSchema),
});
export type CallDetail = z.infer<typeof callDetailSchema>;

export const callEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  at: isoDate,
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type CallEvent = z.infer<typeof callEventSchema>;

export const listLiveCallsQuerySchema = pageQuerySchema.extend({
  queue_id: plainString().max(64).optional(),
  agent_user_id: plainString().max(64).optional(),
});

export const originateSchema = z
  .object({
    /** E.164 or an internal extension. The agent's own endpoint rings first (click to call). */
    number: z
      .string()
      .trim()
      .regex(/^\+?[0-9*#]{2,20}$/, 'Expected a phone number or an extension'),
  })
  .strict();

export const transferSchema = z
  .object({
    kind: z.enum(['blind', 'attended']),
    target: z.discriminatedUnion('type', [
      z.object({ type: z.literal('extension'), extension: z.string().regex(/^[0-9]{2,10}$/) }).strict(),
      z.object({ type: z.literal('queue'), queue_id: plainString().min(1).max(64) }).strict(),
      z.object({ type: z.literal('number'), number: z.string().regex(/^\+?[0-9]{3,20}$/) }).strict(),
    ]),
  })
  .strict();
export type TransferInput = z.infer<typeof transferSchema>;

export const attendedActionSchema = z.object({ action: z.enum(['complete', 'cancel']) }).strict();
export const superviseSchema = z.object({ mode: z.enum(['listen', 'whisper', 'barge']) }).strict();
export const muteSchema = z.object({ muted: z.boolean() }).strict();
export const holdSchema = z.object({ on_hold: z.boolean() }).strict();
export const recordSchema = z.object({ recording: z.boolean() }).strict();

/** Live figures for one queue, today in the tenant's time zone (GLOSSARY formulas). */
export const queueStatsSchema = z.object({
  queue_id: z.string(),
  queue_name: z.string(),
  service_level_seconds: z.number().int(),
  waiting: z.number().int(),
  longest_wait_seconds: z.number(),
  agents: z.record(z.string(), z.number().int()),
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  short_abandoned: z.number().int(),
  overflowed: z.number().int(),
  answered_within_sl: z.number().int(),
  service_level_pct: z.number().nullable(),
  abandon_rate_pct: z.number().nullable(),
  asa_seconds: z.number().nullable(),
  aht_seconds: z.number().nullable(),
  as_of: isoDate,
});
export type QueueStats = z.infer<typeof queueStatsSchema>;

export const telephonyStatusSchema = z.object({
  status: z.enum(['connected', 'degraded', 'disabled']),
  simulated: z.boolean(),
  detail: z.string().nullable(),
  /** Each configured Asterisk (issue 8), in configuration order. */
  servers: z
    .array(z.object({ name: z.string(), status: z.enum(['connected', 'degraded']), detail: z.string().nullable() }))
    .optional(),
});
export type TelephonyStatus = z.infer<typeof telephonyStatusSchema>;

/** Pushed on `call.*` events to the supervisor room, the queue room and the agents' user rooms. */
export const liveCallEventSchema = z.object({
  call_id: z.string(),
  state: callStatusSchema,
  caller_number: z.string().nullable(),
  did: z.string().nullable(),
  queue_id: z.string().nullable(),
  queue_name: z.string().nullable(),
  queued_at: isoDate.nullable(),
  agent_user_id: z.string().nullable(),
  offered_user_ids: z.array(z.string()),
  on_hold: z.boolean(),
  muted: z.boolean(),
  simulated: z.boolean(),
  disposition: callDispositionSchema.optional(),
  consulting: z.boolean().optional(),
});
export type LiveCallEvent = z.infer<typeof liveCallEventSchema>;
export const callEventNames = ['call.queued', 'call.offered', 'call.ringing', 'call.ivr', 'call.answered', 'call.updated', 'call.ended'] as const;
export type CallEventName = (typeof callEventNames)[number];
