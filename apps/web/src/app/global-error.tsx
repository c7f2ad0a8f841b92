'use client';

import { translate } from '@/lib/i18n/messages';
import './globals.css';

/**
 * Last resort when the root layout itself fails: no providers exist here, so it renders its own
 * document and reads English messages directly.
 */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center">
        <h1 className="text-xl font-semibold">{translate(null, 'errors.boundaryTitle')}</h1>
        <p className="max-w-md text-sm text-muted-foreground">
          {translate(null, 'errors.boundaryDescription')}
        </p>
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground"
        >
          {translate(null, 'common.retry')}
        </button>
      </body>
    </html>
  );
}
