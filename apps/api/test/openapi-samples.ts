import fc from 'fast-check';

/** The subset of JSON Schema (as generated from the zod contracts) that the fuzzer reads. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  /** Set by the contracts' text builders: single-line / multi-line names and free text, or plain. */
  'x-text'?: 'single-line' | 'multi-line' | 'plain';
};

let counter = 0;

function sampleString(name: string, s: JsonSchema): string {
  counter += 1;
  if (s.format === 'email' || /email/i.test(name)) return `fuzz-${counter}-${Date.now()}@example.com`;
  if (s.format === 'uuid' || /(^|_)id$/.test(name)) return '00000000-0000-7000-8000-00000000abcd';
  if (s.format === 'date-time') return new Date().toISOString();
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/hook';
  if (s.pattern) {
    const [value] = fc.sample(fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength ?? 32 }), 1);
    if (value !== undefined && value.length >= (s.minLength ?? 0)) return value;
  }
  const min = Math.max(s.minLength ?? 1, /password/i.test(name) ? 16 : 1);
  const base = /password/i.test(name) ? 'correct-horse-battery-staple-' : `fuzz${counter}`;
  const value = base.padEnd(min, 'x');
  return s.maxLength !== undefined ? value.slice(0, s.maxLength) : value;
}

/**
 * A plausible valid value for a schema: required properties filled with type-appropriate values.
 * It need not pass every refinement; the fuzzer only needs a realistic base to mutate.
 */
export function sampleFor(s: JsonSchema, name = ''): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length)
    return sampleFor(alternatives.find((a) => a.type !== 'null') ?? alternatives[0]!, name);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((p) => sampleFor(p, name)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sampleFor(s.properties?.[key] ?? {}, key);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleFor(s.items ?? {}, name));
    case 'string':
      return sampleString(name, s);
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return s.properties ? sampleFor({ ...s, type: 'object' }, name) : 'fuzz';
  }
}

const HUGE = 'A'.repeat(100_000);
const NESTED = { a: [{ b: { c: [[[{ d: null }]]], e: '\u0000\u202e' } }], f: { g: { h: { i: {} } } } };

/** Values of the wrong kind, oversize or hostile, to put into one field at a time. */
export const hostileValues: unknown[] = [
  null,
  123,
  -1e308,
  true,
  [],
  {},
  HUGE,
  NESTED,
  '\u0000',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  ['x', 1, null],
];

/** Random JSON documents of any shape. */
export const randomBodies = (runs: number) => fc.sample(fc.jsonValue({ maxDepth: 4 }), runs);

/**
 * Strings no name may hold (RELIABILITY I1), put into every string field of every body. None may
 * give a 5xx; a name-like field (x-text single-line or multi-line) answers 400 naming the field.
 */
export const hostileStrings: [string, string][] = [
  ['lone high surrogate', 'bad\ud800x'],
  ['lone low surrogate', 'bad\udc00x'],
  ['NUL', 'Q\u0000null'],
  ['C0 controls', 'a\u0007\u001bb'],
  ['C1 control', 'a\u0085b'],
  ['bidi override', 'abc\u202Egnp.exe'],
  ['zero-width only', '\u200b\u200c\u2060'],
];

/** One string leaf of a body schema: where it is, what it is, and a body that has a value there. */
export type StringSlot = { path: string; schema: JsonSchema; body: (value: string) => unknown };

function stringBranch(s: JsonSchema): JsonSchema | null {
  const types = [s.type].flat();
  if (types.includes('string')) return s;
  return (s.anyOf ?? s.oneOf ?? []).find((a) => [a.type].flat().includes('string')) ?? null;
}

/**
 * Every string leaf of a body schema, through nested objects, array items and union branches, each
 * with a builder that puts a value there inside an otherwise sampled body.
 */
export function stringSlots(s: JsonSchema, path = ''): StringSlot[] {
  const leaf = stringBranch(s);
  if (leaf) return [{ path, schema: leaf, body: (v) => v }];
  const out: StringSlot[] = [];
  for (const branch of s.anyOf ?? s.oneOf ?? []) out.push(...stringSlots(branch, path));
  const type = [s.type].flat();
  if (type.includes('object') || s.properties) {
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      for (const slot of stringSlots(child, path ? `${path}.${key}` : key)) {
        out.push({
          ...slot,
          body: (v) => ({ ...(sampleFor({ ...s, type: 'object' }) as Record<string, unknown>), [key]: slot.body(v) }),
        });
      }
    }
  }
  if (type.includes('array') && s.items) {
    for (const slot of stringSlots(s.items, `${path}.0`.replace(/^\./, ''))) {
      out.push({ ...slot, body: (v) => [slot.body(v)] });
    }
  }
  return out;
}

/** A string whose content the schema already pins down (pattern, enum, const, format). */
export const isConstrainedString = (s: JsonSchema) =>
  s.pattern !== undefined || s.enum !== undefined || s.const !== undefined || s.format !== undefined;
