import { SimCore, type SimOptions } from './core';
import type { SimEndpointConfig } from './model';
import { placeCall, phoneHandle, type CallHandle, type PlaceCallOptions, type PhoneHandle } from './script';
import { createSimServer, type ControlHandler } from './server';

export type AriSimulatorOptions = SimOptions & {
  port?: number;
  host?: string;
  username?: string;
  password?: string;
  log?: { error: (obj: object, msg?: string) => void };
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
    /** As if Asterisk restarted: channels, bridges, playbacks vanish silently; sockets drop. */
    restart() {
      core.wipe();
      server.dropSockets();
    },
    onEvent: core.onEvent.bind(core),
    async stop() {
      core.wipe();
      await server.close();
    },
  };
  control.handler = options.control?.(sim);
  return sim;
}

export type AriSimulator = Awaited<ReturnType<typeof startAriSimulator>>;
