import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { RequireSession } from '@/lib/auth';
import { WebSocketProvider } from '@/lib/websocket';

/**
 * Everything in the console needs a session; pages add their own permission checks. One socket
 * per tab serves the shell (the notifications bell) and the live pages alike.
 */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <RequireSession>
      <WebSocketProvider>
        <AppShell>{children}</AppShell>
      </WebSocketProvider>
    </RequireSession>
  );
}
