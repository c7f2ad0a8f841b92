import { endpointChannel, enterStasis, hangupChannel, ring } from './channels';
import type { SimCore } from './core';
import type { PhoneBehaviour, SimChannel } from './model';
import {
  fail,
  findChannel,
  ok,
  parseCallerId,
  resolveDialTarget,
  splitArgs,
  variablesOf,
  type RouteContext,
  type SimResponse,
} from './rest-kit';

/**
 * The lab phones chose their answer per INVITE from X-Lab-* headers the app added
 * (traces/README.txt); honouring them lets the recorded REST sequences replay unchanged.
 */
function behaviourFor(core: SimCore, channel: SimChannel, external: boolean): PhoneBehaviour {
  const header = (name: string) => channel.vars.get(`PJSIP_HEADER(add,X-Lab-${name})`) === 'yes';
  if (header('NoAnswer')) return { mode: 'noanswer' };
  if (header('Busy')) return { mode: 'busy', afterMs: 1000 };
  if (header('EarlyMedia')) return { mode: 'early-media', afterMs: 2000 };
  if (external) return core.externalBehaviour;
  return channel.endpoint?.behaviour ?? { mode: 'answer', afterMs: 1500 };
}

function newOutboundChannel(
  ctx: RouteContext,
  channelId?: string,
): { channel: SimChannel; external: boolean } {
  const { core, query } = ctx;
  if (!query.endpoint) fail(400, 'Endpoint must be specified');
  if (query.originator && query.formats) fail(400, "Originator and formats can't both be specified");
  if (channelId && core.channels.has(channelId)) fail(409, 'Channel with given unique ID already exists');
  const originator = query.originator ? core.channels.get(query.originator) : undefined;
  const target = resolveDialTarget(core, query.endpoint!);
  const callerId = parseCallerId(query.callerId);
  const channel = endpointChannel(core, target.endpoint, {
    app: query.app,
    linkedid: originator?.linkedid,
    variables: variablesOf(ctx.body),
    simulated: originator?.simulated,
    ...(callerId ? { caller: callerId, connected: callerId } : {}),
  });
  // Caller id set through variables, as the bridge does for agent legs.
  const vars = variablesOf(ctx.body);
  if (vars['CALLERID(num)'] !== undefined) channel.json.caller.number = vars['CALLERID(num)'];
  if (vars['CALLERID(name)'] !== undefined) channel.json.caller.name = vars['CALLERID(name)'];
  if (target.external) {
    channel.json.dialplan.exten = target.external;
    channel.json.connected = { name: '', number: target.external };
  }
  // As func_callerid: the leg's connected line is who the far end is shown (dialling with `caller` overwrites it).
  if (vars['CONNECTEDLINE(num)'] !== undefined) channel.json.connected.number = vars['CONNECTEDLINE(num)'];
  if (vars['CONNECTEDLINE(name)'] !== undefined) channel.json.connected.name = vars['CONNECTEDLINE(name)'];
  if (channelId) {
    core.channels.delete(channel.json.id);
    channel.json.id = channelId;
    channel.linkedid = originator?.linkedid ?? channelId;
    core.channels.set(channelId, channel);
  }
  return { channel, external: Boolean(target.external) };
}

export function originate(ctx: RouteContext, channelId?: string): SimResponse {
  const { core, query } = ctx;
  if (!query.endpoint) fail(400, 'Endpoint must be specified');
  if (!query.app && !query.extension) fail(400, 'Application or extension must be specified');
  const { channel, external } = newOutboundChannel(ctx, channelId ?? query.channelId);
  const response = ok(core.snapshot(channel));
  const timeout = Number(query.timeout);
  // Dial events follow the 200 answer; the channel enters Stasis only once answered.
  core.after(2, () =>
    ring(core, channel, {
      behaviour: behaviourFor(core, channel, external),
      originateInto: query.app ? { app: query.app, args: splitArgs(query.appArgs) } : undefined,
      timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : 30,
    }),
  );
  return response;
}

export function createInStasis(ctx: RouteContext): SimResponse {
  const { core, query } = ctx;
  const { channel } = newOutboundChannel(ctx, query.channelId);
  const response = ok(core.snapshot(channel));
  if (!query.app) {
    // Accepted without an app, then the channel dies at once (surprise 15).
    core.after(1, () => hangupChannel(core, channel, 'rejected'));
    return response;
  }
  const args = splitArgs(query.appArgs);
  const app = query.app;
  const enter = () => {
    if (!core.channels.has(channel.json.id)) return;
    channel.json.dialplan = {
      ...channel.json.dialplan,
      app_name: 'Stasis',
      app_data: [app, ...args].join(','),
    };
    core.channelEvent('ChannelDialplan', channel, {
      dialplan_app: 'Stasis',
      dialplan_app_data: [app, ...args].join(','),
    });
    enterStasis(core, channel, app, args, { varset: true });
  };
  if (core.createStasisDelayMs > 0) core.after(core.createStasisDelayMs, enter);
  else enter();
  return response;
}

export function dial(ctx: RouteContext): SimResponse {
  const { core, query } = ctx;
  const channel = findChannel(ctx.core, ctx.params[0], 'Channel cannot be found.');
  // Dial needs the channel's Stasis control: a created channel not in the app yet is refused.
  if (!channel.inStasis) fail(409, 'Channel not in Stasis application');
  if (channel.dialing || channel.answered || channel.json.state !== 'Down')
    fail(409, 'Channel cannot be dialed.');
  const caller = query.caller ? core.channels.get(query.caller) : undefined;
  const timeout = Number(query.timeout);
  const external = channel.endpoint?.resource === core.trunkEndpoint;
  ring(core, channel, {
    behaviour: behaviourFor(core, channel, external),
    timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : 0,
    caller,
  });
  return ok();
}
