import { Readable } from 'node:stream';

/** One satisfiable byte range of a body of known length, both ends inclusive. */
export type ByteRange = { start: number; end: number };

/**
 * Reads an HTTP `Range` header (RFC 9110 §14) against a body of `size` bytes:
 * - `null`: no usable range, answer the whole body with 200 (no header, another unit, a malformed
 *   value, or several ranges, which a server may ignore);
 * - `'unsatisfiable'`: answer 416 with `Content-Range: bytes *\/size`;
 * - otherwise the one range to answer with 206 (`bytes=a-b`, `bytes=a-`, `bytes=-n`; an end past
 *   the body is cut to its last byte).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (last !== '' && end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/**
 * The bytes `start..end` (inclusive) of a stream, read as they come: the bytes before are dropped,
 * and the source is destroyed once the range is complete (or when the result is destroyed).
 */
export function sliceStream(source: Readable, range: ByteRange): Readable {
  async function* slice() {
    let at = 0;
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      const from = Math.max(0, range.start - at);
      const to = Math.min(buf.length, range.end + 1 - at);
      at += buf.length;
      if (to > from) yield buf.subarray(from, to);
      // Leaving the loop destroys the source: the rest of the file is not read.
      if (at > range.end) return;
    }
  }
  return Readable.from(slice(), { objectMode: false });
}
