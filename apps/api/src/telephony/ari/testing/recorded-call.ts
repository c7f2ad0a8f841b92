import type { AriClient } from '../client/ari-client';
import type { HttpMethod } from '../client/http';

type Query = Record<string, string>;
type Route = {
  method: string;
  pattern: RegExp;
  call: (client: AriClient, p: string[], q: Query, body: unknown) => Promise<unknown>;
};

const num = (v: string | undefined) =>
  v === undefined ? undefined : Number.isNaN(Number(v)) ? v : Number(v);
const bool = (v: string | undefined) => (v === undefined ? undefined : v === 'true');
const vars = (body: unknown) => (body as { variables?: Record<string, string> } | null)?.variables;
/** Recorded values are strings; some were deliberately wrong (timeout=abc), so cast through. */
const loose = <T>(value: unknown) => value as T;

const ID = '([^/]+)';
const routes: Route[] = [
  { method: 'GET', pattern: /^\/channels$/, call: (c) => c.channels.list() },
  {
    method: 'POST',
    pattern: /^\/channels$/,
    call: (c, _p, q, b) => c.channels.originate(loose({ ...q, timeout: num(q.timeout), variables: vars(b) })),
  },
  {
    method: 'POST',
    pattern: /^\/channels\/create$/,
    call: (c, _p, q, b) => c.channels.create(loose({ ...q, variables: vars(b) })),
  },
  { method: 'GET', pattern: new RegExp(`^/channels/${ID}$`), call: (c, [id]) => c.channels.get(id!) },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/channels/${ID}$`),
    call: (c, [id], q) => c.channels.hangup(id!, loose(q)),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/answer$`),
    call: (c, [id]) => c.channels.answer(id!),
  },
  { method: 'POST', pattern: new RegExp(`^/channels/${ID}/ring$`), call: (c, [id]) => c.channels.ring(id!) },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/channels/${ID}/ring$`),
    call: (c, [id]) => c.channels.ringStop(id!),
  },
  { method: 'POST', pattern: new RegExp(`^/channels/${ID}/hold$`), call: (c, [id]) => c.channels.hold(id!) },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/channels/${ID}/hold$`),
    call: (c, [id]) => c.channels.unhold(id!),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/moh$`),
    call: (c, [id], q) => c.channels.startMoh(id!, q.mohClass),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/channels/${ID}/moh$`),
    call: (c, [id]) => c.channels.stopMoh(id!),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/mute$`),
    call: (c, [id], q) => c.channels.mute(id!, loose(q.direction)),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/channels/${ID}/mute$`),
    call: (c, [id], q) => c.channels.unmute(id!, loose(q.direction)),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/play(?:/${ID})?$`),
    call: (c, [id, playbackId], q) => c.channels.play(id!, loose({ ...q, playbackId })),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/dial$`),
    call: (c, [id], q) => c.channels.dial(id!, { caller: q.caller, timeout: loose(num(q.timeout)) }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/snoop$`),
    call: (c, [id], q) => c.channels.snoop(id!, loose(q)),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/redirect$`),
    call: (c, [id], q) => c.channels.redirect(id!, q.endpoint!),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/continue$`),
    call: (c, [id], q) => c.channels.continueInDialplan(id!, { ...q, priority: loose(num(q.priority)) }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/dtmf$`),
    call: (c, [id], q) => c.channels.sendDtmf(id!, loose(q)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/channels/${ID}/variable$`),
    call: async (c, [id], q) => ({ value: await c.channels.getVariable(id!, loose(q.variable)) }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/channels/${ID}/variable$`),
    call: (c, [id], q) => c.channels.setVariable(id!, q.variable!, q.value),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/channels/${ID}/rtp_statistics$`),
    call: (c, [id]) => c.channels.rtpStatistics(id!),
  },
  { method: 'GET', pattern: /^\/bridges$/, call: (c) => c.bridges.list() },
  { method: 'POST', pattern: /^\/bridges$/, call: (c, _p, q) => c.bridges.create(loose(q)) },
  { method: 'GET', pattern: new RegExp(`^/bridges/${ID}$`), call: (c, [id]) => c.bridges.get(id!) },
  { method: 'DELETE', pattern: new RegExp(`^/bridges/${ID}$`), call: (c, [id]) => c.bridges.destroy(id!) },
  {
    method: 'POST',
    pattern: new RegExp(`^/bridges/${ID}/addChannel$`),
    call: (c, [id], q) => c.bridges.addChannel(id!, loose({ ...q, channel: q.channel?.split(',') })),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/bridges/${ID}/removeChannel$`),
    call: (c, [id], q) => c.bridges.removeChannel(id!, loose(q.channel)),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/bridges/${ID}/moh$`),
    call: (c, [id], q) => c.bridges.startMoh(id!, q.mohClass),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/bridges/${ID}/moh$`),
    call: (c, [id]) => c.bridges.stopMoh(id!),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/bridges/${ID}/play(?:/${ID})?$`),
    call: (c, [id, playbackId], q) => c.bridges.play(id!, loose({ ...q, playbackId })),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/bridges/${ID}/record$`),
    call: (c, [id], q) =>
      c.bridges.record(
        id!,
        loose({
          ...q,
          maxDurationSeconds: num(q.maxDurationSeconds),
          maxSilenceSeconds: num(q.maxSilenceSeconds),
          beep: bool(q.beep),
        }),
      ),
  },
  { method: 'GET', pattern: /^\/recordings\/stored$/, call: (c) => c.recordings.listStored() },
  {
    method: 'GET',
    pattern: new RegExp(`^/recordings/stored/${ID}$`),
    call: (c, [n]) => c.recordings.getStored(n!),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/recordings/stored/${ID}$`),
    call: (c, [n]) => c.recordings.deleteStored(n!),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/recordings/stored/${ID}/file$`),
    call: (c, [n]) => c.recordings.getStoredFile(n!),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/recordings/live/${ID}$`),
    call: (c, [n]) => c.recordings.getLive(n!),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/recordings/live/${ID}/stop$`),
    call: (c, [n]) => c.recordings.stop(n!),
  },
  { method: 'GET', pattern: new RegExp(`^/playbacks/${ID}$`), call: (c, [id]) => c.playbacks.get(id!) },
  { method: 'DELETE', pattern: new RegExp(`^/playbacks/${ID}$`), call: (c, [id]) => c.playbacks.stop(id!) },
  { method: 'GET', pattern: /^\/endpoints$/, call: (c) => c.endpoints.list() },
  { method: 'GET', pattern: new RegExp(`^/endpoints/${ID}$`), call: (c, [t]) => c.endpoints.listByTech(t!) },
  {
    method: 'GET',
    pattern: new RegExp(`^/endpoints/${ID}/${ID}$`),
    call: (c, [t, r]) => c.endpoints.get(t!, r!),
  },
  { method: 'GET', pattern: /^\/applications$/, call: (c) => c.applications.list() },
  { method: 'GET', pattern: new RegExp(`^/applications/${ID}$`), call: (c, [n]) => c.applications.get(n!) },
  {
    method: 'POST',
    pattern: new RegExp(`^/applications/${ID}/subscription$`),
    call: (c, [n], q) => c.applications.subscribe(n!, q.eventSource!),
  },
  { method: 'GET', pattern: /^\/asterisk\/info$/, call: (c) => c.asterisk.info() },
  { method: 'GET', pattern: /^\/asterisk\/ping$/, call: (c) => c.asterisk.ping() },
];

/**
 * Re-issues one recorded REST call through the typed client method that would have made it
 * (falling back to `client.request` for operations the bridge never uses). Returns what the
 * typed method resolved to, so tests can compare it with the recorded answer.
 */
export function callAsRecorded(
  client: AriClient,
  method: string,
  pathWithQuery: string,
  body: unknown,
): Promise<unknown> {
  const url = new URL(pathWithQuery, 'http://recorded');
  const query = Object.fromEntries(url.searchParams) as Query;
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const params = match
      .slice(1)
      .map((p) => (p === undefined ? (undefined as unknown as string) : decodeURIComponent(p)));
    return route.call(client, params, query, body);
  }
  return client.request({
    operation: 'raw',
    method: method as HttpMethod,
    path: url.pathname,
    query,
    body: body ?? undefined,
  });
}
