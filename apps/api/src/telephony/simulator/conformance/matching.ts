/** Event types compared by conformance; ChannelVarset and ChannelConnectedLine are left out, as in the timelines. */
export const KEY_TYPES = new Set([
  'StasisStart',
  'StasisEnd',
  'ChannelStateChange',
  'ChannelDialplan',
  'ChannelHangupRequest',
  'ChannelDestroyed',
  'ChannelEnteredBridge',
  'ChannelLeftBridge',
  'ChannelDtmfReceived',
  'ChannelHold',
  'ChannelUnhold',
  'Dial',
  'BridgeDestroyed',
  'BridgeBlindTransfer',
  'PlaybackStarted',
  'PlaybackFinished',
  'RecordingStarted',
  'RecordingFinished',
]);

type Named = { id: string; name: string };
type AnyEvent = Record<string, unknown> & {
  type: string;
  channel?: Named & { state: string };
  peer?: Named & { state: string };
  bridge?: { id: string; bridge_type: string; channels: string[] };
  playback?: { id: string; state: string; media_uri: string };
  recording?: { name: string; state: string; format: string };
};

const idPattern = /\d{10}\.\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** `PJSIP/1002-00000022` → `PJSIP/1002`; `Snoop/1795.7-00000001` → `Snoop`. */
export function nameStem(name: string): string {
  if (name.startsWith('Snoop/')) return 'Snoop';
  if (name.startsWith('Local/')) return name.replace(/-[0-9a-f]{8};(\d)$/, ';$1');
  return name.replace(/-[0-9a-f]{8}$/, '');
}

function subject(event: AnyEvent): Named | undefined {
  return event.type === 'Dial' ? event.peer : event.channel;
}

export function keyOf(event: AnyEvent): string | undefined {
  return subject(event)?.name ?? event.bridge?.id ?? event.playback?.id ?? event.recording?.name;
}

/** Recorded ids ↔ simulator ids for channels and bridges. */
export class IdMap {
  private readonly map = new Map<string, string>();
  private readonly taken = new Set<string>();

  add(recorded: string, simulated: string) {
    if (this.map.has(recorded) || this.taken.has(simulated)) return;
    this.map.set(recorded, simulated);
    this.taken.add(simulated);
  }

  has(recorded: string) {
    return this.map.has(recorded);
  }

  get(recorded: string): string {
    return this.map.get(recorded) ?? recorded;
  }

  translate(text: string): string {
    return text.replace(idPattern, (id) => this.get(id));
  }

  addFromLists(recorded: unknown[], simulated: unknown[]) {
    for (const item of recorded as Named[]) {
      if (!item?.name || this.has(item.id)) continue;
      const candidate = (simulated as Named[]).find(
        (s) => s?.name && !this.taken.has(s.id) && nameStem(s.name) === nameStem(item.name),
      );
      if (candidate) this.add(item.id, candidate.id);
    }
  }

  /** Whether a simulator event can be the counterpart of a recorded one (same entities). */
  couldBe(recorded: AnyEvent, simulated: AnyEvent): boolean {
    const pairs: Array<[Named | undefined, Named | undefined, boolean]> = [
      [subject(recorded), subject(simulated), true],
      [recorded.bridge as Named | undefined, simulated.bridge as Named | undefined, false],
    ];
    for (const [r, s, byName] of pairs) {
      if (!r || !s) continue;
      if (this.map.has(r.id)) {
        if (this.map.get(r.id) !== s.id) return false;
      } else if (this.taken.has(s.id) || (byName && nameStem(r.name) !== nameStem(s.name))) {
        return false;
      }
    }
    if (
      recorded.playback &&
      simulated.playback &&
      recorded.playback.media_uri !== simulated.playback.media_uri
    )
      return false;
    if (recorded.recording && simulated.recording && recorded.recording.name !== simulated.recording.name)
      return false;
    return true;
  }

  learn(recorded: AnyEvent, simulated: AnyEvent) {
    const r = subject(recorded);
    const s = subject(simulated);
    if (r && s) this.add(r.id, s.id);
    if (recorded.bridge && simulated.bridge) this.add(recorded.bridge.id, simulated.bridge.id);
  }
}

/** The fields that must agree; ids inside args are translated on the recorded side. */
export function keyFields(event: AnyEvent, ids: IdMap, simulated = false): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const who = subject(event);
  // Dial RINGING and the Ringing state change race each other in the recordings.
  if (who && 'state' in who && event.type !== 'Dial') fields.state = (who as { state: string }).state;
  if (Array.isArray(event.args))
    fields.args = simulated ? event.args : (event.args as string[]).map((a) => ids.translate(a));
  if (event.type === 'Dial') fields.dialstatus = event.dialstatus;
  if (event.bridge) fields.bridge = [event.bridge.bridge_type, event.bridge.channels.length];
  for (const key of ['cause', 'soft', 'digit', 'duration_ms']) {
    if (event[key] !== undefined || simulated) fields[key] = event[key];
  }
  if (event.playback) fields.playback = [event.playback.state, event.playback.media_uri];
  if (event.recording) fields.recording = [event.recording.state, event.recording.format];
  return fields;
}
