'use client';

import type { ReactNode } from 'react';
import { useRealtime, WebSocketProvider } from '@/lib/websocket';

/** True inside a <WebSocketProvider>; useRealtime throws outside one. */
function useHasRealtime() {
  try {
    useRealtime();
    return true;
  } catch {
    return false;
  }
}

/**
 * The live pages need the `/ws` socket. When the app already provides one (one socket per tab),
 * it is used; otherwise this page opens its own for as long as it is shown.
 */
export function RealtimeBoundary({ children }: { children: ReactNode }) {
  return useHasRealtime() ? children : <WebSocketProvider>{children}</WebSocketProvider>;
}
