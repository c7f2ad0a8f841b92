import type { SimCore } from './core';
import type { SimBridge, SimChannel, SimEndpoint } from './model';

export type SimResponse = { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer };

export type RouteContext = {
  core: SimCore;
  params: string[];
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
};

export type SimRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handle: (ctx: RouteContext) => SimResponse;
};

/** An ARI error answer; `key` is `error` only for the Allocation failed case (surprise 14). */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly key: 'message' | 'error' = 'message',
  ) {
    super(message);
  }
}

export const fail = (status: number, message: string, key: 'message' | 'error' = 'message'): never => {
  throw new SimHttpError(status, message, key);
};

export const ok = (body?: unknown, status = body === undefined ? 204 : 200): SimResponse => ({
  status,
  body,
});

export const ID = '([^/]+)';
export const route = (method: SimRoute['method'], path: string, handle: SimRoute['handle']): SimRoute => ({
  method,
  pattern: new RegExp(`^${path}$`),
  handle,
});

export function findChannel(
  core: SimCore,
  id: string | undefined,
  message = 'Channel not found',
): SimChannel {
  const channel = id ? core.channels.get(id) : undefined;
  return channel ?? fail(404, message);
}

/** Channel operations on a channel outside Stasis answer 409 on /channels (422 on /bridges). */
export function stasisChannel(core: SimCore, id: string | undefined): SimChannel {
  const channel = findChannel(core, id);
  if (!channel.inStasis) fail(409, 'Channel not in Stasis application');
  return channel;
}

export function findBridge(core: SimCore, id: string | undefined): SimBridge {
  const bridge = id ? core.bridges.get(id) : undefined;
  return bridge ?? fail(404, 'Bridge not found');
}

export type ResolvedEndpoint = { endpoint: SimEndpoint; external?: string };

/**
 * Resolves a dial string. `PJSIP/<resource>` must be a registered endpoint; a number through a
 * trunk (`PJSIP/<number>@<trunk>` or `PJSIP/<trunk>/sip:<number>@host`) reaches a simulated
 * outside party. Anything else is what Asterisk answers for a missing contact: 500 Allocation failed.
 */
export function resolveDialTarget(core: SimCore, target: string): ResolvedEndpoint {
  const allocationFailed = () => fail(500, 'Allocation failed', 'error');
  const [tech, ...rest] = target.split('/');
  const resourcePart = rest.join('/');
  if (tech !== 'PJSIP' || !resourcePart) return allocationFailed();
  const viaTrunk = /^([^@/]+)@([^/]+)$/.exec(resourcePart) ?? /^([^/]+)\/sip:([^@]+)@.+$/.exec(resourcePart);
  if (viaTrunk) {
    const [number, trunkName] = resourcePart.includes('/sip:')
      ? [viaTrunk[2] ?? '', viaTrunk[1] ?? '']
      : [viaTrunk[1] ?? '', viaTrunk[2] ?? ''];
    const trunk = core.endpoints.get(trunkName);
    if (!trunk) return allocationFailed();
    return { endpoint: trunk, external: number };
  }
  const endpoint = core.endpoints.get(resourcePart);
  if (!endpoint || !endpoint.registered || !endpoint.reachable) return allocationFailed();
  return { endpoint };
}

export function splitArgs(value: string | undefined): string[] {
  return value ? value.split(',') : [];
}

export function parseCallerId(value: string | undefined): { name: string; number: string } | undefined {
  if (!value) return undefined;
  const match = /^\s*"?([^"<]*)"?\s*<([^>]*)>\s*$/.exec(value);
  return match
    ? { name: (match[1] ?? '').trim(), number: match[2] ?? '' }
    : { name: '', number: value.trim() };
}

export function variablesOf(body: Record<string, unknown> | undefined): Record<string, string> {
  const vars = body?.variables;
  if (!vars || typeof vars !== 'object') return {};
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
}
