/**
 * The access token lives only in this module's memory: never in localStorage, where any injected
 * script could read it. A reload starts without one and the refresh cookie gets a new one.
 */
type TokenState = { accessToken: string; expiresAt: number } | null;

let state: TokenState = null;
const listeners = new Set<() => void>();

export const tokenStore = {
  get accessToken(): string | null {
    return state?.accessToken ?? null;
  },
  /** Milliseconds since epoch, or null when signed out. */
  get expiresAt(): number | null {
    return state?.expiresAt ?? null;
  },
  set(accessToken: string, expiresInSeconds: number) {
    state = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
    listeners.forEach((listener) => listener());
  },
  clear() {
    state = null;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
