import type { Application, Endpoint } from '../ari/types/models';
import type { SimCore } from './core';
import { finishPlayback, finishRecording, silentWav } from './media';
import type { SimEndpoint } from './model';
import { fail, ID, ok, route, type SimRoute } from './rest-kit';

export function endpointJson(core: SimCore, endpoint: SimEndpoint): Endpoint {
  const prefix = `${endpoint.technology}/${endpoint.resource}-`;
  return {
    technology: endpoint.technology,
    resource: endpoint.resource,
    state: endpoint.registered && endpoint.reachable ? 'online' : 'offline',
    channel_ids: [...core.channels.values()]
      .filter((c) => c.json.name.startsWith(prefix))
      .map((c) => c.json.id),
  };
}

function applicationJson(core: SimCore, name: string): Application {
  const channels = [...core.channels.values()].filter((c) => c.app === name && c.inStasis);
  const bridges = [...core.bridges.values()].filter((b) => b.apps.has(name));
  const sources = [...(core.subscriptions.get(name) ?? [])];
  return {
    name,
    channel_ids: channels.map((c) => c.json.id),
    bridge_ids: bridges.map((b) => b.json.id),
    endpoint_ids: sources.filter((s) => s.startsWith('endpoint:')).map((s) => s.slice('endpoint:'.length)),
    device_names: sources
      .filter((s) => s.startsWith('deviceState:'))
      .map((s) => s.slice('deviceState:'.length)),
    events_allowed: [],
    events_disallowed: [],
  };
}

function knownApp(core: SimCore, name: string | undefined): string {
  return name && core.knownApps.has(name) ? name : fail(404, 'Application not found');
}

function subscribe(core: SimCore, app: string, eventSource: string | undefined, add: boolean): Application {
  if (!eventSource) fail(400, 'Missing parameter eventSource');
  const sources = core.subscriptions.get(app) ?? new Set<string>();
  for (const source of eventSource!.split(',')) {
    const [scheme, target = ''] = source.split(/:(.*)/s);
    const exists =
      scheme === 'channel'
        ? core.channels.has(target) || target === ''
        : scheme === 'bridge'
          ? core.bridges.has(target) || target === ''
          : scheme === 'endpoint'
            ? // A technology exists once one of its endpoints is loaded: a fresh Asterisk whose
              // endpoints are all realtime has none until the first registers or calls (422).
              target === '' ||
              (target === 'PJSIP' && core.pjsipLoaded) ||
              core.endpoints.has(target.split('/')[1] ?? '')
            : scheme === 'deviceState';
    if (!['channel', 'bridge', 'endpoint', 'deviceState'].includes(scheme ?? ''))
      fail(400, 'Invalid event source URI scheme');
    if (!exists) fail(422, 'Event source does not exist');
    if (add) sources.add(source);
    else sources.delete(source);
  }
  core.subscriptions.set(app, sources);
  return applicationJson(core, app);
}

export const resourceRoutes: SimRoute[] = [
  route('GET', '/recordings/stored', ({ core }) =>
    ok([...core.storedRecordings.values()].map(({ name, format }) => ({ name, format }))),
  ),
  route('GET', `/recordings/stored/${ID}`, ({ core, params }) => {
    const stored = core.storedRecordings.get(params[0] ?? '') ?? fail(404, 'Recording not found');
    return ok({ name: stored.name, format: stored.format });
  }),
  route('DELETE', `/recordings/stored/${ID}`, ({ core, params }) =>
    core.storedRecordings.delete(params[0] ?? '') ? ok() : fail(404, 'Recording not found'),
  ),
  route('GET', `/recordings/stored/${ID}/file`, ({ core, params }) => {
    const stored = core.storedRecordings.get(params[0] ?? '') ?? fail(404, 'Recording not found');
    // As Asterisk 22: the whole file with its length, whatever a Range header asks (its HTTP
    // server has no ranges); the type is <media type>/<extension>.
    return { status: 200, raw: silentWav(stored.audioMs), headers: { 'content-type': `audio/${stored.format}` } };
  }),
  route('GET', `/recordings/live/${ID}`, ({ core, params }) => {
    const live = core.liveRecordings.get(params[0] ?? '') ?? fail(404, 'Recording not found');
    return ok(structuredClone(live.json));
  }),
  route('POST', `/recordings/live/${ID}/stop`, ({ core, params }) => {
    finishRecording(
      core,
      core.liveRecordings.get(params[0] ?? '') ?? fail(404, 'Recording not found'),
      'done',
    );
    return ok();
  }),
  route('DELETE', `/recordings/live/${ID}`, ({ core, params }) => {
    finishRecording(
      core,
      core.liveRecordings.get(params[0] ?? '') ?? fail(404, 'Recording not found'),
      'canceled',
    );
    return ok();
  }),
  route('GET', `/playbacks/${ID}`, ({ core, params }) =>
    ok(structuredClone((core.playbacks.get(params[0] ?? '') ?? fail(404, 'Playback not found')).json)),
  ),
  route('DELETE', `/playbacks/${ID}`, ({ core, params }) => {
    finishPlayback(core, core.playbacks.get(params[0] ?? '') ?? fail(404, 'Playback not found'));
    return ok();
  }),
  route('GET', '/endpoints', ({ core }) =>
    ok([...core.endpoints.values()].map((e) => endpointJson(core, e))),
  ),
  route('GET', `/endpoints/${ID}`, ({ core, params }) => {
    const list = [...core.endpoints.values()].filter((e) => e.technology === params[0]);
    return list.length ? ok(list.map((e) => endpointJson(core, e))) : fail(404, 'Endpoint not found');
  }),
  route('GET', `/endpoints/${ID}/${ID}`, ({ core, params }) => {
    const endpoint = core.endpoints.get(params[1] ?? '');
    if (!endpoint || endpoint.technology !== params[0]) fail(404, 'Endpoint not found');
    return ok(endpointJson(core, endpoint!));
  }),
  route('GET', '/applications', ({ core }) =>
    ok([...core.knownApps].map((name) => applicationJson(core, name))),
  ),
  route('GET', `/applications/${ID}`, ({ core, params }) =>
    ok(applicationJson(core, knownApp(core, params[0]))),
  ),
  route('POST', `/applications/${ID}/subscription`, ({ core, params, query }) =>
    ok(subscribe(core, knownApp(core, params[0]), query.eventSource, true)),
  ),
  route('DELETE', `/applications/${ID}/subscription`, ({ core, params, query }) =>
    ok(subscribe(core, knownApp(core, params[0]), query.eventSource, false)),
  ),
  route('GET', '/asterisk/ping', ({ core }) =>
    ok({ ping: 'pong', timestamp: core.now(), asterisk_id: core.asteriskId }),
  ),
  route('GET', '/asterisk/info', ({ core }) =>
    ok({
      system: { version: '22.10.1', entity_id: core.asteriskId },
      config: {
        name: 'switchboard-simulator',
        default_language: 'en',
        setid: { user: 'asterisk', group: 'asterisk' },
      },
      status: { startup_time: core.now(), last_reload_time: core.now() },
    }),
  ),
];
