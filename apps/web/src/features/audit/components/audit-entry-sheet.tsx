'use client';

import type { AuditEntry } from '@switchboard/contracts';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { auditDiff } from '../diff';

/** One entry's who/when/where and its before → after, changed fields first. */
export function AuditEntrySheet({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  return (
    <Sheet open={entry !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent className="w-full max-w-2xl overflow-y-auto sm:w-[42rem]">
        {entry ? <EntryDetail entry={entry} /> : null}
      </SheetContent>
    </Sheet>
  );
}

function EntryDetail({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const format = useFormat();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const rows = useMemo(() => auditDiff(entry.before, entry.after), [entry]);
  const visible = showUnchanged ? rows : rows.filter((row) => row.changed);
  const unchanged = rows.length - rows.filter((row) => row.changed).length;

  const facts: [string, string][] = [
    [t('audit.columns.when'), format.dateTime(entry.created_at)],
    [t('audit.columns.actor'), entry.actor_email ?? t('audit.system')],
    [t('audit.columns.entity'), `${entry.entity_type}${entry.entity_id ? ` · ${entry.entity_id}` : ''}`],
    [t('audit.ip'), entry.ip ?? '—'],
    [t('audit.requestId'), entry.request_id ?? '—'],
  ];

  return (
    <>
      <SheetHeader>
        <SheetTitle className="font-mono text-base">{entry.action}</SheetTitle>
        <SheetDescription>{t('audit.detailDescription')}</SheetDescription>
      </SheetHeader>
      <div className="grid gap-6 px-4 pb-6">
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="min-w-0 break-all">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="grid gap-2">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">{t('audit.changes')}</h3>
            {unchanged > 0 ? (
              <Button variant="ghost" size="sm" onClick={() => setShowUnchanged((value) => !value)}>
                {showUnchanged ? t('audit.hideUnchanged') : t('audit.showUnchanged', { count: unchanged })}
              </Button>
            ) : null}
          </div>
          {visible.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('audit.noChanges')}</p>
          ) : (
            <div className="overflow-hidden rounded-lg border">
              <table className="w-full table-fixed text-left text-xs">
                <caption className="sr-only">{t('audit.changes')}</caption>
                <thead className="bg-muted/50 text-muted-foreground">
                  <tr>
                    <th scope="col" className="w-32 px-3 py-2 font-medium">
                      {t('audit.field')}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t('audit.before')}
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t('audit.after')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {visible.map((row) => (
                    <tr key={row.field} className="align-top">
                      <th scope="row" className="px-3 py-2 font-mono font-medium break-all">
                        {row.field}
                      </th>
                      <td className={cn('px-3 py-2', row.changed && row.before && 'bg-destructive/6')}>
                        <pre className="font-mono break-all whitespace-pre-wrap">{row.before || '—'}</pre>
                      </td>
                      <td className={cn('px-3 py-2', row.changed && row.after && 'bg-success/8')}>
                        <pre className="font-mono break-all whitespace-pre-wrap">{row.after || '—'}</pre>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </>
  );
}
