import type { CallSegment } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { segmentRows, segmentTalk } from './segments';

const segment = (over: Partial<CallSegment>): CallSegment => ({
  id: 's1',
  kind: 'queue',
  user_id: 'u1',
  user_name: 'Alex',
  endpoint_id: 'e1',
  extension: '2001',
  number: null,
  offered_at: '2026-11-24T10:00:00.000Z',
  answered_at: '2026-11-24T10:00:03.000Z',
  joined_at: '2026-11-24T10:00:03.000Z',
  ended_at: '2026-11-24T10:01:03.000Z',
  talk_seconds: 55,
  hold_seconds: 5,
  ...over,
});

describe('segmentRows', () => {
  it('lists who handled each part in the order they joined, with how it started', () => {
    const rows = segmentRows([
      segment({
        id: 's2',
        kind: 'blind_transfer',
        user_id: 'u2',
        user_name: 'Sam',
        extension: '2002',
        joined_at: '2026-11-24T10:01:10.000Z',
        ended_at: null,
        talk_seconds: null,
        hold_seconds: 0,
      }),
      segment({}),
    ]);
    expect(rows.map((r) => [r.who, r.extension, r.kind, r.open])).toEqual([
      ['Alex', '2001', 'calls.segments.kind.queue', false],
      ['Sam', '2002', 'calls.segments.kind.blind_transfer', true],
    ]);
  });

  it('names an outside number when no agent took that part', () => {
    const [row] = segmentRows([
      segment({ kind: 'direct', user_id: null, user_name: null, extension: null, number: '+15557770002' }),
    ]);
    expect(row?.who).toBe('+15557770002');
  });

  it('counts talk up for the part still on the call, minus its hold', () => {
    const [ended, open] = segmentRows([
      segment({}),
      segment({
        id: 's2',
        joined_at: '2026-11-24T10:01:10.000Z',
        ended_at: null,
        talk_seconds: null,
        hold_seconds: 4,
      }),
    ]);
    expect(segmentTalk(ended!, Date.parse('2026-11-24T10:05:00.000Z'))).toBe(55);
    expect(segmentTalk(open!, Date.parse('2026-11-24T10:01:30.000Z'))).toBe(16);
  });
});
