import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { createLocalFanout, type BusMessage, type EventBus } from './bus';

type Wire = BusMessage & { origin: string };

export type RedisBusOptions = {
  url: string;
  channel: string;
  log: FastifyBaseLogger;
  onPublishFailure?: () => void;
};

/**
 * Redis pub/sub fan-out across API instances (DESIGN §1). Two connections: a subscriber (a
 * connection in subscribe mode can do nothing else) and a publisher.
 *
 * Local delivery never waits for Redis: a publish reaches this instance's sockets at once and is
 * then sent to Redis, and the copy Redis echoes back is skipped by origin. So with Redis down a
 * single instance keeps working (F3). The publisher has no offline queue: a message that cannot
 * be sent is dropped rather than delivered minutes late; durable events are in MySQL anyway, and
 * when a connection comes back a `resync` makes every instance catch its sockets up from there.
 */
export function createRedisBus(opts: RedisBusOptions): EventBus {
  const instanceId = randomUUID();
  const local = createLocalFanout((err) => opts.log.error({ err }, 'real-time handler failed'));
  const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000);
  const common = { lazyConnect: true, connectTimeout: 2000, retryStrategy };
  const pub = new Redis(opts.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // The SUBSCRIBE command waits for Redis however long it is away; ioredis re-subscribes after.
  const sub = new Redis(opts.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true });

  let warned = false;
  const onError = (which: string) => (err: Error) => {
    // ioredis reports every failed reconnect; one warning per outage is enough.
    if (!warned) opts.log.warn({ err: err.message, connection: which }, 'redis unavailable; delivering locally only');
    warned = true;
  };
  pub.on('error', onError('publisher'));
  sub.on('error', onError('subscriber'));

  const everReady = { pub: false, sub: false };
  const onReady = (which: 'pub' | 'sub') => () => {
    const recovered = everReady[which];
    everReady[which] = true;
    warned = false;
    if (!recovered) return;
    opts.log.info({ connection: which }, 'redis connection restored; resynchronising sockets');
    // Whatever was published while this connection was down never reached some instance.
    local.deliver({ kind: 'resync' });
    if (which === 'pub') send({ kind: 'resync' });
  };
  pub.on('ready', onReady('pub'));
  sub.on('ready', onReady('sub'));

  sub.on('message', (_channel: string, raw: string) => {
    let msg: Wire;
    try {
      msg = JSON.parse(raw) as Wire;
    } catch {
      opts.log.warn('dropping a malformed real-time bus message');
      return;
    }
    if (msg.origin === instanceId) return;
    const { origin: _origin, ...rest } = msg;
    local.deliver(rest as BusMessage);
  });

  function send(msg: BusMessage) {
    if (pub.status !== 'ready') {
      opts.onPublishFailure?.();
      return;
    }
    const wire: Wire = { ...msg, origin: instanceId };
    pub.publish(opts.channel, JSON.stringify(wire)).catch(() => opts.onPublishFailure?.());
  }

  pub.connect().catch(() => {});
  sub.connect().catch(() => {});
  sub.subscribe(opts.channel).catch((err: Error) => opts.log.warn({ err: err.message }, 'redis subscribe failed'));

  return {
    mode: 'redis',
    instanceId,
    publish(msg) {
      local.deliver(msg);
      send(msg);
    },
    subscribe: (handler) => local.subscribe(handler),
    healthy: () => pub.status === 'ready' && sub.status === 'ready',
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
