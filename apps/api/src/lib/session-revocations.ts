import { EventEmitter } from 'node:events';

/**
 * `sessionId` (the refresh-token family, an access token's `sid`) ends only that session;
 * without it every session of the user ends.
 */
export type Revocation = { userId: string; tenantId: string | null; reason: string; sessionId?: string };

/**
 * Tells open sockets that a user's sessions ended (logout, password change, disable, role change).
 * The auth and users services call `revoke`; the real-time hub listens and closes sockets
 * (RELIABILITY A6, T7, W8). With Redis the hub relays these across instances.
 */
export function createSessionRevocations() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    revoke(r: Revocation) {
      emitter.emit('revoked', r);
    },
    onRevoked(fn: (r: Revocation) => void) {
      emitter.on('revoked', fn);
      return () => emitter.off('revoked', fn);
    },
  };
}
export type SessionRevocations = ReturnType<typeof createSessionRevocations>;
