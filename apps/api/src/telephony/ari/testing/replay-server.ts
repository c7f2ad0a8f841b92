import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { RecordedRest, RecordedStep } from './traces';

export type ReplayMismatch = { expected: string; got: string };

function canonical(method: string, pathWithQuery: string): string {
  const url = new URL(pathWithQuery, 'http://replay');
  const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).sort();
  return `${method} ${decodeURIComponent(url.pathname)}${query.length ? `?${query.join('&')}` : ''}`;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * A stand-in Asterisk that answers each REST call with the next recorded answer and feeds the
 * recorded events to the events socket: one segment per connection, closed the way the
 * recording's socket was (1000 clean, 1006 abrupt).
 */
export async function startReplayServer(steps: RecordedStep[]) {
  const rest = steps.filter((s): s is RecordedRest => s.kind === 'rest');
  const segments: Array<{ events: unknown[]; closeCode?: number }> = [{ events: [] }];
  for (const step of steps) {
    if (step.kind === 'event') segments.at(-1)!.events.push(step.event);
    if (step.kind === 'ws' && step.ws === 'closed') {
      segments.at(-1)!.closeCode = step.code;
      segments.push({ events: [] });
    }
  }
  const mismatches: ReplayMismatch[] = [];
  const bodies: unknown[] = [];
  let next = 0;

  const server: Server = createServer(async (req, res) => {
    const expected = rest[next++];
    const got = canonical(req.method ?? '', (req.url ?? '').replace(/^\/ari/, ''));
    const body = await readBody(req);
    bodies.push(body);
    if (!expected) {
      mismatches.push({ expected: '(nothing)', got });
      res.writeHead(599).end();
      return;
    }
    const want = canonical(expected.method, expected.path);
    if (want !== got) mismatches.push({ expected: want, got });
    if (expected.bodyBytes !== undefined) {
      res.writeHead(expected.status, {
        'content-type': expected.headers?.['content-type'] ?? 'application/octet-stream',
      });
      res.end(Buffer.alloc(expected.bodyBytes));
      return;
    }
    if (expected.body === null || expected.body === undefined) {
      res.writeHead(expected.status).end();
      return;
    }
    res.writeHead(expected.status, { 'content-type': 'application/json' }).end(JSON.stringify(expected.body));
  });
  const wss = new WebSocketServer({ server, path: '/ari/events' });
  let connection = 0;
  wss.on('connection', (ws) => {
    const segment = segments[connection++];
    if (!segment) return;
    for (const event of segment.events) ws.send(JSON.stringify(event));
    if (segment.closeCode === 1000) ws.close(1000);
    else if (segment.closeCode !== undefined) setTimeout(() => ws.terminate(), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    mismatches,
    requestBodies: bodies,
    segments: segments.length,
    connections: () => connection,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
