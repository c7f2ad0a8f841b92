import type { Readable } from 'node:stream';
import { fetchStreamTransport, fetchTransport, nodeTransports, type RawResponse, type StreamResponse } from './transport';

/**
 * The REST half of the ARI client: one authenticated request function. ARI takes
 * almost every parameter in the query string (swagger `paramType: query`); only `variables`
 * (and a few config bodies) travel as JSON.
 */

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type AriRequest = {
  /** Names the operation in errors and logs, e.g. `channels.answer`. */
  operation: string;
  method: HttpMethod;
  /** Path below `/ari`, already built from encoded segments (see `ariPath`). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** `binary` returns the raw bytes (stored recording files). */
  responseType?: 'json' | 'binary';
};

/**
 * A non-2xx answer from Asterisk (or no answer at all: status 0). `message` comes from the
 * body's `message` key, or `error` for the few answers that use it (README surprise 14).
 */
export class AriError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly operation: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'AriError';
  }

  /** True when the channel/bridge/recording is gone: callers usually treat this as done. */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export type AriHttpOptions = {
  /** `http://host:8088` or `http://host:8088/ari`; both work. */
  url: string;
  username: string;
  password: string;
  timeoutMs?: number;
  /** Use this fetch instead of the default keep-alive node:http transport. */
  fetch?: typeof fetch;
};

/** A 2xx answer read as a stream: its status, headers (lower-case names) and body. */
export type AriStream = { status: number; headers: Record<string, string | undefined>; body: Readable };

export type AriHttp = {
  /** Base URL ending in `/ari`, no trailing slash. */
  readonly baseUrl: string;
  readonly authorization: string;
  request<T>(req: AriRequest): Promise<T>;
  /**
   * The same request, resolving once Asterisk has answered with a 2xx status and headers; the body
   * is read as the caller consumes it (destroy it to stop). `headers` are sent as given (e.g.
   * `range`). A non-2xx answer is read whole and thrown as an AriError, as `request` does.
   */
  stream(req: Omit<AriRequest, 'responseType' | 'body'> & { headers?: Record<string, string> }): Promise<AriStream>;
};

/** Joins already-known path segments, encoding each one (ids may hold dots, names spaces). */
export function ariPath(...segments: Array<string | number>): string {
  return '/' + segments.map((s) => encodeURIComponent(String(s))).join('/');
}

export function normalizeAriBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/ari') ? trimmed : `${trimmed}/ari`;
}

export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    // Lists (addChannel channels, media, appArgs) are comma-separated in ARI.
    params.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function errorMessage(body: unknown, status: number): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.message === 'string') return record.message;
    if (typeof record.error === 'string') return record.error;
  }
  if (typeof body === 'string' && body.trim()) return body.trim();
  return `HTTP ${status}`;
}

function parseBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createAriHttp(options: AriHttpOptions): AriHttp {
  const baseUrl = normalizeAriBaseUrl(options.url);
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const node = options.fetch ? null : nodeTransports();
  const transport = options.fetch ? fetchTransport(options.fetch) : node!.send;
  const streamTransport = options.fetch ? fetchStreamTransport(options.fetch) : node!.stream;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request<T>(req: AriRequest): Promise<T> {
    const url = `${baseUrl}${req.path}${encodeQuery(req.query)}`;
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    let res: RawResponse;
    try {
      res = await transport(url, { method: req.method, headers, body, timeoutMs });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new AriError(0, `ARI unreachable: ${reason}`, req.operation);
    }
    const ok = res.status >= 200 && res.status < 300;
    if (ok && req.responseType === 'binary') return res.body as T;
    const parsed = parseBody(res.body);
    if (!ok) throw new AriError(res.status, errorMessage(parsed, res.status), req.operation, parsed);
    return parsed as T;
  }

  async function stream(req: Omit<AriRequest, 'responseType' | 'body'> & { headers?: Record<string, string> }): Promise<AriStream> {
    const url = `${baseUrl}${req.path}${encodeQuery(req.query)}`;
    let res: StreamResponse;
    try {
      res = await streamTransport(url, { method: req.method, headers: { ...req.headers, authorization }, timeoutMs });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new AriError(0, `ARI unreachable: ${reason}`, req.operation);
    }
    if (res.status >= 200 && res.status < 300) return res;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res.body) chunks.push(chunk as Buffer);
    } catch {
      // The error answer's body is only for the message; its status is what counts.
    }
    const parsed = parseBody(Buffer.concat(chunks));
    throw new AriError(res.status, errorMessage(parsed, res.status), req.operation, parsed);
  }

  return { baseUrl, authorization, request, stream };
}
