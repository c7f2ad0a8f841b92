import type { Config } from '../../../config';
import { createAriClient, type AriClient, type AriClientOptions } from './ari-client';
import type { AriConnectionState, AriLogger } from './events';

export type AriServerConfig = Pick<AriClientOptions, 'name' | 'url' | 'username' | 'password' | 'app'>;

/**
 * The Asterisk servers to connect to. Today one (ARI_URL…); the list shape lets several be
 * configured later without touching the callers.
 */
export function ariServersFromConfig(
  config: Pick<Config, 'ARI_URL' | 'ARI_USERNAME' | 'ARI_PASSWORD' | 'ARI_APP'>,
): AriServerConfig[] {
  if (!config.ARI_URL) return [];
  return [
    {
      name: 'default',
      url: config.ARI_URL,
      username: config.ARI_USERNAME ?? '',
      password: config.ARI_PASSWORD ?? '',
      app: config.ARI_APP,
    },
  ];
}

/** One client per configured Asterisk, keyed by name. */
export function createAriRegistry(
  servers: AriServerConfig[],
  extra: Omit<AriClientOptions, keyof AriServerConfig> & { log?: AriLogger } = {},
) {
  const clients = new Map<string, AriClient>();
  for (const server of servers) {
    if (clients.has(server.name)) throw new Error(`ARI server "${server.name}" is configured twice`);
    clients.set(server.name, createAriClient({ ...extra, ...server }));
  }
  const list = (): AriClient[] => [...clients.values()];
  return {
    get(name: string): AriClient | undefined {
      return clients.get(name);
    },
    list,
    /** Per server connection state, for /readyz and the telephony status API. */
    status(): Array<{ name: string; state: AriConnectionState }> {
      return list().map((c) => ({ name: c.name, state: c.events.state }));
    },
    connectAll() {
      for (const client of clients.values()) client.connect();
    },
    async closeAll() {
      await Promise.all(list().map((c) => c.close()));
    },
  };
}

export type AriRegistry = ReturnType<typeof createAriRegistry>;
