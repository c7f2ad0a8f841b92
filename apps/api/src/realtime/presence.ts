import type { TenantContext } from '../plugins/context';

/**
 * What the hub tells the agents module about live sockets. Every heartbeat each instance
 * reports the agents it holds sockets for; an agent nobody reports for longer than the grace
 * period goes offline. Presence lives in MySQL, so it is right again within one heartbeat after
 * an instance crash or a Redis restart (W7, F4).
 */
export type Presence = {
  /** Whether this user's sockets count towards agent presence. */
  tracks(ctx: TenantContext): boolean;
  /** Users (by tenant) with at least one live socket on this instance right now. */
  seen(byTenant: Map<string, Set<string>>): Promise<void>;
};
