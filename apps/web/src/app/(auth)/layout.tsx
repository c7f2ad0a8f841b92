import { Suspense, type ReactNode } from 'react';
import { AuthShell } from '@/features/auth/components/auth-shell';

export default function AuthLayout({ children }: { children: ReactNode }) {
  // useSearchParams (for ?next=) needs a Suspense boundary so these pages can still prerender.
  return (
    <Suspense>
      <AuthShell>{children}</AuthShell>
    </Suspense>
  );
}
