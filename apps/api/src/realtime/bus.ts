import { randomUUID } from 'node:crypto';

/** One real-time event on its way to the sockets of one room of one tenant. */
export type BusEvent = {
  kind: 'event';
  tenantId: string;
  room: string;
  event: string;
  data: unknown;
  /** The `realtime_events` id of a durable event; null for ephemeral ones (typing, live ticks). */
  id: number | null;
  ts: string;
};

/**
 * A user's sessions ended (or only `sessionId`): every instance closes those sockets and
 * forgets them in its session cache (W8, T7, A6).
 */
export type BusRevocation = {
  kind: 'revocation';
  userId: string;
  tenantId: string | null;
  reason: string;
  sessionId?: string;
};

/**
 * Fan-out was interrupted somewhere from `from` (ISO time) until now: every instance catches its
 * sockets up from MySQL for that window (F3).
 */
export type BusResync = { kind: 'resync'; from: string };

/**
 * A tenant's provisioning changed in a way that can change how calls are routed (null: any
 * tenant's): every instance's call router forgets what it had looked up (routing-cache.ts).
 */
export type BusRouting = { kind: 'routing'; tenantId: string | null };

export type BusMessage = BusEvent | BusRevocation | BusResync | BusRouting;
export type BusHandler = (msg: BusMessage) => void;

export type EventBus = {
  readonly mode: 'memory' | 'redis';
  /** This instance's id; messages it published come back from Redis and are skipped. */
  readonly instanceId: string;
  /** Delivers to this instance at once and, with Redis, to every other instance (at most once). */
  publish(msg: BusMessage): void;
  subscribe(handler: BusHandler): () => void;
  /** Whether cross-instance fan-out currently works (always true in memory). */
  healthy(): boolean;
  close(): Promise<void>;
};

/** Calls every handler; one failing handler never stops the others or the publisher. */
export function createLocalFanout(onError: (err: unknown) => void) {
  const handlers = new Set<BusHandler>();
  return {
    deliver(msg: BusMessage) {
      for (const h of handlers) {
        try {
          h(msg);
        } catch (err) {
          onError(err);
        }
      }
    },
    subscribe(handler: BusHandler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
  };
}

/** The default bus: one process, so every publish is delivered locally and nothing else. */
export function createMemoryBus(onError: (err: unknown) => void = () => {}): EventBus {
  const local = createLocalFanout(onError);
  return {
    mode: 'memory',
    instanceId: randomUUID(),
    publish: (msg) => local.deliver(msg),
    subscribe: (handler) => local.subscribe(handler),
    healthy: () => true,
    close: async () => {},
  };
}
