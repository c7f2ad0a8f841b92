/**
 * Tunables of the real-time hub. Production uses the defaults; tests shrink the timers through
 * `ports.realtime` so heartbeats, grace periods and limits can be observed in a few hundred ms.
 */
export type RealtimeOptions = {
  /** Server ping interval; a socket that misses two pongs is terminated (W7). Keep under 30 s:
   *  proxies (Next's rewrite proxy, Caddy) drop idle upgraded connections. */
  heartbeatMs: number;
  /** An agent with no live socket anywhere for this long goes offline, unless on a call. */
  presenceGraceMs: number;
  /** How often the worker looks for stale presence and expired wrap-ups (wrap-up ends up to
   *  this late). */
  sweepIntervalMs: number;
  /** Largest accepted client frame; larger ones close the socket with 1009 (W4). */
  maxPayloadBytes: number;
  /** Messages a connection may send per window before it is throttled (W5). */
  rateLimitMessages: number;
  rateLimitWindowMs: number;
  /** Sockets one user may hold on one instance (tabs, devices); more are refused with 429. */
  maxSocketsPerUser: number;
  /** Rooms one socket may join. */
  maxRoomsPerSocket: number;
  /** Send-buffer bound above which a slow reader is cut off (W6). */
  maxBufferedBytes: number;
  /** Durable events sent per replay; more means the client reloads its state over HTTP. */
  replayLimit: number;
  /** Rows older than this are pruned from `realtime_events`. */
  retentionMs: number;
  /** Redis channel; defaults to one per database, so deployments sharing a Redis stay apart. */
  channel?: string;
};

export const defaultRealtimeOptions: RealtimeOptions = {
  heartbeatMs: 25_000,
  presenceGraceMs: 30_000,
  sweepIntervalMs: 1_000,
  maxPayloadBytes: 64 * 1024,
  rateLimitMessages: 60,
  rateLimitWindowMs: 10_000,
  maxSocketsPerUser: 20,
  maxRoomsPerSocket: 200,
  maxBufferedBytes: 4 * 1024 * 1024,
  replayLimit: 1000,
  retentionMs: 24 * 60 * 60 * 1000,
};

export function resolveRealtimeOptions(overrides: Partial<RealtimeOptions> = {}): RealtimeOptions {
  return { ...defaultRealtimeOptions, ...overrides };
}

/** `switchboard:<database>:events`: instances of one deployment share a database, hence a channel. */
export function defaultChannel(databaseUrl: string): string {
  const db = new URL(databaseUrl).pathname.replace(/^\//, '') || 'default';
  return `switchboard:${db}:events`;
}
