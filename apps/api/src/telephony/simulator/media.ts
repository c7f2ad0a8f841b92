import type { LiveRecording, Playback } from '../ari/types/models';
import type { SimCore } from './core';
import type { SimPlayback, SimRecording } from './model';

export const recordingFormats = new Set([
  'wav',
  'wav16',
  'gsm',
  'ulaw',
  'alaw',
  'sln',
  'g722',
  'g729',
  'wav49',
]);

/** Lengths of the stock prompts seen in the traces (ms); others play for 3 s. */
const soundLengths: Record<string, number> = {
  'hello-world': 1400,
  'demo-congrats': 10_000,
  'vm-nobodyavail': 2800,
  beep: 300,
};

/** How long a simulated media URI plays, in simulated ms. */
export function mediaDurationMs(media: string): number {
  const [scheme, value = ''] = media.split(/:(.*)/s);
  if (scheme === 'digits' || scheme === 'number') return 800 * Math.max(1, value.length);
  if (scheme === 'sound') return soundLengths[value] ?? 3000;
  return 3000;
}

export function startPlayback(
  core: SimCore,
  init: { id?: string; media: string[]; targetUri: string; language?: string; apps: Set<string> },
): SimPlayback {
  const json: Playback = {
    id: init.id ?? core.newId(),
    media_uri: init.media[0] ?? '',
    target_uri: init.targetUri,
    language: init.language ?? 'en',
    state: 'queued',
  };
  if (init.media.length > 1) json.next_media_uri = init.media[1];
  const playback: SimPlayback = { json, apps: init.apps };
  core.playbacks.set(json.id, playback);
  const total = init.media.reduce((sum, m) => sum + mediaDurationMs(m), 0);
  // Started follows the 201 answer, as on Asterisk.
  core.after(1, () => {
    if (!core.playbacks.has(json.id)) return;
    json.state = 'playing';
    core.emit('PlaybackStarted', { playback: structuredClone(json) }, playback.apps);
    playback.timer = core.after(total, () => finishPlayback(core, playback));
  });
  return playback;
}

/** Finished (state `done`), whether it ran out or was stopped (surprise 12). */
export function finishPlayback(core: SimCore, playback: SimPlayback) {
  if (!core.playbacks.delete(playback.json.id)) return;
  core.cancel(playback.timer);
  playback.json.state = 'done';
  delete playback.json.next_media_uri;
  core.emit('PlaybackFinished', { playback: structuredClone(playback.json) }, playback.apps);
}

export function stopPlaybacksOf(core: SimCore, targetUri: string) {
  for (const playback of [...core.playbacks.values()]) {
    if (playback.json.target_uri === targetUri) finishPlayback(core, playback);
  }
}

export function startRecording(
  core: SimCore,
  init: { name: string; format: string; targetUri: string; maxDurationSeconds: number; apps: Set<string> },
): SimRecording {
  const json: LiveRecording = {
    name: init.name,
    format: init.format,
    state: 'queued',
    target_uri: init.targetUri,
  };
  const recording: SimRecording = { json, apps: init.apps, startedAt: Date.now() };
  core.liveRecordings.set(init.name, recording);
  core.after(1, () => {
    if (!core.liveRecordings.has(init.name)) return;
    json.state = 'recording';
    core.emit('RecordingStarted', { recording: structuredClone(json) }, recording.apps);
  });
  if (init.maxDurationSeconds > 0) {
    recording.timer = core.after(init.maxDurationSeconds * 1000 + 1, () =>
      finishRecording(core, recording, 'done', init.maxDurationSeconds),
    );
  }
  return recording;
}

/** Stops a live recording; `done` keeps it as a stored recording, `canceled` discards it. */
export function finishRecording(
  core: SimCore,
  recording: SimRecording,
  state: 'done' | 'canceled',
  durationSeconds?: number,
) {
  if (!core.liveRecordings.delete(recording.json.name)) return;
  core.cancel(recording.timer);
  const elapsedMs = (Date.now() - recording.startedAt) / core.timeScale;
  const audioMs = durationSeconds !== undefined ? durationSeconds * 1000 : Math.max(0, elapsedMs);
  // Whole seconds recorded, truncated, as Asterisk reports it (samples written / 8000).
  const duration = durationSeconds ?? Math.floor(audioMs / 1000);
  recording.json.state = state;
  recording.json.duration = duration;
  if (state === 'done') {
    core.storedRecordings.set(recording.json.name, {
      name: recording.json.name,
      format: recording.json.format,
      durationSeconds: duration,
      audioMs,
    });
  }
  core.emit('RecordingFinished', { recording: structuredClone(recording.json) }, recording.apps);
}

export function finishRecordingsOf(core: SimCore, targetUri: string) {
  for (const recording of [...core.liveRecordings.values()]) {
    if (recording.json.target_uri === targetUri) finishRecording(core, recording, 'done');
  }
}

/**
 * The file of a stored recording: a PCM WAV of silence (8 kHz, 16-bit mono, the 44-byte header
 * Asterisk writes for `wav`) holding as much audio as was recorded, so its length agrees with the
 * reported duration as on Asterisk (data bytes = 16 per ms). Held to 10 minutes of audio (9.6 MB).
 */
export const MAX_SIM_RECORDING_MS = 10 * 60_000;
export function silentWav(audioMs: number): Buffer {
  const samples = Math.round(8 * Math.min(MAX_SIM_RECORDING_MS, Math.max(0, audioMs)));
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}
