import { bigint, char, int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import type { AgentStateName } from '@switchboard/contracts';
import { id, timestamp } from './columns';

// Mirrors migrations/0021_agents.sql.

export const agentStates = mysqlTable(
  'agent_states',
  {
    tenantId: id('tenant_id').notNull(),
    userId: id('user_id').notNull(),
    state: varchar('state', { length: 16 }).notNull().$type<AgentStateName>(),
    reasonId: char('reason_id', { length: 36 }),
    since: timestamp('since').notNull(),
    version: int('version', { unsigned: true }).notNull(),
    currentCallId: varchar('current_call_id', { length: 64 }),
    wrapupUntil: timestamp('wrapup_until'),
    lastSeenAt: timestamp('last_seen_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

export const agentStateHistory = mysqlTable('agent_state_history', {
  id: bigint('id', { mode: 'number', unsigned: true }).primaryKey().autoincrement(),
  tenantId: id('tenant_id').notNull(),
  userId: id('user_id').notNull(),
  state: varchar('state', { length: 16 }).notNull().$type<AgentStateName>(),
  reasonId: char('reason_id', { length: 36 }),
  callId: varchar('call_id', { length: 64 }),
  startedAt: timestamp('started_at').notNull(),
  endedAt: timestamp('ended_at'),
  durationMs: bigint('duration_ms', { mode: 'number' }),
});
