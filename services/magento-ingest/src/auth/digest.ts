// HTTP Digest authentication (RFC 7616, qop=auth, MD5 or SHA-256) for the generic webhook endpoint.
// Two kinds of client send it:
// - RFC clients (curl --digest, HTTP libraries) answer our 401 challenge: the nonce is one we issued, stateless
//   (issue time + HMAC, valid NONCE_TTL_MS), and `uri` must be the request target;
// - the Mageplaza Webhook module never reads a challenge: it sends a pre-computed MD5 Digest header built
//   from the realm, nonce, nc, cnonce, qop and opaque typed into the hook's admin form, with `uri` taken from
//   `parse_url($url)[2]`, which is always empty (Mageplaza Helper/Data.php getDigestAuthHeader,
//   github.com/mageplaza/magento-2-webhook). It is accepted when its nonce is the configured static nonce;
//   its `uri` is then whatever it says (the response covers it).
// Every comparison is constant-time; no secret is ever part of a result.
import { createHash, createHmac } from 'node:crypto';
import { safeEqual } from './signatures';

export const NONCE_TTL_MS = 5 * 60_000;

export interface DigestSettings {
  user: string;
  password: string;
  realm: string;
  /** The nonce configured in a Mageplaza hook (pre-computed Digest); absent = only issued nonces. */
  staticNonce?: string;
}

export interface DigestRequest {
  method: string;
  /** The request target as received (path and query). */
  url: string;
  authorization: string | undefined;
  now: number;
}

type Algorithm = 'MD5' | 'SHA-256';
const HASH: Record<Algorithm, string> = { MD5: 'md5', 'SHA-256': 'sha256' };
const h = (alg: Algorithm, s: string): string => createHash(HASH[alg]).update(s, 'utf8').digest('hex');

/** Keyed by the credentials, so every replica issues and accepts the same nonces without a shared store. */
const nonceKey = (s: DigestSettings): Buffer =>
  createHash('sha256').update(`m3mage-digest-nonce\0${s.user}\0${s.password}\0${s.realm}`).digest();

export function issueNonce(s: DigestSettings, now: number): string {
  const at = now.toString(36);
  return `${at}.${createHmac('sha256', nonceKey(s)).update(at).digest('base64url').slice(0, 32)}`;
}

function nonceState(s: DigestSettings, nonce: string, now: number): 'valid' | 'stale' | 'invalid' {
  const [at, mac, ...rest] = nonce.split('.');
  if (at === undefined || mac === undefined || rest.length > 0 || !/^[0-9a-z]{1,12}$/.test(at)) return 'invalid';
  if (!safeEqual(issueNonce(s, parseInt(at, 36)), nonce)) return 'invalid';
  const age = now - parseInt(at, 36);
  return age >= -60_000 && age <= NONCE_TTL_MS ? 'valid' : 'stale';
}

/** The `WWW-Authenticate` challenges of a 401, strongest first (RFC 7616 §3.7). */
export function digestChallenges(s: DigestSettings, now: number, stale = false): string[] {
  const nonce = issueNonce(s, now);
  const opaque = createHash('sha256').update(s.realm).digest('base64url').slice(0, 22);
  return (['SHA-256', 'MD5'] as const).map(
    (alg) =>
      `Digest realm="${s.realm}", qop="auth", algorithm=${alg}, nonce="${nonce}", opaque="${opaque}"${stale ? ', stale=true' : ''}`,
  );
}

/** `Digest k=v, k="v", …` → parameters (lower-case keys), or undefined when the header is not Digest. */
export function parseDigest(header: string | undefined): Record<string, string> | undefined {
  const m = /^Digest\s+(.*)$/is.exec(header?.trim() ?? '');
  if (!m?.[1]) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[1].matchAll(/([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/gi))
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  return params;
}

export type DigestVerdict = { ok: true } | { ok: false; reason: string; stale?: boolean };

export function verifyDigest(s: DigestSettings, req: DigestRequest): DigestVerdict {
  const p = parseDigest(req.authorization);
  if (!p) return { ok: false, reason: 'no Digest credentials' };
  const alg = (p.algorithm ?? 'MD5').toUpperCase();
  if (alg !== 'MD5' && alg !== 'SHA-256') return { ok: false, reason: `Digest algorithm ${alg} is not supported` };
  if (p.qop !== 'auth') return { ok: false, reason: 'Digest needs qop=auth' };
  if (p.userhash === 'true') return { ok: false, reason: 'Digest userhash is not supported' };
  for (const k of ['username', 'realm', 'nonce', 'uri', 'response', 'nc', 'cnonce'] as const)
    if (p[k] === undefined) return { ok: false, reason: `Digest credentials without ${k}` };
  const isStatic = s.staticNonce !== undefined && safeEqual(p.nonce!, s.staticNonce);
  if (!isStatic) {
    const state = nonceState(s, p.nonce!, req.now);
    if (state === 'invalid') return { ok: false, reason: 'Digest nonce was not issued here' };
    if (state === 'stale') return { ok: false, reason: 'Digest nonce expired', stale: true };
    if (p.uri !== req.url) return { ok: false, reason: 'Digest uri is not the request target' };
  }
  const a: Algorithm = alg;
  const ha1 = h(a, `${p.username}:${s.realm}:${s.password}`);
  const ha2 = h(a, `${req.method.toUpperCase()}:${p.uri}`);
  const expected = h(a, `${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
  // User, realm and response are all compared, so timing does not reveal which one was wrong.
  const userOk = safeEqual(p.username!, s.user);
  const realmOk = safeEqual(p.realm!, s.realm);
  const responseOk = safeEqual(p.response!.toLowerCase(), expected);
  return userOk && realmOk && responseOk ? { ok: true } : { ok: false, reason: 'wrong Digest credentials' };
}
