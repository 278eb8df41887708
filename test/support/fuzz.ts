// Generated malformed input for the inbound endpoints' fuzz suites: a seeded PRNG (deterministic in `npm test`)
// and mutators over a valid body — truncated, deeply nested, huge, wrong types, bad encodings, entity expansion.
// FUZZ_ITERATIONS (cases per endpoint) and FUZZ_SEED override the defaults for the long nightly run.

/** mulberry32: small, fast, good enough to pick mutations; the same seed gives the same cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzSettings {
  iterations: number;
  seed: number;
  /** A test timeout that fits the iterations (the long mode runs far past vitest's defaults). */
  timeoutMs: number;
}

/** Iterations and seed: the suite's defaults unless FUZZ_ITERATIONS / FUZZ_SEED are set. */
export function fuzzSettings(defaultIterations: number, defaultSeed = 20261204): FuzzSettings {
  const n = Number(process.env['FUZZ_ITERATIONS']);
  const s = Number(process.env['FUZZ_SEED']);
  const iterations = Number.isInteger(n) && n > 0 ? n : defaultIterations;
  return { iterations, seed: Number.isInteger(s) ? s : defaultSeed, timeoutMs: 60_000 + iterations * 100 };
}

export class Picker {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(0, 255)));
  }
}

export interface FuzzCase {
  kind: string;
  body: Buffer;
}

/** Byte sequences that are not UTF-8, or are UTF-8 of awkward code points. */
const BAD_BYTES = [
  [0xff],
  [0xc3], // truncated two-byte sequence
  [0xc0, 0xaf], // overlong "/"
  [0xed, 0xa0, 0x80], // lone surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xfe, 0xff], // UTF-16 BOM
  [0x00],
  [0xe2, 0x80, 0xae], // right-to-left override (valid UTF-8)
].map((b) => Buffer.from(b));

/** Mutations that do not care about the format. */
function byteMutation(p: Picker, valid: Buffer): FuzzCase {
  const at = p.int(0, valid.length);
  switch (p.int(0, 7)) {
    case 0:
      return { kind: 'truncated', body: valid.subarray(0, at) };
    case 1: {
      const copy = Buffer.from(valid);
      for (let i = p.int(1, 8); i > 0; i--) copy[p.int(0, copy.length - 1)] = p.int(0, 255);
      return { kind: 'bytes flipped', body: copy };
    }
    case 2:
      return {
        kind: 'bad encoding',
        body: Buffer.concat([valid.subarray(0, at), p.pick(BAD_BYTES), valid.subarray(at)]),
      };
    case 3:
      return { kind: 'latin1 re-encoded', body: Buffer.from(valid.toString('utf8').replace(/e/g, 'é'), 'latin1') };
    case 4:
      return { kind: 'utf16', body: Buffer.from(valid.toString('utf8'), 'utf16le') };
    case 5: {
      const from = p.int(0, valid.length);
      const slice = valid.subarray(from, Math.min(valid.length, from + p.int(1, 200)));
      return { kind: 'slice repeated', body: Buffer.concat([valid.subarray(0, at), slice, slice, valid.subarray(at)]) };
    }
    case 6:
      return { kind: 'random bytes', body: p.bytes(p.int(0, 2048)) };
    default:
      return { kind: 'empty or blank', body: Buffer.from(p.pick(['', ' ', '\n\t', '\u0000'])) };
  }
}

const WEIRD_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  2 ** 53 + 2,
  '',
  ' ',
  'x'.repeat(5000),
  '١٢٣',
  '\u0000',
  '<script>',
  '9'.repeat(400),
  [],
  {},
  [[[]]],
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
];

/** JSON text nested `depth` levels (built as text: JSON.stringify itself overflows the stack on deep values). */
const nestedJsonText = (depth: number, asArray: boolean): string =>
  asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const HOLE = '\u0000fuzz-hole\u0000';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths to every value in a JSON tree (objects and arrays included). */
function paths(v: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setAt(root: Json, path: Array<string | number>, value: unknown): Json {
  if (path.length === 0) return value as Json;
  let cur = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, Json>;
  cur[path.at(-1)!] = value as Json;
  return root;
}

/** A JSON body with one value replaced: a wrong type, a deep nesting, a huge string, a prototype key. */
export function jsonMutation(p: Picker, validJson: string): FuzzCase {
  const tree = JSON.parse(validJson) as Json;
  const all = paths(tree);
  const path = p.pick(all);
  switch (p.int(0, 4)) {
    case 0:
      return {
        kind: `wrong type at ${path.join('.')}`,
        body: Buffer.from(JSON.stringify(setAt(tree, path, p.pick(WEIRD_VALUES)))),
      };
    case 1: {
      const depth = p.pick([50, 101, 1000, 10_000]);
      const text = JSON.stringify(setAt(tree, path, HOLE)).replace(
        JSON.stringify(HOLE),
        nestedJsonText(depth, p.chance(0.5)),
      );
      return { kind: `nested ${depth} at ${path.join('.')}`, body: Buffer.from(text) };
    }
    case 2:
      return {
        kind: `huge string at ${path.join('.')}`,
        body: Buffer.from(JSON.stringify(setAt(tree, path, 'A'.repeat(p.pick([70_000, 900_000]))))),
      };
    case 3: {
      const text = JSON.stringify(tree);
      const key = p.pick(['"__proto__"', '"constructor"', '"prototype"']);
      return { kind: `key ${key}`, body: Buffer.from(text.replace(/^\{/, `{${key}:{"isAdmin":true},`)) };
    }
    default:
      return {
        kind: 'duplicate keys',
        body: Buffer.from(JSON.stringify(tree).replace(/^\{/, '{"data":1,"id":[],"type":{},"specversion":2,')),
      };
  }
}

/** XML constructs parsers must refuse or survive: entity expansion, external entities, deep nesting. */
const XML_ATTACKS: ReadonlyArray<(p: Picker) => string> = [
  () =>
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
    ']><r>&lol9;</r>',
  () => '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>',
  () => '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]><r/>',
  (p) => `${'<a>'.repeat(p.pick([101, 102, 5000]))}${'</a>'.repeat(p.pick([101, 102, 5000]))}`,
  (p) => `<r>${'&amp;'.repeat(p.int(1, 50_000))}</r>`,
  (p) => `<r>${'&#x10FFFF;&#0;&#xD800;'.repeat(p.int(1, 100))}</r>`,
  () => '<__proto__><polluted>1</polluted></__proto__>',
  () => '<r constructor="x"><prototype/></r>',
  () => '<![CDATA[<r>]]>',
  () => '<?xml-stylesheet href="x"?><r/><r/>',
];

/** An XML body: an attack construct inside or instead of the valid one, or the valid one deformed. */
export function xmlMutation(p: Picker, validXml: string): FuzzCase {
  const attack = p.pick(XML_ATTACKS)(p);
  switch (p.int(0, 3)) {
    case 0:
      return { kind: 'xml attack alone', body: Buffer.from(attack) };
    case 1: {
      const close = validXml.indexOf('</', validXml.length / 2);
      return {
        kind: 'xml attack inside',
        body: Buffer.from(`${validXml.slice(0, close)}${attack}${validXml.slice(close)}`),
      };
    }
    case 2:
      return {
        kind: 'attribute values deformed',
        body: Buffer.from(validXml.replace(/="[^"]*"/g, () => `="${String(p.pick(WEIRD_VALUES))}"`)),
      };
    default:
      return {
        kind: 'element text deformed',
        body: Buffer.from(validXml.replace(/>([^<\s][^<]*)</g, () => `>${String(p.pick(WEIRD_VALUES))}<`)),
      };
  }
}

/** One case: a format-aware mutation most of the time, a byte-level one otherwise. */
export function mutate(p: Picker, valid: string, format: 'json' | 'xml'): FuzzCase {
  if (p.chance(0.35)) return byteMutation(p, Buffer.from(valid));
  return format === 'json' ? jsonMutation(p, valid) : xmlMutation(p, valid);
}

/** Resolves with the result, or rejects when `ms` passes first: a hang is a failure, not a stuck suite. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
