import { z } from 'zod';
import type { Config } from '../../../config';
import { createAriClient, type AriClient, type AriClientOptions } from './ari-client';
import type { AriConnectionState, AriLogger } from './events';

export type AriServerConfig = Pick<AriClientOptions, 'name' | 'url' | 'username' | 'password' | 'app'>;

const serverSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
  url: z.url(),
  username: z.string().default(''),
  password: z.string().default(''),
  app: z.string().min(1).optional(),
});

/**
 * The Asterisk servers to connect to: ARI_SERVERS (a JSON array, several servers, each named) or
 * ARI_URL/ARI_USERNAME/ARI_PASSWORD (one server named "default"). Setting both is refused, so
 * an operator never wonders which one is used. Throws with the offending field named.
 */
export function ariServersFromConfig(
  config: Pick<Config, 'ARI_URL' | 'ARI_USERNAME' | 'ARI_PASSWORD' | 'ARI_APP'> & { ARI_SERVERS?: string | undefined },
): AriServerConfig[] {
  if (config.ARI_SERVERS) {
    if (config.ARI_URL) throw new Error('ARI_SERVERS and ARI_URL are both set: configure the servers in one of them');
    let raw: unknown;
    try {
      raw = JSON.parse(config.ARI_SERVERS);
    } catch {
      throw new Error('ARI_SERVERS: not valid JSON (expected an array of {name, url, username, password, app?})');
    }
    const parsed = z.array(serverSchema).min(1).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`ARI_SERVERS.${issue.path.join('.')}: ${issue.message}`);
    }
    const seen = new Set<string>();
    return parsed.data.map((s, i) => {
      if (seen.has(s.name)) throw new Error(`ARI_SERVERS.${i}.name: "${s.name}" is configured twice`);
      seen.add(s.name);
      return { name: s.name, url: s.url, username: s.username, password: s.password, app: s.app ?? config.ARI_APP };
    });
  }
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
