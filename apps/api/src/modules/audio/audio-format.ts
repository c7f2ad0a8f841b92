import type { AudioContentType } from '@switchboard/contracts';

/** Bytes needed by `detectAudioType`. */
export const SNIFF_BYTES = 12;

/**
 * The audio type the content really is, from its first bytes (RELIABILITY U2), or null.
 * WAV: "RIFF" …. "WAVE"; Ogg: "OggS"; MP3: an ID3v2 tag or an MPEG audio frame sync
 * (11 set bits, a defined version and layer, so AAC/ADTS and random 0xFF bytes do not pass).
 */
export function detectAudioType(head: Buffer): AudioContentType | null {
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return 'audio/wav';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'OggS') return 'audio/ogg';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'audio/mpeg';
  if (head.length >= 3 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0) {
    const version = (head[1]! >> 3) & 0b11;
    const layer = (head[1]! >> 1) & 0b11;
    const bitrate = head[2]! >> 4;
    const sampleRate = (head[2]! >> 2) & 0b11;
    if (version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11) return 'audio/mpeg';
  }
  return null;
}

export const audioExtensions: Record<AudioContentType, string> = {
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
};

/** What clients may send as the upload's Content-Type (the stored type is the detected one). */
export const acceptedUploadTypes = new Set([
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/vnd.wave',
  'audio/mpeg',
  'audio/mp3',
  'audio/ogg',
  'application/ogg',
]);
