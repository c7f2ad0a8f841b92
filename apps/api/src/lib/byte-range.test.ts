import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseByteRange, sliceStream } from './byte-range';

describe('parseByteRange', () => {
  it('reads one range of a known length', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseByteRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseByteRange(' Bytes = 1 - 2 ', 1000)).toEqual({ start: 1, end: 2 });
  });
  it('ignores what it cannot or need not honour: the whole body (200)', () => {
    for (const h of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'items=0-1',
      'bytes=0-1,5-9',
      'bytes=9-3',
      'bytes=a-b',
    ])
      expect(parseByteRange(h, 1000), String(h)).toBeNull();
  });
  it('a range past the end, or an empty suffix, is unsatisfiable (416)', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});

describe('sliceStream', () => {
  const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
  const chunked = () =>
    Readable.from([bytes.subarray(0, 7), bytes.subarray(7, 50), bytes.subarray(50, 51), bytes.subarray(51)]);
  const read = async (r: Readable) => {
    const parts: Buffer[] = [];
    for await (const c of r) parts.push(c as Buffer);
    return Buffer.concat(parts);
  };
  it('passes on exactly the asked bytes across chunk edges', async () => {
    for (const [start, end] of [
      [0, 99],
      [0, 0],
      [5, 8],
      [7, 50],
      [49, 51],
      [99, 99],
      [20, 80],
    ] as const)
      expect(
        (await read(sliceStream(chunked(), { start, end }))).equals(bytes.subarray(start, end + 1)),
        `${start}-${end}`,
      ).toBe(true);
  });
  it('stops reading the source once the range is complete', async () => {
    const source = chunked();
    expect((await read(sliceStream(source, { start: 0, end: 3 }))).length).toBe(4);
    expect(source.destroyed).toBe(true);
  });
});
