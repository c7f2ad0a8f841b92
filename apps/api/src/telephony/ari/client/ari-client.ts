import { createBridgesApi } from './bridges';
import { createChannelsApi } from './channels';
import { createAriEventStream, type AriEventStreamOptions, type AriLogger } from './events';
import { createAriHttp } from './http';
import {
  createApplicationsApi,
  createAsteriskApi,
  createEndpointsApi,
  createPlaybacksApi,
  createRecordingsApi,
} from './resources';

export type AriClientOptions = {
  /** Names this Asterisk in logs, status and the registry (e.g. `default`, `pbx-eu-1`). */
  name: string;
  url: string;
  username: string;
  password: string;
  app: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: AriLogger;
  events?: Partial<Omit<AriEventStreamOptions, 'baseUrl' | 'authorization' | 'app' | 'log'>>;
};

/**
 * One Asterisk: typed REST resources plus its events socket. `connect()` opens the socket and
 * keeps it open; REST works whether or not the socket is up.
 */
export function createAriClient(options: AriClientOptions) {
  const http = createAriHttp(options);
  const events = createAriEventStream({
    ...options.events,
    baseUrl: http.baseUrl,
    authorization: http.authorization,
    app: options.app,
    log: options.log,
  });
  return {
    name: options.name,
    app: options.app,
    baseUrl: http.baseUrl,
    /** Escape hatch for operations without a typed method (same auth and error mapping). */
    request: http.request,
    channels: createChannelsApi(http),
    bridges: createBridgesApi(http),
    recordings: createRecordingsApi(http),
    playbacks: createPlaybacksApi(http),
    endpoints: createEndpointsApi(http),
    applications: createApplicationsApi(http),
    asterisk: createAsteriskApi(http),
    events,
    connect: () => events.start(),
    close: () => events.stop(),
  };
}

export type AriClient = ReturnType<typeof createAriClient>;
