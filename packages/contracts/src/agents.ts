import { z } from 'zod';
import { isoDate, plainString } from './common';
import { pageQuerySchema } from './pagination';

/**
 * Agent states (GLOSSARY "Agents"). An agent is logged in in every state but `offline`.
 * `ringing`, `on_call` and `wrap_up` are set by the call router only; agents choose the others.
 */
export const agentStates = [
  'offline',
  'available',
  'ringing',
  'on_call',
  'wrap_up',
  'paused',
  'away',
] as const;
export const agentStateSchema = z.enum(agentStates);
export type AgentStateName = z.infer<typeof agentStateSchema>;

/**
 * The system pause reason the call router sets (in `reason_id`, never a tenant's pause reason id)
 * when Asterisk refused to ring the agent's phone several offers in a row: the phone stopped
 * answering qualify or lost its contact. It ends by itself when the phone is reachable again.
 */
export const PHONE_UNREACHABLE_REASON = 'system:phone_unreachable';

/** The states an agent may pick for themselves (REST and the `agent.set_state` socket message). */
export const selectableAgentStates = ['available', 'paused', 'away', 'offline'] as const;
export const selectableAgentStateSchema = z.enum(selectableAgentStates);

export const setAgentStateSchema = z
  .object({
    state: selectableAgentStateSchema,
    /** One of the tenant's pause reasons; only with `paused`. */
    reason_id: plainString().min(1).max(64).nullable().optional(),
  })
  .strict();
export type SetAgentStateInput = z.infer<typeof setAgentStateSchema>;

export const agentStateViewSchema = z.object({
  user_id: z.string(),
  state: agentStateSchema,
  reason_id: z.string().nullable(),
  since: isoDate,
  current_call_id: z.string().nullable(),
  wrapup_until: isoDate.nullable(),
  /** Bumped on every change; clients drop pushed states older than what they hold. */
  version: z.number().int(),
});
export type AgentStateView = z.infer<typeof agentStateViewSchema>;

export const agentListItemSchema = agentStateViewSchema.extend({
  name: z.string(),
  email: z.string(),
  last_seen_at: isoDate.nullable(),
  /** One of the agent's enabled phones is unreachable: the router offers them no calls. */
  phone_unreachable: z.boolean(),
});
export type AgentListItem = z.infer<typeof agentListItemSchema>;

export const listAgentsQuerySchema = pageQuerySchema.extend({
  state: agentStateSchema.optional(),
});
export type ListAgentsQuery = z.infer<typeof listAgentsQuerySchema>;
