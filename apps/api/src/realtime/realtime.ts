import type { FastifyBaseLogger } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Clock } from '../lib/clock';
import type { SessionRevocations } from '../lib/session-revocations';
import { createMemoryBus, type EventBus } from './bus';
import { createEventLogRepository } from './event-log.repository';
import { createRealtimeEvents } from './events';
import { defaultChannel, resolveRealtimeOptions, type RealtimeOptions } from './options';
import { createQueueRoomResolver } from './queue-rooms';
import { createRedisBus } from './redis-bus';
import { createRoomAuthorizer } from './rooms';

export type RealtimeDeps = {
  config: Config;
  db: Database;
  log: FastifyBaseLogger;
  metrics: Registry;
  clock: Clock;
  sessionRevocations: SessionRevocations;
  options?: Partial<RealtimeOptions>;
};

/**
 * The real-time core every role shares (the worker publishes call events too): the bus, the
 * durable event log and room authorization. The socket hub itself lives in the API role
 * (ws.routes.ts). See README.md in this folder.
 */
export function createRealtime(deps: RealtimeDeps) {
  const options = resolveRealtimeOptions(deps.options);
  const publishFailures = new Counter({
    name: 'realtime_bus_publish_failures_total',
    help: 'Bus messages that could not be sent to Redis (delivered locally only)',
    registers: [deps.metrics],
  });
  const bus: EventBus = deps.config.REDIS_URL
    ? createRedisBus({
        url: deps.config.REDIS_URL,
        channel: options.channel ?? defaultChannel(deps.config.DATABASE_URL),
        log: deps.log,
        onPublishFailure: () => publishFailures.inc(),
      })
    : createMemoryBus((err) => deps.log.error({ err }, 'real-time handler failed'));
  const eventLog = createEventLogRepository(deps.db);
  const events = createRealtimeEvents({ bus, repo: eventLog, clock: deps.clock });
  const rooms = createRoomAuthorizer();
  rooms.register('queue', createQueueRoomResolver(deps.db));

  // Every instance closes the sockets of a revoked session, wherever the revocation happened.
  const stopRelay = deps.sessionRevocations.onRevoked((r) =>
    bus.publish({
      kind: 'revocation',
      userId: r.userId,
      tenantId: r.tenantId,
      reason: r.reason,
      ...(r.sessionId ? { sessionId: r.sessionId } : {}),
    }),
  );

  return {
    options,
    bus,
    eventLog,
    events,
    rooms,
    /** Drops events older than the retention window; the worker calls it periodically. */
    async prune(): Promise<number> {
      const cutoff = new Date(deps.clock.now().getTime() - options.retentionMs);
      let total = 0;
      for (;;) {
        const n = await eventLog.pruneOlderThan(cutoff);
        total += n;
        if (n < 5000) return total;
      }
    },
    async close() {
      stopRelay();
      await bus.close();
    },
  };
}
export type Realtime = ReturnType<typeof createRealtime>;
