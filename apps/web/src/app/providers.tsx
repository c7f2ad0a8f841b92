'use client';

import { ThemeProvider } from 'next-themes';
import type { ReactNode } from 'react';
import { Toaster } from '@/components/ui/toaster';
import { TooltipProvider } from '@/components/ui/tooltip';
import { AuthProvider, useAuth } from '@/lib/auth';
import { I18nProvider } from '@/lib/i18n';
import { QueryProvider } from '@/lib/query';

/** Locale and time zone follow the session: the user's language, the tenant's clock. */
function SessionI18n({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return (
    <I18nProvider locale={user?.locale} timeZone={user?.tenant_timezone}>
      {children}
    </I18nProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryProvider>
        <AuthProvider>
          <SessionI18n>
            <TooltipProvider delayDuration={300}>
              {children}
              <Toaster />
            </TooltipProvider>
          </SessionI18n>
        </AuthProvider>
      </QueryProvider>
    </ThemeProvider>
  );
}
