// Value-level scrubber applied to every log record: masks secret-named keys (any case, at any depth),
// credentials inside strings (Bearer/Basic, key=value pairs) and payment card numbers (the runtime's one
// detector, src/privacy, which also masks data taken from Magento).
import { looksLikePan, maskCardNumbers, maskPan } from '../privacy';

export const REDACTED = '[REDACTED]';

/** Keys whose values are always masked (case-insensitive, substring). */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'authorization',
  'cookie',
  'apikey',
  'api_key',
  'api-key',
  'private_key',
  'privatekey',
  'credential',
  'signature',
];
/** Keys masked only on exact (case-insensitive) match: short .ionapi fields and the like. */
const SECRET_KEYS_EXACT = new Set(['cs', 'sask', 'saak', 'pwd', 'pass', 'auth', 'x-api-key']);

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return SECRET_KEYS_EXACT.has(k) || SECRET_KEY_PARTS.some((p) => k.includes(p));
}

const INLINE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer|Basic|Digest|OAuth)\s+[A-Za-z0-9._~+/=:,"-]{6,}/g, `$1 ${REDACTED}`],
  [
    /\b(password|passwd|client_secret|refresh_token|access_token|id_token|token|secret|sask|saak|cs|api_key|apikey)=[^&\s"',;]+/gi,
    `$1=${REDACTED}`,
  ],
];

export function scrubString(value: string): string {
  let out = value;
  for (const [re, replacement] of INLINE_PATTERNS) out = out.replace(re, replacement);
  return maskCardNumbers(out);
}

function scrubError(err: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) own[k] = v;
  const withJson = err as Error & { toJSON?: () => Record<string, unknown> };
  const base: Record<string, unknown> = {
    type: err.name,
    message: err.message,
    ...(typeof withJson.toJSON === 'function' ? withJson.toJSON() : own),
    stack: err.stack,
  };
  if (err.cause !== undefined) base['cause'] = err.cause;
  return scrubObject(base, depth, seen);
}

function scrubObject(obj: Record<string, unknown>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = isSecretKey(k) && v !== undefined && v !== null ? REDACTED : scrubValue(v, depth + 1, seen);
  return out;
}

export function scrubValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && looksLikePan(String(value)) ? maskPan(String(value)) : value;
  if (typeof value === 'bigint') return looksLikePan(value.toString()) ? maskPan(value.toString()) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 10) return '[Truncated]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return scrubError(value, depth, seen);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof Map) return scrubObject(Object.fromEntries(value) as Record<string, unknown>, depth, seen);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Class instances: headers objects and the like are still walked; others keep their JSON form.
    const json =
      typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (json !== value) return scrubValue(json, depth + 1, seen);
  }
  return scrubObject(value as Record<string, unknown>, depth, seen);
}
