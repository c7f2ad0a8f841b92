import type { CallSegment } from '@switchboard/contracts';
import type { MessageKey } from '@/lib/i18n';

export const segmentKindLabels: Record<CallSegment['kind'], MessageKey> = {
  queue: 'calls.segments.kind.queue',
  direct: 'calls.segments.kind.direct',
  blind_transfer: 'calls.segments.kind.blind_transfer',
  attended_transfer: 'calls.segments.kind.attended_transfer',
  internal: 'calls.segments.kind.internal',
  outbound: 'calls.segments.kind.outbound',
};

export type SegmentRow = {
  id: string;
  /** The agent's name, else their extension, else the outside number. */
  who: string | null;
  extension: string | null;
  kind: MessageKey;
  answeredAt: string;
  joinedAt: string;
  /** Still on the call: talk time counts up from `joinedAt` minus hold. */
  open: boolean;
  talkSeconds: number | null;
  holdSeconds: number;
};

/** Who handled each part of a call, in the order they joined the caller. */
export function segmentRows(segments: CallSegment[]): SegmentRow[] {
  return [...segments]
    .sort((a, b) => Date.parse(a.joined_at) - Date.parse(b.joined_at))
    .map((g) => ({
      id: g.id,
      who: g.user_name ?? (g.extension ? null : g.number),
      extension: g.extension,
      kind: segmentKindLabels[g.kind],
      answeredAt: g.answered_at,
      joinedAt: g.joined_at,
      open: g.ended_at === null,
      talkSeconds: g.talk_seconds,
      holdSeconds: g.hold_seconds,
    }));
}

/** Talk so far: the written figure once the part ended, else joined → now minus its hold. */
export function segmentTalk(row: SegmentRow, now: number): number {
  if (!row.open) return row.talkSeconds ?? 0;
  return Math.max(0, (now - Date.parse(row.joinedAt)) / 1000 - row.holdSeconds);
}
