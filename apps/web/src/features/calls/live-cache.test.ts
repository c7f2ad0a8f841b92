import type { AgentListItem, CallRecord, LiveCallEvent, QueueStats } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { applyAgentState, applyCallEvent, mergeQueueStats, secondsSince } from './live-cache';

const record = (id: string, over: Partial<CallRecord> = {}): CallRecord => ({
  id,
  direction: 'inbound',
  status: 'queued',
  disposition: null,
  did: '+15555550100',
  caller_number: '+15557770001',
  caller_name: null,
  callee_number: null,
  queue_id: 'q1',
  queue_name: 'Sales',
  agent_user_id: null,
  agent_name: null,
  current_agent_user_id: null,
  current_agent_name: null,
  entered_at: '2026-11-24T10:00:00.000Z',
  queued_at: '2026-11-24T10:00:01.000Z',
  answered_at: null,
  ended_at: null,
  wait_seconds: null,
  talk_seconds: null,
  hold_seconds: 0,
  on_hold: false,
  muted: false,
  recording: false,
  overflowed: false,
  transfers: [],
  recording_ref: null,
  simulated: true,
  ...over,
});

const event = (callId: string, over: Partial<LiveCallEvent> = {}): LiveCallEvent => ({
  call_id: callId,
  state: 'connected',
  caller_number: '+15557770001',
  did: '+15555550100',
  queue_id: 'q1',
  queue_name: 'Sales',
  queued_at: '2026-11-24T10:00:01.000Z',
  agent_user_id: 'u1',
  offered_user_ids: [],
  on_hold: true,
  muted: false,
  simulated: true,
  ...over,
});

describe('applyCallEvent', () => {
  it('patches a known call and keeps the others as they are', () => {
    const other = record('c2');
    const { list, known } = applyCallEvent(
      [record('c1', { agent_user_id: 'u1', agent_name: 'Alex' }), other],
      'call.updated',
      event('c1'),
    );
    expect(known).toBe(true);
    expect(list?.[0]).toMatchObject({ status: 'connected', on_hold: true, agent_name: 'Alex' });
    expect(list?.[1]).toBe(other);
  });

  it('forgets the agent name when another agent takes the call, so the refetch fills it in', () => {
    const { list } = applyCallEvent(
      [record('c1', { agent_user_id: 'u1', agent_name: 'Alex' })],
      'call.answered',
      event('c1', { agent_user_id: 'u2' }),
    );
    expect(list?.[0]).toMatchObject({ agent_user_id: 'u2', agent_name: null });
  });

  it('a transfer keeps who answered first and changes the agent on the call now', () => {
    const answered = record('c1', {
      status: 'connected',
      answered_at: '2026-11-24T10:00:05.000Z',
      agent_user_id: 'u1',
      agent_name: 'Alex',
      current_agent_user_id: 'u1',
      current_agent_name: 'Alex',
    });
    const ringing = applyCallEvent(
      [answered],
      'call.ringing',
      event('c1', { state: 'ringing', agent_user_id: null }),
    );
    expect(ringing.list?.[0]).toMatchObject({
      agent_user_id: 'u1',
      agent_name: 'Alex',
      current_agent_user_id: null,
    });
    const { list } = applyCallEvent(ringing.list, 'call.answered', event('c1', { agent_user_id: 'u2' }));
    expect(list?.[0]).toMatchObject({
      agent_user_id: 'u1',
      agent_name: 'Alex',
      current_agent_user_id: 'u2',
      current_agent_name: null,
    });
  });

  it('removes ended calls and reports calls the list has not seen', () => {
    expect(applyCallEvent([record('c1')], 'call.ended', event('c1')).list).toEqual([]);
    const unseen = applyCallEvent([record('c1')], 'call.queued', event('c9'));
    expect(unseen.known).toBe(false);
    expect(unseen.list).toHaveLength(1);
    expect(applyCallEvent(undefined, 'call.queued', event('c9'))).toEqual({ list: undefined, known: false });
  });
});

describe('applyAgentState', () => {
  const agent: AgentListItem = {
    user_id: 'u1',
    name: 'Alex',
    email: 'alex@example.test',
    last_seen_at: null,
    phone_unreachable: false,
    state: 'available',
    reason_id: null,
    since: '2026-11-24T10:00:00.000Z',
    current_call_id: null,
    wrapup_until: null,
    version: 5,
  };

  it('applies newer states and ignores older ones that arrive late', () => {
    const newer = applyAgentState([agent], { ...agent, state: 'ringing', version: 6 });
    expect(newer.list?.[0]?.state).toBe('ringing');
    const older = applyAgentState([agent], { ...agent, state: 'offline', version: 4 });
    expect(older.list?.[0]?.state).toBe('available');
    expect(applyAgentState([agent], { ...agent, user_id: 'u9' }).known).toBe(false);
  });
});

describe('mergeQueueStats', () => {
  const stats = (id: string, name: string, waiting: number) =>
    ({ queue_id: id, queue_name: name, waiting }) as QueueStats;

  it('replaces pushed queues, keeps the rest and sorts by name', () => {
    const merged = mergeQueueStats(
      [stats('q1', 'Support', 0), stats('q2', 'Billing', 1)],
      [stats('q1', 'Support', 3), stats('q3', 'Accounts', 0)],
    );
    expect(merged.map((q) => [q.queue_name, q.waiting])).toEqual([
      ['Accounts', 0],
      ['Billing', 1],
      ['Support', 3],
    ]);
  });
});

describe('secondsSince', () => {
  it('never goes negative when the server clock is ahead', () => {
    const now = Date.parse('2026-11-24T10:00:10.000Z');
    expect(secondsSince('2026-11-24T10:00:00.000Z', now)).toBe(10);
    expect(secondsSince('2026-11-24T10:00:12.000Z', now)).toBe(0);
    expect(secondsSince(null, now)).toBe(0);
  });
});
