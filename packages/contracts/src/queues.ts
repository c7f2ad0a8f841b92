import { z } from 'zod';
import { isoDate, text, plainString } from './common';
import { destinationInputSchema, destinationSchema } from './destinations';
import { pageQuerySchema } from './pagination';

/**
 * How a waiting call picks agents (Switchboard runs queues itself, not Asterisk's app_queue):
 * ringall rings every free agent of the lowest penalty at once; leastrecent the one who finished
 * a call longest ago; fewestcalls the one with the fewest answered calls today; random any;
 * rrmemory round robin, starting after the agent who took the last call; linear in member order.
 */
export const queueStrategies = ['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear'] as const;
export type QueueStrategy = (typeof queueStrategies)[number];
export const queueStrategySchema = z.enum(queueStrategies);

/** Labels for a strategy select, in the words the queue form shows. */
export const queueStrategyLabels: Record<QueueStrategy, string> = {
  ringall: 'Ring all free agents',
  leastrecent: 'Longest idle agent',
  fewestcalls: 'Fewest calls today',
  random: 'Random',
  rrmemory: 'Round robin',
  linear: 'In member order',
};

export const musicClassSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Letters, digits, dash and underscore (an Asterisk music-on-hold class)');

export const queueSchema = z.object({
  id: z.string(),
  name: z.string(),
  strategy: queueStrategySchema,
  /** How long one agent rings before the next attempt. */
  ring_timeout_seconds: z.number().int(),
  /** Pause between ringing rounds. */
  retry_seconds: z.number().int(),
  /** After-call work time before the agent is offered again. */
  wrapup_seconds: z.number().int(),
  /** null = callers wait until answered or they hang up. */
  max_wait_seconds: z.number().int().nullable(),
  /** Where callers go after max wait, when the queue is full, or empty with leave_when_empty; null hangs up. */
  overflow_destination: destinationSchema.nullable(),
  /** null = no limit. */
  max_callers: z.number().int().nullable(),
  music_class: z.string(),
  /** Callers may enter while no agent is logged in. */
  join_empty: z.boolean(),
  /** Waiting callers overflow when the last agent logs out. */
  leave_when_empty: z.boolean(),
  announce_position: z.boolean(),
  announce_hold_time: z.boolean(),
  /** 0 = announce only on entry. */
  announce_frequency_seconds: z.number().int(),
  /** Service-level threshold T: answered within T seconds counts as in service level. */
  service_level_seconds: z.number().int(),
  enabled: z.boolean(),
  member_count: z.number().int(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type Queue = z.infer<typeof queueSchema>;

const queueFields = {
  name: text(80),
  strategy: queueStrategySchema,
  ring_timeout_seconds: z.number().int().min(5).max(300),
  retry_seconds: z.number().int().min(0).max(300),
  wrapup_seconds: z.number().int().min(0).max(3600),
  max_wait_seconds: z.number().int().min(10).max(86_400).nullable(),
  overflow_destination: destinationInputSchema.nullable(),
  max_callers: z.number().int().min(1).max(10_000).nullable(),
  music_class: musicClassSchema,
  join_empty: z.boolean(),
  leave_when_empty: z.boolean(),
  announce_position: z.boolean(),
  announce_hold_time: z.boolean(),
  announce_frequency_seconds: z.number().int().min(0).max(3600),
  service_level_seconds: z.number().int().min(1).max(3600),
  enabled: z.boolean(),
};

/** Defaults applied on create for every field left out. */
export const queueDefaults = {
  strategy: 'ringall',
  ring_timeout_seconds: 20,
  retry_seconds: 5,
  wrapup_seconds: 10,
  max_wait_seconds: null,
  overflow_destination: null,
  max_callers: null,
  music_class: 'default',
  join_empty: true,
  leave_when_empty: false,
  announce_position: false,
  announce_hold_time: false,
  announce_frequency_seconds: 60,
  service_level_seconds: 20,
  enabled: true,
} as const;

export const createQueueSchema = z
  .object({
    name: queueFields.name,
    strategy: queueFields.strategy.default(queueDefaults.strategy),
    ring_timeout_seconds: queueFields.ring_timeout_seconds.default(queueDefaults.ring_timeout_seconds),
    retry_seconds: queueFields.retry_seconds.default(queueDefaults.retry_seconds),
    wrapup_seconds: queueFields.wrapup_seconds.default(queueDefaults.wrapup_seconds),
    max_wait_seconds: queueFields.max_wait_seconds.default(queueDefaults.max_wait_seconds),
    overflow_destination: queueFields.overflow_destination.default(queueDefaults.overflow_destination),
    max_callers: queueFields.max_callers.default(queueDefaults.max_callers),
    music_class: queueFields.music_class.default(queueDefaults.music_class),
    join_empty: queueFields.join_empty.default(queueDefaults.join_empty),
    leave_when_empty: queueFields.leave_when_empty.default(queueDefaults.leave_when_empty),
    announce_position: queueFields.announce_position.default(queueDefaults.announce_position),
    announce_hold_time: queueFields.announce_hold_time.default(queueDefaults.announce_hold_time),
    announce_frequency_seconds: queueFields.announce_frequency_seconds.default(queueDefaults.announce_frequency_seconds),
    service_level_seconds: queueFields.service_level_seconds.default(queueDefaults.service_level_seconds),
    enabled: queueFields.enabled.default(queueDefaults.enabled),
  })
  .strict();
export type CreateQueueInput = z.infer<typeof createQueueSchema>;

export const updateQueueSchema = z
  .object({
    name: queueFields.name.optional(),
    strategy: queueFields.strategy.optional(),
    ring_timeout_seconds: queueFields.ring_timeout_seconds.optional(),
    retry_seconds: queueFields.retry_seconds.optional(),
    wrapup_seconds: queueFields.wrapup_seconds.optional(),
    max_wait_seconds: queueFields.max_wait_seconds.optional(),
    overflow_destination: queueFields.overflow_destination.optional(),
    max_callers: queueFields.max_callers.optional(),
    music_class: queueFields.music_class.optional(),
    join_empty: queueFields.join_empty.optional(),
    leave_when_empty: queueFields.leave_when_empty.optional(),
    announce_position: queueFields.announce_position.optional(),
    announce_hold_time: queueFields.announce_hold_time.optional(),
    announce_frequency_seconds: queueFields.announce_frequency_seconds.optional(),
    service_level_seconds: queueFields.service_level_seconds.optional(),
    enabled: queueFields.enabled.optional(),
  })
  .strict();
export type UpdateQueueInput = z.infer<typeof updateQueueSchema>;

export const listQueuesQuerySchema = pageQuerySchema.extend({
  search: plainString().trim().max(80).optional(),
  strategy: queueStrategySchema.optional(),
});
export type ListQueuesQuery = z.infer<typeof listQueuesQuerySchema>;

// Members -----------------------------------------------------------------------------------

/** Lower penalty is offered first; agents of a higher penalty ring only when all lower are busy. */
export const penaltySchema = z.number().int().min(0).max(10);

export const queueMemberSchema = z.object({
  queue_id: z.string(),
  user_id: z.string(),
  user_name: z.string(),
  user_email: z.string(),
  user_status: z.string(),
  penalty: z.number().int(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type QueueMember = z.infer<typeof queueMemberSchema>;

const userIdField = plainString().min(1).max(64);
export const addQueueMemberSchema = z.object({ user_id: userIdField, penalty: penaltySchema.default(0) }).strict();
export type AddQueueMemberInput = z.infer<typeof addQueueMemberSchema>;
export const updateQueueMemberSchema = z.object({ penalty: penaltySchema }).strict();
export type UpdateQueueMemberInput = z.infer<typeof updateQueueMemberSchema>;

/** `PUT /queues/:id/members`: the complete member list; users left out are removed. */
export const replaceQueueMembersSchema = z
  .object({
    members: z
      .array(z.object({ user_id: userIdField, penalty: penaltySchema.default(0) }).strict())
      .max(1000)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((m, i) => {
          if (seen.has(m.user_id)) ctx.addIssue({ code: 'custom', path: [i, 'user_id'], message: 'User listed twice' });
          seen.add(m.user_id);
        });
      }),
  })
  .strict();
export type ReplaceQueueMembersInput = z.infer<typeof replaceQueueMembersSchema>;

export const memberUserParamSchema = z.object({ id: plainString().min(1).max(64), userId: plainString().min(1).max(64) });
export const listQueueMembersQuerySchema = pageQuerySchema;

// Pause reasons -------------------------------------------------------------------------------

export const pauseReasonSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Stable machine code for reports and integrations. */
  code: z.string(),
  paid: z.boolean(),
  /** A pause longer than this is flagged to supervisors; null = no limit. */
  max_minutes: z.number().int().nullable(),
  enabled: z.boolean(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type PauseReason = z.infer<typeof pauseReasonSchema>;

const pauseCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{1,32}$/, 'Lowercase letters, digits and underscores (at most 32)');

export const createPauseReasonSchema = z
  .object({
    name: text(60),
    code: pauseCode,
    paid: z.boolean().default(false),
    max_minutes: z.number().int().min(1).max(720).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreatePauseReasonInput = z.infer<typeof createPauseReasonSchema>;
export const updatePauseReasonSchema = z
  .object({
    name: text(60).optional(),
    code: pauseCode.optional(),
    paid: z.boolean().optional(),
    max_minutes: z.number().int().min(1).max(720).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdatePauseReasonInput = z.infer<typeof updatePauseReasonSchema>;

export const listPauseReasonsQuerySchema = pageQuerySchema.extend({ enabled: z.enum(['true', 'false']).optional() });
export type ListPauseReasonsQuery = z.infer<typeof listPauseReasonsQuerySchema>;

/** Created for every tenant (tenant provisioning, and by migration for existing tenants). */
export const defaultPauseReasons = [
  { name: 'Break', code: 'break', paid: true, max_minutes: 15 },
  { name: 'Lunch', code: 'lunch', paid: false, max_minutes: 60 },
  { name: 'Training', code: 'training', paid: true, max_minutes: null },
  { name: 'Meeting', code: 'meeting', paid: true, max_minutes: null },
] as const;
