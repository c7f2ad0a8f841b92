'use client';

import { ErrorView } from '@/components/shell/error-view';

type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/** Catches errors in the auth pages and in the dashboard frame itself. */
export default function RootErrorBoundary({ error, reset }: ErrorBoundaryProps) {
  return (
    <main className="flex min-h-dvh">
      <ErrorView error={error} reset={reset} className="flex-1" />
    </main>
  );
}
