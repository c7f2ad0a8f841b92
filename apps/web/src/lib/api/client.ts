import {
  tokenResponseSchema,
  type ErrorCode,
  type Meta,
  type Page,
  type TokenResponse,
} from '@switchboard/contracts';
import type { z } from 'zod';
import { ApiError } from './errors';
import { tokenStore } from './token-store';

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export type RequestOptions<S extends z.ZodType | undefined = undefined> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Validates `data` against a contracts schema; the result is typed from it. */
  schema?: S;
  /** Public routes (login, register…) send no token and never trigger a refresh. */
  anonymous?: boolean;
};

type Data<T, S> = S extends z.ZodType ? z.infer<S> : T;

const authRetryCodes = new Set<string>(['TOKEN_EXPIRED', 'TOKEN_INVALID']);
const refreshPath = '/api/v1/auth/refresh';

/** Why the client ended the session; the login page says so (`/login?reason=`). */
export type SignOutReason = 'session_ended' | 'account_disabled' | 'tenant_suspended';

/**
 * Answers that mean the session cannot go on, whatever the request was: the API checks the
 * account and the organisation on every request, before the token's version.
 */
const signOutCodes: Partial<Record<ApiError['code'], SignOutReason>> = {
  ACCOUNT_DISABLED: 'account_disabled',
  TENANT_SUSPENDED: 'tenant_suspended',
};

let refreshInFlight: Promise<TokenResponse | null> | null = null;
let signedOutHandler: ((reason: SignOutReason) => void) | null = null;

let refreshedHandler: ((tokens: TokenResponse) => void) | null = null;

/** The auth provider registers what "signed out" means (clear state, go to the login page). */
export function onSignedOut(handler: ((reason: SignOutReason) => void) | null) {
  signedOutHandler = handler;
}

/** Every refresh carries the current user; a role change shows up in the UI without a reload. */
export function onRefreshed(handler: ((tokens: TokenResponse) => void) | null) {
  refreshedHandler = handler;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(path: string, options: RequestOptions<z.ZodType | undefined>): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = tokenStore.accessToken;
  if (token && !options.anonymous) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'include',
      cache: 'no-store',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Network error' });
  }
}

type Decoded = { data: unknown; meta: Meta };

async function decode(response: Response): Promise<Decoded> {
  const payload: unknown = await response.json().catch(() => null);
  const envelope = payload as {
    success?: boolean;
    data?: unknown;
    meta?: Meta;
    error?: { code: ErrorCode; message: string; details?: unknown };
  } | null;
  if (response.ok && envelope?.success === true) {
    return { data: envelope.data, meta: envelope.meta ?? { request_id: '', timestamp: '' } };
  }
  if (envelope?.success === false && envelope.error) {
    throw new ApiError({
      status: response.status,
      code: envelope.error.code,
      message: envelope.error.message,
      details: envelope.error.details,
      requestId: envelope.meta?.request_id ?? response.headers.get('x-request-id'),
    });
  }
  throw new ApiError({
    status: response.status,
    code: response.status === 503 ? 'SERVICE_UNAVAILABLE' : 'BAD_RESPONSE',
    message: `Unexpected response (${response.status})`,
  });
}

/**
 * Trades the httpOnly refresh cookie for a new access token. Concurrent callers share one request,
 * because the API rotates the refresh token on every use and would treat a second use as theft.
 */
export function refreshAccessToken(): Promise<TokenResponse | null> {
  refreshInFlight ??= acrossTabs(async () => {
    try {
      const response = await send(refreshPath, { method: 'POST', body: {}, anonymous: true });
      const { data } = await decode(response);
      const tokens = tokenResponseSchema.parse(data);
      tokenStore.set(tokens.access_token, tokens.expires_in);
      refreshedHandler?.(tokens);
      return tokens;
    } catch {
      tokenStore.clear();
      return null;
    }
  }).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/**
 * Tabs share the refresh cookie. Two tabs refreshing at the same instant would present the same
 * token twice, which the API reads as reuse and answers by revoking the session; a Web Lock makes
 * the second tab wait and then send the cookie the first one received.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  return navigator.locks.request('switchboard-token-refresh', task);
}

/** One API call: envelope unwrapped, errors thrown as ApiError, one silent refresh on an expired token. */
export async function request<T = unknown, S extends z.ZodType | undefined = undefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<{ data: Data<T, S>; meta: Meta }> {
  let response = await send(path, options);
  if (response.status === 401 && !options.anonymous) {
    const code = await peekErrorCode(response);
    if (code && authRetryCodes.has(code)) {
      const refreshed = await refreshAccessToken();
      if (!refreshed) {
        signedOutHandler?.('session_ended');
        throw new ApiError({ status: 401, code: code as ErrorCode, message: 'Your session has ended' });
      }
      response = await send(path, options);
    } else {
      return decode(response) as never;
    }
  }
  const { data, meta } = await decode(response).catch((error: unknown) => {
    const reason = error instanceof ApiError && !options.anonymous ? signOutCodes[error.code] : undefined;
    if (reason) {
      tokenStore.clear();
      signedOutHandler?.(reason);
    }
    throw error;
  });
  const parsed = options.schema ? options.schema.parse(data) : data;
  return { data: parsed as Data<T, S>, meta };
}

async function peekErrorCode(response: Response): Promise<string | null> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: string } };
    return body.error?.code ?? null;
  } catch {
    return null;
  }
}

type BodyOptions<S extends z.ZodType | undefined> = Omit<RequestOptions<S>, 'method' | 'body'>;

/** Thin verbs over `request`, returning `data` only. */
export const api = {
  get: async <T = unknown, S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: Omit<RequestOptions<S>, 'method' | 'body'>,
  ) => (await request<T, S>(path, { ...options, method: 'GET' })).data,
  post: async <T = unknown, S extends z.ZodType | undefined = undefined>(
    path: string,
    body?: unknown,
    options?: BodyOptions<S>,
  ) => (await request<T, S>(path, { ...options, method: 'POST', body: body ?? {} })).data,
  patch: async <T = unknown, S extends z.ZodType | undefined = undefined>(
    path: string,
    body: unknown,
    options?: BodyOptions<S>,
  ) => (await request<T, S>(path, { ...options, method: 'PATCH', body })).data,
  put: async <T = unknown, S extends z.ZodType | undefined = undefined>(
    path: string,
    body: unknown,
    options?: BodyOptions<S>,
  ) => (await request<T, S>(path, { ...options, method: 'PUT', body })).data,
  delete: async <T = unknown>(path: string, options?: BodyOptions<undefined>) =>
    (await request<T>(path, { ...options, method: 'DELETE' })).data,
  /** A keyset-paginated list: `data` is the page's rows, `meta.next_cursor` the next page. */
  list: async <T>(path: string, query?: QueryParams, signal?: AbortSignal): Promise<Page<T>> => {
    const { data, meta } = await request<T[]>(path, { query, signal });
    return { items: data, nextCursor: meta.next_cursor ?? null };
  },
};
