import { mysqlTable, varchar, char, int, bigint, decimal } from 'drizzle-orm/mysql-core';
import { bool, id, json, timestamp } from './columns';

// Mirrors migrations/0022_calls.sql and 0037_call_segments.sql.

export type TransferStep = { kind: 'blind' | 'attended'; from_user_id: string | null; to: string; at: string };

export const callRecords = mysqlTable('call_records', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  callKey: varchar('call_key', { length: 128 }).notNull(),
  direction: varchar('direction', { length: 16 }).notNull().$type<'inbound' | 'outbound' | 'internal'>(),
  status: varchar('status', { length: 16 })
    .notNull()
    .$type<'routing' | 'ivr' | 'queued' | 'ringing' | 'connected' | 'ended'>(),
  disposition: varchar('disposition', { length: 16 }).$type<
    'answered' | 'abandoned' | 'no_answer' | 'busy' | 'failed' | 'voicemail'
  >(),
  did: varchar('did', { length: 32 }),
  callerNumber: varchar('caller_number', { length: 64 }),
  callerName: varchar('caller_name', { length: 120 }),
  calleeNumber: varchar('callee_number', { length: 64 }),
  queueId: char('queue_id', { length: 36 }),
  /** The first agent who answered; kept through transfers (reports: who answered). */
  agentUserId: char('agent_user_id', { length: 36 }),
  /** The agent on the call now (after a transfer: the target); migrations/0037. */
  currentAgentUserId: char('current_agent_user_id', { length: 36 }),
  callerChannelId: varchar('caller_channel_id', { length: 64 }),
  agentChannelId: varchar('agent_channel_id', { length: 64 }),
  bridgeId: varchar('bridge_id', { length: 64 }),
  enteredAt: timestamp('entered_at').notNull(),
  queuedAt: timestamp('queued_at'),
  answeredAt: timestamp('answered_at'),
  endedAt: timestamp('ended_at'),
  waitSeconds: decimal('wait_seconds', { precision: 10, scale: 3, mode: 'number' }),
  talkSeconds: decimal('talk_seconds', { precision: 10, scale: 3, mode: 'number' }),
  holdSeconds: decimal('hold_seconds', { precision: 10, scale: 3, mode: 'number' }).notNull(),
  holdStartedAt: timestamp('hold_started_at'),
  wrapupSeconds: int('wrapup_seconds'),
  muted: bool('muted').notNull(),
  recording: bool('recording').notNull(),
  overflowed: bool('overflowed').notNull(),
  transfers: json<TransferStep[]>('transfers').notNull(),
  recordingRef: varchar('recording_ref', { length: 255 }),
  simulated: bool('simulated').notNull(),
  owner: varchar('owner', { length: 64 }),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const callEvents = mysqlTable('call_events', {
  id: bigint('id', { mode: 'number', unsigned: true }).primaryKey().autoincrement(),
  tenantId: id('tenant_id').notNull(),
  callId: id('call_id').notNull(),
  eventKey: varchar('event_key', { length: 191 }).notNull(),
  type: varchar('type', { length: 48 }).notNull(),
  at: timestamp('at').notNull(),
  data: json<Record<string, unknown>>('data'),
});

export type CallSegmentKind = 'queue' | 'direct' | 'blind_transfer' | 'attended_transfer' | 'internal' | 'outbound';

/** One leg that joined the caller (who handled which part of the call), once per segment key (D3). */
export const callSegments = mysqlTable('call_segments', {
  id: id().primaryKey(),
  tenantId: id('tenant_id').notNull(),
  callId: id('call_id').notNull(),
  segmentKey: varchar('segment_key', { length: 128 }).notNull(),
  kind: varchar('kind', { length: 24 }).notNull().$type<CallSegmentKind>(),
  userId: char('user_id', { length: 36 }),
  endpointId: char('endpoint_id', { length: 36 }),
  extension: varchar('extension', { length: 32 }),
  number: varchar('number', { length: 64 }),
  channelId: varchar('channel_id', { length: 64 }),
  offeredAt: timestamp('offered_at'),
  answeredAt: timestamp('answered_at').notNull(),
  joinedAt: timestamp('joined_at').notNull(),
  endedAt: timestamp('ended_at'),
  talkSeconds: decimal('talk_seconds', { precision: 10, scale: 3, mode: 'number' }),
  holdSeconds: decimal('hold_seconds', { precision: 10, scale: 3, mode: 'number' }).notNull(),
  holdStartedAt: timestamp('hold_started_at'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
