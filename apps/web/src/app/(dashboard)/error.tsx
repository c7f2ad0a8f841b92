'use client';

import { ErrorView } from '@/components/shell/error-view';

type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/** A page that fails keeps the sidebar and top bar, so the user can go elsewhere. */
export default function DashboardErrorBoundary({ error, reset }: ErrorBoundaryProps) {
  return <ErrorView error={error} reset={reset} className="min-h-[60vh]" />;
}
