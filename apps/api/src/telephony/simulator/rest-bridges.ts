import { createBridge, destroyBridge, joinBridge, leaveBridge, parseBridgeType } from './bridges';
import { recordingFormats, startPlayback, startRecording } from './media';
import type { SimChannel } from './model';
import {
  fail,
  findBridge,
  ID,
  ok,
  route,
  type RouteContext,
  type SimResponse,
  type SimRoute,
} from './rest-kit';

function create(ctx: RouteContext, id?: string): SimResponse {
  const type = parseBridgeType(ctx.query.type);
  const bridgeId = id ?? ctx.query.bridgeId;
  if (!type || (bridgeId && ctx.core.bridges.has(bridgeId))) {
    fail(500, `Unable to create bridge. Possible duplicate bridge id '${bridgeId ?? '(null)'}'`);
  }
  const bridge = createBridge(ctx.core, { id: bridgeId, type: type!, name: ctx.query.name });
  return ok(structuredClone(bridge.json));
}

/** `channel=a,b`: every id must exist (400) and be in Stasis (422), as the traces show. */
function channelsParam(ctx: RouteContext): SimChannel[] {
  const list = ctx.query.channel;
  if (!list) fail(400, 'Missing parameter channel');
  const channels = list!.split(',').map((id) => ctx.core.channels.get(id) ?? fail(400, 'Channel not found'));
  if (channels.some((c) => !c.inStasis)) fail(422, 'Channel not in Stasis application');
  return channels;
}

function play(ctx: RouteContext): SimResponse {
  const bridge = findBridge(ctx.core, ctx.params[0]);
  if (!ctx.query.media) fail(400, 'media parameter is required');
  const playback = startPlayback(ctx.core, {
    id: ctx.params[1] ?? ctx.query.playbackId,
    media: ctx.query.media!.split(','),
    targetUri: `bridge:${bridge.json.id}`,
    language: ctx.query.lang,
    apps: bridge.apps,
  });
  return ok(structuredClone(playback.json), 201);
}

function record(ctx: RouteContext): SimResponse {
  const { core, query } = ctx;
  const bridge = findBridge(core, ctx.params[0]);
  if (!query.name || !query.format) fail(400, 'Invalid parameters');
  if (!recordingFormats.has(query.format!)) fail(422, 'specified format is unknown on this system');
  const exists =
    core.liveRecordings.has(query.name!) ||
    (query.ifExists !== 'overwrite' && core.storedRecordings.has(query.name!));
  if (exists && query.ifExists !== 'append') {
    fail(409, `Recording '${query.name}' already exists and can not be overwritten`);
  }
  const recording = startRecording(core, {
    name: query.name!,
    format: query.format!,
    targetUri: `bridge:${bridge.json.id}`,
    maxDurationSeconds: Number(query.maxDurationSeconds ?? 0) || 0,
    apps: bridge.apps,
  });
  return ok(structuredClone(recording.json), 201);
}

export const bridgeRoutes: SimRoute[] = [
  route('GET', '/bridges', ({ core }) => ok([...core.bridges.values()].map((b) => structuredClone(b.json)))),
  route('POST', '/bridges', (ctx) => create(ctx)),
  route('GET', `/bridges/${ID}`, (ctx) => ok(structuredClone(findBridge(ctx.core, ctx.params[0]).json))),
  route('POST', `/bridges/${ID}`, (ctx) => create(ctx, ctx.params[0])),
  route('DELETE', `/bridges/${ID}`, (ctx) => {
    destroyBridge(ctx.core, findBridge(ctx.core, ctx.params[0]));
    return ok();
  }),
  route('POST', `/bridges/${ID}/addChannel`, (ctx) => {
    const bridge = findBridge(ctx.core, ctx.params[0]);
    for (const channel of channelsParam(ctx)) joinBridge(ctx.core, bridge, channel);
    return ok();
  }),
  route('POST', `/bridges/${ID}/removeChannel`, (ctx) => {
    const bridge = findBridge(ctx.core, ctx.params[0]);
    const channels = channelsParam(ctx);
    if (channels.some((c) => c.bridgeId !== bridge.json.id)) fail(422, 'Channel not in this bridge');
    for (const channel of channels) leaveBridge(ctx.core, channel, { hangup: false });
    return ok();
  }),
  route('POST', `/bridges/${ID}/moh`, (ctx) => {
    findBridge(ctx.core, ctx.params[0]).moh = ctx.query.mohClass ?? 'default';
    return ok();
  }),
  route('DELETE', `/bridges/${ID}/moh`, (ctx) => {
    const bridge = findBridge(ctx.core, ctx.params[0]);
    if (!bridge.moh) fail(409, "Bridge isn't playing music");
    bridge.moh = undefined;
    return ok();
  }),
  route('POST', `/bridges/${ID}/play`, play),
  route('POST', `/bridges/${ID}/play/${ID}`, play),
  route('POST', `/bridges/${ID}/record`, record),
];
