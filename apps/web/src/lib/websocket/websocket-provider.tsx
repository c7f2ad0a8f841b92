'use client';

import type { WsEventEnvelope } from '@switchboard/contracts';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { refreshAccessToken } from '@/lib/api/client';
import { tokenStore } from '@/lib/api/token-store';
import { useAuth } from '@/lib/auth';
import { RealtimeClient, type ConnectionStatus } from './realtime-client';

type RealtimeContextValue = { client: RealtimeClient | null; status: ConnectionStatus };

/** `/ws` on the page's own origin, unless NEXT_PUBLIC_WS_URL points elsewhere (docs/decisions/020). */
export function defaultWebSocketUrl(): string {
  const configured = process.env.NEXT_PUBLIC_WS_URL;
  if (configured) return configured;
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws`;
}

const RealtimeContext = createContext<RealtimeContextValue | null>(null);

export type WebSocketProviderProps = {
  children: ReactNode;
  /** Defaults to `/ws` on this origin (or NEXT_PUBLIC_WS_URL). */
  url?: string;
  /** Defaults to the in-memory access token of lib/auth. */
  getToken?: () => string | null;
};

/**
 * One socket for the signed-in session. Connects when the session is authenticated, follows
 * token renewals without reconnecting, and closes on sign-out.
 */
export function WebSocketProvider({ children, url, getToken }: WebSocketProviderProps) {
  const { status: session } = useAuth();
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('idle');
  const tokenGetter = useRef(getToken ?? (() => tokenStore.accessToken));

  useEffect(() => {
    if (session !== 'authenticated') return;
    const c = new RealtimeClient({
      url: url ?? defaultWebSocketUrl(),
      getToken: () => tokenGetter.current(),
      refresh: async () => (await refreshAccessToken()) !== null,
    });
    const offStatus = c.onStatus(setStatus);
    const offToken = tokenStore.subscribe(() => c.tokenChanged());
    c.start();
    setClient(c);
    return () => {
      offStatus();
      offToken();
      c.stop();
      setClient(null);
      setStatus('idle');
    };
  }, [session, url]);

  return <RealtimeContext.Provider value={{ client, status }}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeContextValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime must be used inside <WebSocketProvider>');
  return value;
}

/**
 * Calls `handler` for every event of `room` (null: none) while the component is mounted.
 * The latest handler is used without re-subscribing, so inline functions are fine.
 */
export function useRoomEvents(room: string | null, handler: (event: WsEventEnvelope) => void) {
  const { client } = useRealtime();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!client || !room) return;
    return client.listen(room, (event) => latest.current(event));
  }, [client, room]);
}

/** Runs `handler` when the socket missed more than a replay carries: refetch what you show. */
export function useRealtimeResync(handler: () => void) {
  const { client } = useRealtime();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => client?.onResyncRequired(() => latest.current()), [client]);
}
