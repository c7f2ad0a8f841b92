import type { Pool } from 'mysql2/promise';
import { syncEndpointsFromAra } from './ara-endpoints';
import { SimCore, type SimOptions } from './core';
import type { SimEndpointConfig } from './model';
import { placeCall, phoneHandle, type CallHandle, type PlaceCallOptions, type PhoneHandle } from './script';
import { createSimServer, type ControlHandler } from './server';

export type AriSimulatorOptions = SimOptions & {
  port?: number;
  host?: string;
  username?: string;
  password?: string;
  /**
   * Learn phones and trunks from `ps_endpoints` (as a realtime Asterisk would) at start and
   * every `araRefreshMs` (5 s), so calls to newly provisioned endpoints work.
   */
  araPool?: Pick<Pool, 'query'>;
  araRefreshMs?: number;
  log?: { error: (obj: object, msg?: string) => void; warn?: (obj: object, msg?: string) => void };
  /** Extra /_sim/ routes (the demo generator adds its own). */
  control?: (sim: AriSimulator) => ControlHandler | undefined;
};

/**
 * An in-process Asterisk stand-in speaking ARI: REST under /ari, events on /ari/events, and
 * a scripting API (in TypeScript here, over HTTP under /_sim/) to drive callers and phones.
 */
export async function startAriSimulator(options: AriSimulatorOptions = {}) {
  const core = new SimCore(options);
  const username = options.username ?? 'switchboard';
  const password = options.password ?? 'switchboard';
  const control: { handler?: ControlHandler } = {};
  const server = createSimServer(core, {
    username,
    password,
    log: options.log,
    control: (method, path, body) =>
      control.handler
        ? control.handler(method, path, body)
        : Promise.resolve({ status: 404, body: { message: 'Resource not found' } }),
  });
  const port = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const pool = options.araPool;
  const syncAra = async () => {
    if (!pool) return;
    try {
      await syncEndpointsFromAra(core, pool);
    } catch (err) {
      options.log?.warn?.({ err }, 'ARI simulator could not read ps_endpoints');
    }
  };
  await syncAra();
  const araTimer = pool ? setInterval(() => void syncAra(), options.araRefreshMs ?? 5000) : undefined;
  araTimer?.unref();

  const sim = {
    core,
    port,
    /** Base URL for ARI_URL (`http://host:port`; the client adds /ari). */
    url: `http://${host}:${port}`,
    username,
    password,
    app: core.defaultApp,
    placeCall: (call: PlaceCallOptions): CallHandle => placeCall(core, call),
    phone: (resource: string): PhoneHandle => phoneHandle(core, resource),
    addEndpoint: (endpoint: SimEndpointConfig) => core.addEndpoint(endpoint),
    /** Cuts every events socket abruptly; REST keeps working and nothing is replayed (surprise 13). */
    dropSockets: () => server.dropSockets(),
    socketCount: () => server.socketCount(),
    /**
     * As if Asterisk restarted: channels, bridges, playbacks vanish silently; sockets drop.
     * `downMs` (real milliseconds): it takes that long to come back, every connection (REST
     * or events) is cut meanwhile, as a crashed Asterisk still booting (F7).
     */
    restart(o: { downMs?: number } = {}) {
      core.wipe();
      if (o.downMs) server.goDown(o.downMs);
      else server.dropSockets();
    },
    onEvent: core.onEvent.bind(core),
    /** Re-reads ps_endpoints now (after provisioning a phone in a test). */
    syncEndpoints: syncAra,
    async stop() {
      if (araTimer) clearInterval(araTimer);
      core.wipe();
      await server.close();
    },
  };
  control.handler = options.control?.(sim);
  return sim;
}

export type AriSimulator = Awaited<ReturnType<typeof startAriSimulator>>;
