import type { AgentStateName, CallRecord } from '@switchboard/contracts';
import type { BadgeProps } from '@/components/ui/badge';
import type { MessageKey } from '@/lib/i18n';

type Tone = NonNullable<BadgeProps['variant']>;

export const callStatusLabels: Record<CallRecord['status'], MessageKey> = {
  routing: 'calls.status.routing',
  ivr: 'calls.status.ivr',
  queued: 'calls.status.queued',
  ringing: 'calls.status.ringing',
  connected: 'calls.status.connected',
  ended: 'calls.status.ended',
};

export const callStatusTones: Record<CallRecord['status'], Tone> = {
  routing: 'secondary',
  ivr: 'secondary',
  queued: 'warning',
  ringing: 'default',
  connected: 'success',
  ended: 'outline',
};

export const agentStateLabels: Record<AgentStateName, MessageKey> = {
  offline: 'calls.agentState.offline',
  available: 'calls.agentState.available',
  ringing: 'calls.agentState.ringing',
  on_call: 'calls.agentState.on_call',
  wrap_up: 'calls.agentState.wrap_up',
  paused: 'calls.agentState.paused',
  away: 'calls.agentState.away',
};

export const agentStateTones: Record<AgentStateName, Tone> = {
  offline: 'outline',
  available: 'success',
  ringing: 'default',
  on_call: 'destructive',
  wrap_up: 'warning',
  paused: 'secondary',
  away: 'secondary',
};

/** Solid dots for the agent grid and the state selector, readable from across a room. */
export const agentStateDots: Record<AgentStateName, string> = {
  offline: 'bg-muted-foreground/40',
  available: 'bg-success',
  ringing: 'bg-primary animate-pulse',
  on_call: 'bg-destructive',
  wrap_up: 'bg-warning',
  paused: 'bg-secondary-foreground/60',
  away: 'bg-secondary-foreground/30',
};
