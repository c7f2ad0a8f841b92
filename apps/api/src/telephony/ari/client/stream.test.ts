import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAriClient } from './ari-client';
import { AriError } from './http';

/** `recordings.streamStoredFile`: the file is handed on as it arrives, never held whole. */
let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

async function listen(handler: Parameters<typeof createServer>[1]) {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return createAriClient({
    name: 't',
    url: `http://127.0.0.1:${port}`,
    username: 'u',
    password: 'p',
    app: 'a',
  });
}

describe('recordings.streamStoredFile', () => {
  it('resolves with status and headers before the body has ended, sends the Range header, and aborts when the body is destroyed', async () => {
    let seen: { url?: string; range?: string; auth?: string } = {};
    let closed!: () => void;
    const aborted = new Promise<void>((r) => (closed = r));
    const client = await listen((req, res) => {
      seen = { url: req.url, range: req.headers.range, auth: req.headers.authorization };
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': 1000 });
      res.write(Buffer.alloc(100, 1));
      res.on('close', () => closed());
      // The other 900 bytes never come: only a streaming client can resolve.
    });
    const file = await client.recordings.streamStoredFile('call-x y', { range: 'bytes=0-9' });
    expect(seen).toEqual({
      url: '/ari/recordings/stored/call-x%20y/file',
      range: 'bytes=0-9',
      auth: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    expect(file.status).toBe(200);
    expect(file.headers).toMatchObject({ 'content-type': 'audio/wav', 'content-length': '1000' });
    const first = await new Promise<Buffer>((r) => file.body.once('data', r));
    expect(first.length).toBe(100);
    file.body.destroy();
    await aborted;
  });

  it('a non-2xx answer is an AriError with the message Asterisk gave', async () => {
    const client = await listen((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Recording not found"}');
    });
    const err = await client.recordings.streamStoredFile('gone').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AriError);
    expect(err).toMatchObject({
      status: 404,
      message: 'Recording not found',
      operation: 'recordings.getStoredFile',
    });
  });

  it('no answer at all is status 0', async () => {
    const client = createAriClient({
      name: 't',
      url: 'http://127.0.0.1:9',
      username: 'u',
      password: 'p',
      app: 'a',
    });
    await expect(client.recordings.streamStoredFile('x')).rejects.toMatchObject({ status: 0 });
  });
});
