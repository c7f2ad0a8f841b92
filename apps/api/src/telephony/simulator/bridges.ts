import type { Bridge } from '../ari/types/models';
import { setConnected } from './channels';
import type { SimCore } from './core';
import { finishRecordingsOf, stopPlaybacksOf } from './media';
import type { SimBridge, SimChannel } from './model';

const bridgeTypes = new Set(['mixing', 'holding', 'dtmf_events', 'proxy_media', 'video_sfu', 'video_single']);

/** Parses `type=mixing,dtmf_events`; undefined when a part is unknown (Asterisk answers 500). */
export function parseBridgeType(type: string | undefined): 'mixing' | 'holding' | undefined {
  const parts = (type ?? 'mixing')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !bridgeTypes.has(p))) return undefined;
  return parts.includes('holding') ? 'holding' : 'mixing';
}

export function createBridge(
  core: SimCore,
  init: { id?: string; type: 'mixing' | 'holding'; name?: string },
): SimBridge {
  const json: Bridge = {
    id: init.id ?? core.newId(),
    technology: init.type === 'holding' ? 'holding_bridge' : 'simple_bridge',
    bridge_type: init.type,
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: init.name ?? '',
    channels: [],
    creationtime: core.now(),
    video_mode: 'talker',
  };
  const bridge: SimBridge = { json, apps: new Set(), memberHungUp: false };
  core.bridges.set(json.id, bridge);
  core.emit('BridgeCreated', { bridge: structuredClone(json) }, [], true);
  return bridge;
}

function bridgeSnapshot(bridge: SimBridge): Bridge {
  return structuredClone(bridge.json);
}

/** A channel leaves its bridge (removeChannel, a move, hang-up or destroy). */
export function leaveBridge(core: SimCore, channel: SimChannel, opts: { hangup: boolean }) {
  const bridge = channel.bridgeId ? core.bridges.get(channel.bridgeId) : undefined;
  channel.bridgeId = undefined;
  if (!bridge) return;
  bridge.json.channels = bridge.json.channels.filter((id) => id !== channel.json.id);
  if (opts.hangup) bridge.memberHungUp = true;
  // Bridge music stops by itself once nobody is left to hear it (surprise 12).
  if (bridge.json.channels.length === 0) bridge.moh = undefined;
  core.emit('ChannelLeftBridge', { bridge: bridgeSnapshot(bridge), channel: core.snapshot(channel) }, [
    channel.app,
  ]);
  const remaining = bridge.json.channels.map((id) => core.channels.get(id)).filter(Boolean) as SimChannel[];
  if (remaining.length === 1 && bridge.json.bridge_type === 'mixing' && !opts.hangup) {
    const [other] = remaining;
    if (other) setConnected(core, other, { name: '', number: '' });
  }
}

/** Adds a channel, moving it out of any other bridge first (as Asterisk does). */
export function joinBridge(core: SimCore, bridge: SimBridge, channel: SimChannel) {
  if (channel.bridgeId === bridge.json.id) return;
  if (channel.bridgeId) leaveBridge(core, channel, { hangup: false });
  channel.bridgeId = bridge.json.id;
  bridge.json.channels.push(channel.json.id);
  if (channel.app) bridge.apps.add(channel.app);
  core.emit('ChannelEnteredBridge', { bridge: bridgeSnapshot(bridge), channel: core.snapshot(channel) }, [
    channel.app,
  ]);
  if (bridge.json.bridge_type === 'mixing' && bridge.json.channels.length === 2) {
    const other = core.channels.get(bridge.json.channels[0] ?? '');
    if (other && other !== channel) setConnected(core, other, channel.json.caller);
  }
}

export function destroyBridge(core: SimCore, bridge: SimBridge) {
  const hadMembers = bridge.json.channels.length > 0;
  for (const id of [...bridge.json.channels]) {
    const channel = core.channels.get(id);
    if (channel) leaveBridge(core, channel, { hangup: false });
  }
  stopPlaybacksOf(core, `bridge:${bridge.json.id}`);
  finishRecordingsOf(core, `bridge:${bridge.json.id}`);
  core.bridges.delete(bridge.json.id);
  const apps = hadMembers || bridge.memberHungUp ? bridge.apps : new Set<string>();
  core.emit('BridgeDestroyed', { bridge: bridgeSnapshot(bridge) }, apps);
}
