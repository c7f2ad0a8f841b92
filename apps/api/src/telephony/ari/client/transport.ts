import http from 'node:http';
import https from 'node:https';

export type RawRequest = {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
};
export type RawResponse = { status: number; body: Buffer };
/** Sends one HTTP request; rejects only when no answer came (network error or timeout). */
export type Transport = (url: string, request: RawRequest) => Promise<RawResponse>;

/**
 * node:http with keep-alive agents: a worker talks to one Asterisk all day, and reusing
 * sockets is several times faster than fetch on this path (measured against the simulator).
 */
export function nodeTransport(): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  return (url, request) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const headers = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const req = client.request(
        target,
        { method: request.method, headers, agent: agents[target.protocol as 'http:' | 'https:'] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(request.timeoutMs, () =>
        req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(request.body);
    });
}

/** The same over a fetch implementation (tests may pass their own). */
export function fetchTransport(doFetch: typeof fetch): Transport {
  return async (url, request) => {
    const res = await doFetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };
}
