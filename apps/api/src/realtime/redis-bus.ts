import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { createLocalFanout, type BusMessage, type EventBus } from './bus';

type Wire = BusMessage & { origin: string };

const RESYNC_MARGIN_MS = 2000;

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
  const sub = new Redis(opts.url, {
    ...common,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResubscribe: true,
  });

  let warned = false;
  const onError = (which: string) => (err: Error) => {
    // ioredis reports every failed reconnect; one warning per outage is enough.
    if (!warned)
      opts.log.warn({ err: err.message, connection: which }, 'redis unavailable; delivering locally only');
    warned = true;
  };
  pub.on('error', onError('publisher'));
  sub.on('error', onError('subscriber'));

  // When each connection went away; a restored connection resynchronises from that moment
  // (minus a margin for events in flight when it dropped). Before the first connect counts as
  // away too: sockets may connect while Redis is still unreachable.
  const created = Date.now();
  const downSince: { pub: number | null; sub: number | null } = { pub: created, sub: created };
  let droppedPublishes = false;
  const onDown = (which: 'pub' | 'sub') => () => {
    if (downSince[which] === null) downSince[which] = Date.now();
  };
  const onReady = (which: 'pub' | 'sub') => () => {
    warned = false;
    const since = downSince[which];
    downSince[which] = null;
    if (since === null) return;
    const from = new Date(since - RESYNC_MARGIN_MS).toISOString();
    if (which === 'sub') {
      // Other instances' events may have passed us by meanwhile.
      local.deliver({ kind: 'resync', from });
    } else if (droppedPublishes) {
      // Our own events never reached the other instances.
      droppedPublishes = false;
      opts.log.info({ from }, 'redis publisher restored; asking every instance to resynchronise');
      send({ kind: 'resync', from });
    }
  };
  for (const [which, conn] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    conn.on('ready', onReady(which));
    conn.on('close', onDown(which));
    conn.on('end', onDown(which));
  }

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
    const failed = () => {
      droppedPublishes = true;
      opts.onPublishFailure?.();
    };
    if (pub.status !== 'ready') return failed();
    const wire: Wire = { ...msg, origin: instanceId };
    pub.publish(opts.channel, JSON.stringify(wire)).catch(failed);
  }

  pub.connect().catch(() => {});
  sub.connect().catch(() => {});
  sub
    .subscribe(opts.channel)
    .catch((err: Error) => opts.log.warn({ err: err.message }, 'redis subscribe failed'));

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
