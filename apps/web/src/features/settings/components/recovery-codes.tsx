'use client';

import { Copy, Download } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n';

/** Shown once, right after they are made: the API never shows them again. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  const text = codes.join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t('settings.twoFactor.codesCopied'));
    } catch {
      toast.error(t('settings.twoFactor.copyFailed'));
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'switchboard-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="grid gap-4">
      <div
        role="status"
        className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-foreground"
      >
        {t('settings.twoFactor.codesOnce')}
      </div>
      <ul
        aria-label={t('settings.twoFactor.codesLabel')}
        className="grid grid-cols-2 gap-2 rounded-lg border bg-muted/40 p-4 font-mono text-sm sm:grid-cols-3"
      >
        {codes.map((code) => (
          <li key={code} className="tabular-nums">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => void copy()}>
          <Copy aria-hidden="true" />
          {t('settings.twoFactor.copy')}
        </Button>
        <Button type="button" variant="outline" onClick={download}>
          <Download aria-hidden="true" />
          {t('settings.twoFactor.download')}
        </Button>
        <Button type="button" className="sm:ml-auto" onClick={onDone}>
          {t('settings.twoFactor.savedThem')}
        </Button>
      </div>
    </div>
  );
}
