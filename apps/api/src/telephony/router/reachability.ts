import type { RouterDeps } from './live-calls';
import type { RouterEndpoint, RouterEvent } from './ports';

export type Reachability = 'reachable' | 'unreachable' | 'unknown';

/**
 * What Asterisk says about a phone, as reachability: a contact answering qualify (Reachable) or
 * not qualified at all (NonQualified) can be rung; otherwise the endpoint's own state decides
 * (offline = no contact left that answers: Unreachable, Removed).
 */
export function reachabilityOf(
  e: Extract<RouterEvent, { type: 'EndpointStateChange' | 'ContactStatusChange' }>,
): Reachability {
  if (e.type === 'ContactStatusChange') {
    const status = e.contact_info.contact_status;
    if (status === 'Reachable' || status === 'NonQualified') return 'reachable';
    if (status === 'Unreachable' || status === 'Removed') {
      return e.endpoint.state === 'online' ? 'reachable' : 'unreachable';
    }
  }
  return endpointReachability(e.endpoint);
}

export function endpointReachability(endpoint: RouterEndpoint): Reachability {
  if (endpoint.state === 'online') return 'reachable';
  if (endpoint.state === 'offline') return 'unreachable';
  return 'unknown';
}

/**
 * Stores a phone's reachability (every API instance reads it: ACD selection, endpoints API) and,
 * when it changed, tells the agent's console and the supervisors (`endpoint.reachability`).
 */
export async function noteReachability(
  deps: Pick<RouterDeps, 'agents' | 'events' | 'log'>,
  endpoint: RouterEndpoint,
  reachability: Reachability,
) {
  if (endpoint.technology !== 'PJSIP') return;
  const row = await deps.agents.contactStatus(endpoint.resource, reachability);
  if (!row?.changed) return;
  deps.log.info({ endpoint: endpoint.resource, reachability }, 'phone reachability changed');
  const rooms = [`supervisor:${row.tenantId}`, ...(row.userId ? [`user:${row.userId}`] : [])];
  await deps.events.publish(row.tenantId, rooms, 'endpoint.reachability', {
    endpoint_id: row.endpointId,
    user_id: row.userId,
    reachability,
  });
}

/**
 * On every ARI (re)connect: subscribe the application to `endpoint:PJSIP` (EndpointStateChange and
 * ContactStatusChange reach only subscribed apps) and read every phone's current state with
 * GET /endpoints/PJSIP, since changes while disconnected produced no event here.
 */
export async function syncReachability(
  ari: {
    subscribe(app: string, source: string): Promise<unknown>;
    list(): Promise<RouterEndpoint[]>;
  },
  app: string,
  deps: Pick<RouterDeps, 'agents' | 'events' | 'log'>,
): Promise<{ subscribed: boolean }> {
  // A freshly started Asterisk with realtime endpoints answers 422 "Event source does not exist"
  // until its first PJSIP endpoint is loaded (seen on Asterisk 22): the phones are read anyway,
  // and the caller subscribes again later.
  const subscribed = await ari.subscribe(app, 'endpoint:PJSIP').then(
    () => true,
    (err: unknown) => {
      deps.log.warn({ err }, 'could not subscribe to phone state events yet; will retry');
      return false;
    },
  );
  for (const endpoint of await ari.list()) {
    await noteReachability(deps, endpoint, endpointReachability(endpoint));
  }
  return { subscribed };
}

/** How often a connected router tries again to subscribe to phone state events. */
export const REACHABILITY_RETRY_MS = 5_000;
