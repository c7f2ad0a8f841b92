'use client';

import { useTheme } from 'next-themes';
import { Toaster as Sonner } from 'sonner';

/** One per app, in the root layout. Call `toast.success(…)` / `toast.error(…)` from 'sonner'. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      position="bottom-right"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: 'font-sans text-sm' } }}
    />
  );
}
