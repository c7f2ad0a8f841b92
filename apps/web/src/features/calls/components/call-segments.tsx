'use client';

import type { CallSegment } from '@switchboard/contracts';
import { Badge } from '@/components/ui/badge';
import { useFormat, useT } from '@/lib/i18n';
import { useNow } from '@/features/calls/live-sync';
import { segmentRows, segmentTalk } from '@/features/calls/segments';

/** Who handled each part of a call (after a transfer: the agent who answered, then the target). */
export function CallSegments({ segments }: { segments: CallSegment[] }) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  const rows = segmentRows(segments);
  return (
    <section className="grid gap-2" aria-labelledby="call-segments-title" data-testid="call-segments">
      <h3 id="call-segments-title" className="text-sm font-medium text-muted-foreground">
        {t('calls.segments.title')}
      </h3>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('calls.segments.empty')}</p>
      ) : (
        <ol className="grid gap-2">
          {rows.map((row) => (
            <li
              key={row.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-2 text-sm"
            >
              <div className="grid">
                <span className="font-medium">
                  {row.who ??
                    (row.extension ? t('calls.segments.extension', { extension: row.extension }) : '—')}
                </span>
                <span className="text-xs text-muted-foreground">
                  {[
                    t(row.kind),
                    row.who && row.extension
                      ? t('calls.segments.extension', { extension: row.extension })
                      : null,
                    t('calls.segments.answeredAt', { time: format.time(row.answeredAt) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </div>
              <div className="flex items-center gap-2">
                {row.open ? <Badge variant="success">{t('calls.segments.now')}</Badge> : null}
                <span className="font-mono tabular-nums">
                  {t('calls.segments.talk', { duration: format.duration(segmentTalk(row, now)) })}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
