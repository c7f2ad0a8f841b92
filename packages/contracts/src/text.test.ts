import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { multiLineText, plainString, singleLineText, text, TEXT_KIND_KEY } from './common';

/** The hostile strings of RELIABILITY I1, each refused by the name rule. */
const hostileText: [string, string][] = [
  ['lone high surrogate', 'bad\ud800x'],
  ['lone low surrogate', 'bad\udc00x'],
  ['NUL', 'Q\u0000null'],
  ['C0 controls', 'a\u0007\u001bb'],
  ['C1 control', 'a\u0085b'],
  ['DEL', 'a\u007fb'],
  ['bidi override', 'abc\u202Egnp.exe'],
  ['bidi isolate', 'abc\u2067x'],
  ['zero-width only', '\u200b\u200d\u2060'],
  ['blank only', ' \u00a0 '],
];

describe('the text rule', () => {
  it.each(hostileText)('refuses a single-line name with %s', (_what, value) => {
    const schema = z.object({ name: singleLineText(80) });
    const result = schema.safeParse({ name: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });

  it('is what text() applies', () => {
    for (const [, value] of hostileText) expect(text(80).safeParse(value).success).toBe(false);
  });

  it('keeps ordinary names, accents, emoji and right-to-left scripts', () => {
    for (const value of ['Support', 'Zoë Ñuñez', '客服 2', 'Sales 🎧', 'שירות לקוחות', 'د. أحمد', 'Team\u200dJoin'])
      expect(singleLineText(80).parse(`  ${value} `)).toBe(value);
  });

  it('refuses line breaks and tabs in a single-line name, keeps them in multi-line text', () => {
    expect(singleLineText(80).safeParse('a\nb').success).toBe(false);
    expect(singleLineText(80).safeParse('a\tb').success).toBe(false);
    expect(multiLineText(500).parse('line 1\r\nline 2\n\tindented')).toBe('line 1\r\nline 2\n\tindented');
  });

  it.each(hostileText.filter(([what]) => what !== 'blank only'))('refuses %s in multi-line text', (_what, value) => {
    expect(multiLineText(500).safeParse(value).success).toBe(false);
  });

  it('lets multi-line text be empty (optional descriptions) but not invisible', () => {
    expect(multiLineText(500).parse('   ')).toBe('');
    expect(multiLineText(500).safeParse('\u200b').success).toBe(false);
  });

  it('keeps plain strings as they are but refuses lone surrogates and NUL', () => {
    expect(plainString().parse(' p@ss\u0007word ')).toBe(' p@ss\u0007word ');
    expect(plainString().parse('🔑')).toBe('🔑');
    for (const value of ['bad\ud800x', 'x\udfff', 'a\u0000b']) expect(plainString().safeParse(value).success).toBe(false);
  });

  it('tags the JSON Schema so the OpenAPI document says which fields are names', () => {
    const schema = z.toJSONSchema(
      z.object({ a: singleLineText(10).optional(), b: multiLineText(20).nullable(), c: plainString().max(5) }),
      { io: 'input' },
    ) as { properties: Record<string, Record<string, unknown> & { anyOf?: Record<string, unknown>[] }> };
    expect(schema.properties.a?.[TEXT_KIND_KEY]).toBe('single-line');
    expect(schema.properties.b?.anyOf?.[0]?.[TEXT_KIND_KEY]).toBe('multi-line');
    expect(schema.properties.c?.[TEXT_KIND_KEY]).toBe('plain');
    expect(schema.properties.c?.maxLength).toBe(5);
  });
});
