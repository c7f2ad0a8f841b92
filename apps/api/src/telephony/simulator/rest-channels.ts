import {
  answerChannel,
  createChannel,
  enterStasis,
  hangupChannel,
  hangupReasonCauses,
  indicate,
  readVariable,
  setVariable,
} from './channels';
import { recordingFormats, startPlayback, startRecording } from './media';
import type { SimChannel } from './model';
import {
  fail,
  findChannel,
  ID,
  ok,
  route,
  splitArgs,
  stasisChannel,
  type RouteContext,
  type SimResponse,
  type SimRoute,
} from './rest-kit';
import { createInStasis, dial, originate } from './rest-originate';

function play(ctx: RouteContext): SimResponse {
  const channel = stasisChannel(ctx.core, ctx.params[0]);
  if (!ctx.query.media) fail(400, 'media parameter is required');
  const playback = startPlayback(ctx.core, {
    id: ctx.params[1] ?? ctx.query.playbackId,
    media: ctx.query.media!.split(','),
    targetUri: `channel:${channel.json.id}`,
    language: ctx.query.lang,
    apps: new Set([channel.app ?? ctx.core.defaultApp]),
  });
  return ok(structuredClone(playback.json), 201);
}

const spyDirections = new Set(['none', 'both', 'out', 'in']);

function snoop(ctx: RouteContext): SimResponse {
  const { core, query } = ctx;
  const target = findChannel(core, ctx.params[0]);
  if (query.spy && !spyDirections.has(query.spy)) fail(400, 'Invalid direction specified for spy');
  if (query.whisper && !spyDirections.has(query.whisper))
    fail(400, 'Invalid direction specified for whisper');
  if (!query.app) fail(400, 'Missing parameter app');
  const args = splitArgs(query.appArgs);
  // Snoop channels have context default, no accountcode and no tenantid (surprise 16).
  const channel = createChannel(core, {
    name: `Snoop/${target.json.id}-${core.nextSnoopSuffix()}`,
    state: 'Up',
    protocolId: '',
    caller: { name: '', number: '' },
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
    app: query.app,
    simulated: target.simulated,
  });
  if (ctx.params[1] ?? query.snoopId) {
    core.channels.delete(channel.json.id);
    channel.json.id = ctx.params[1] ?? query.snoopId!;
    core.channels.set(channel.json.id, channel);
  }
  enterStasis(core, channel, query.app!, args, { varset: false });
  return ok(core.snapshot(channel));
}

function redirect(ctx: RouteContext): SimResponse {
  const channel = stasisChannel(ctx.core, ctx.params[0]);
  const endpoint = ctx.query.endpoint;
  if (!endpoint) fail(400, 'Endpoint parameter not provided');
  const [tech, resource = ''] = endpoint!.split(/\/(.*)/s);
  if (tech !== channel.json.name.split('/')[0]) fail(422, 'Endpoint is not the same type as the channel');
  // Only an endpoint name or a sip: URI works; anything else is a silent no-op (surprise 3).
  if (!resource.startsWith('sip:') && !ctx.core.endpoints.has(resource)) return ok();
  ctx.core.after(500, () => hangupChannel(ctx.core, channel, 'redirect'));
  return ok();
}

function continueInDialplan(ctx: RouteContext): SimResponse {
  const { core, query } = ctx;
  const channel = stasisChannel(core, ctx.params[0]);
  channel.json.dialplan = {
    ...channel.json.dialplan,
    context: query.context ?? channel.json.dialplan.context,
    exten: query.extension ?? channel.json.dialplan.exten,
    priority: Number(query.priority ?? 1),
    app_name: '',
    app_data: '',
  };
  core.after(1, () => {
    if (!channel.inStasis) return;
    channel.inStasis = false;
    core.channelEvent('StasisEnd', channel);
    channel.app = undefined;
  });
  return ok();
}

function variable(ctx: RouteContext, write: boolean): SimResponse {
  const channel = findChannel(ctx.core, ctx.params[0]);
  const name = ctx.query.variable;
  if (!name) fail(400, 'Variable name is required');
  if (!write) {
    const value = readVariable(channel, name!);
    return value === undefined ? fail(404, 'Provided variable was not found') : ok({ value });
  }
  if (!channel.inStasis) fail(409, 'Channel not in Stasis application');
  setVariable(ctx.core, channel, name!, ctx.query.value ?? '');
  return ok();
}

/** Every RTPstat counter at zero: the simulator carries no media. */
function rtpStatistics(): Record<string, number> {
  const stats: Record<string, number> = { local_ssrc: 1, remote_ssrc: 0 };
  for (const name of [
    'txcount',
    'rxcount',
    'txploss',
    'rxploss',
    'txoctetcount',
    'rxoctetcount',
    'txjitter',
    'rxjitter',
    'rtt',
    'txmes',
    'rxmes',
  ]) {
    stats[name] = 0;
  }
  for (const side of ['remote', 'local']) {
    for (const metric of ['jitter', 'rxploss', 'mes']) {
      for (const kind of ['max', 'min', 'normdev', 'stdev']) stats[`${side}_${kind}${metric}`] = 0;
    }
  }
  for (const kind of ['max', 'min', 'normdev', 'stdev']) stats[`${kind}rtt`] = 0;
  return stats;
}

/** Small operations: check the channel is in Stasis, flip a flag, answer 204 with no event. */
function flag(update: (channel: SimChannel, ctx: RouteContext) => void) {
  return (ctx: RouteContext) => {
    update(stasisChannel(ctx.core, ctx.params[0]), ctx);
    return ok();
  };
}

export const channelRoutes: SimRoute[] = [
  route('GET', '/channels', ({ core }) => ok([...core.channels.values()].map((c) => core.snapshot(c)))),
  route('POST', '/channels', (ctx) => originate(ctx)),
  route('POST', '/channels/create', createInStasis),
  route('GET', `/channels/${ID}`, (ctx) => ok(ctx.core.snapshot(findChannel(ctx.core, ctx.params[0])))),
  route('POST', `/channels/${ID}`, (ctx) => originate(ctx, ctx.params[0])),
  route('DELETE', `/channels/${ID}`, (ctx) => {
    const channel = findChannel(ctx.core, ctx.params[0]);
    const { reason, reason_code: code } = ctx.query;
    if (reason && !Object.hasOwn(hangupReasonCauses, reason)) fail(400, 'Invalid reason for hangup provided');
    hangupChannel(
      ctx.core,
      channel,
      'app',
      code ? Number(code) : reason ? hangupReasonCauses[reason] : undefined,
    );
    return ok();
  }),
  route('POST', `/channels/${ID}/dial`, dial),
  route(
    'POST',
    `/channels/${ID}/answer`,
    flag((c, ctx) => answerChannel(ctx.core, c)),
  ),
  route(
    'POST',
    `/channels/${ID}/ring`,
    flag((c) => indicate(c, 'ringing')),
  ),
  route(
    'DELETE',
    `/channels/${ID}/ring`,
    flag((c) => indicate(c, 'stop-ringing')),
  ),
  route(
    'POST',
    `/channels/${ID}/progress`,
    flag((c) => indicate(c, 'progress')),
  ),
  route(
    'POST',
    `/channels/${ID}/hold`,
    flag((c) => (c.ariHold = true)),
  ),
  route(
    'DELETE',
    `/channels/${ID}/hold`,
    flag((c) => (c.ariHold = false)),
  ),
  route(
    'POST',
    `/channels/${ID}/moh`,
    flag((c, ctx) => (c.moh = ctx.query.mohClass ?? 'default')),
  ),
  route(
    'DELETE',
    `/channels/${ID}/moh`,
    flag((c) => (c.moh = undefined)),
  ),
  route(
    'POST',
    `/channels/${ID}/silence`,
    flag(() => undefined),
  ),
  route(
    'DELETE',
    `/channels/${ID}/silence`,
    flag(() => undefined),
  ),
  route(
    'POST',
    `/channels/${ID}/mute`,
    flag((c, ctx) => (c.muted = (ctx.query.direction as SimChannel['muted']) ?? 'both')),
  ),
  route(
    'DELETE',
    `/channels/${ID}/mute`,
    flag((c) => (c.muted = undefined)),
  ),
  route(
    'POST',
    `/channels/${ID}/dtmf`,
    flag((_c, ctx) => ctx.query.dtmf || fail(400, 'DTMF is required')),
  ),
  route('POST', `/channels/${ID}/play`, play),
  route('POST', `/channels/${ID}/play/${ID}`, play),
  route('POST', `/channels/${ID}/record`, (ctx) => {
    const channel = stasisChannel(ctx.core, ctx.params[0]);
    const { name, format } = ctx.query;
    if (!name || !format) fail(400, 'Invalid parameters');
    if (!recordingFormats.has(format!)) fail(422, 'specified format is unknown on this system');
    if (ctx.core.liveRecordings.has(name!))
      fail(409, `Recording '${name}' already exists and can not be overwritten`);
    const recording = startRecording(ctx.core, {
      name: name!,
      format: format!,
      targetUri: `channel:${channel.json.id}`,
      maxDurationSeconds: Number(ctx.query.maxDurationSeconds ?? 0) || 0,
      apps: new Set([channel.app ?? ctx.core.defaultApp]),
    });
    return ok(structuredClone(recording.json), 201);
  }),
  route('POST', `/channels/${ID}/snoop`, snoop),
  route('POST', `/channels/${ID}/snoop/${ID}`, snoop),
  route('POST', `/channels/${ID}/redirect`, redirect),
  route('POST', `/channels/${ID}/continue`, continueInDialplan),
  route('GET', `/channels/${ID}/variable`, (ctx) => variable(ctx, false)),
  route('GET', `/channels/${ID}/rtp_statistics`, (ctx) => {
    const channel = findChannel(ctx.core, ctx.params[0], 'Channel cannot be found.');
    return ok({ ...rtpStatistics(), channel_uniqueid: channel.json.id });
  }),
  route('POST', `/channels/${ID}/variable`, (ctx) => variable(ctx, true)),
];
