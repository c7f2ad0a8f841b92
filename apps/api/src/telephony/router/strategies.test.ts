import { describe, expect, it } from 'vitest';
import { orderCandidates, type Candidate } from './strategies';

const c = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  penalty: 0,
  position: Number(userId.replace(/\D/g, '')),
  lastCallEndedAt: null,
  callsToday: 0,
  ...over,
});

const ids = (list: Candidate[]) => list.map((x) => x.userId);

describe('queue strategies', () => {
  it('only the lowest penalty tier with anyone available is offered', () => {
    const list = [c('a1', { penalty: 2 }), c('a2', { penalty: 1 }), c('a3', { penalty: 1 })];
    expect(ids(orderCandidates('ringall', list, {}))).toEqual(['a2', 'a3']);
    expect(ids(orderCandidates('linear', [c('a1', { penalty: 5 })], {}))).toEqual(['a1']);
  });

  it('leastrecent offers the agent idle longest first, never-called agents before anyone', () => {
    const list = [
      c('a1', { lastCallEndedAt: new Date('2026-01-01T10:00:00Z') }),
      c('a2', { lastCallEndedAt: new Date('2026-01-01T09:00:00Z') }),
      c('a3'),
    ];
    expect(ids(orderCandidates('leastrecent', list, {}))).toEqual(['a3', 'a2', 'a1']);
  });

  it('fewestcalls offers the agent with the fewest calls today, ties by member order', () => {
    const list = [c('a1', { callsToday: 3 }), c('a2', { callsToday: 1 }), c('a3', { callsToday: 1 })];
    expect(ids(orderCandidates('fewestcalls', list, {}))).toEqual(['a2', 'a3', 'a1']);
  });

  it('rrmemory continues after the agent offered last; linear always starts at the top', () => {
    const list = [c('a1'), c('a2'), c('a3')];
    expect(ids(orderCandidates('rrmemory', list, { lastOfferedUserId: 'a2' }))).toEqual(['a3', 'a1', 'a2']);
    expect(ids(orderCandidates('rrmemory', list, {}))).toEqual(['a1', 'a2', 'a3']);
    expect(ids(orderCandidates('linear', list, { lastOfferedUserId: 'a2' }))).toEqual(['a1', 'a2', 'a3']);
  });

  it('random is a permutation of the tier driven by the random source', () => {
    const list = [c('a1'), c('a2'), c('a3')];
    const out = ids(orderCandidates('random', list, {}, () => 0));
    expect([...out].sort()).toEqual(['a1', 'a2', 'a3']);
    expect(out).toEqual(['a2', 'a3', 'a1']);
  });

  it('no candidates, no offers', () => {
    expect(orderCandidates('ringall', [], {})).toEqual([]);
  });
});
