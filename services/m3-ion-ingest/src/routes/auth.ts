// Who may post BODs: a Bearer token and/or a Basic user, compared in constant time.
import { timingSafeEqual } from 'node:crypto';

export interface IngestAuth {
  bearer?: string;
  basic?: { user: string; password: string };
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** undefined when allowed; otherwise the reason (never echoing what was sent). */
export function checkAuth(auth: IngestAuth, header: string | undefined): string | undefined {
  if (!header) return 'Authorization header missing';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined) {
    return auth.bearer !== undefined && same(bearer, auth.bearer) ? undefined : 'Bearer token rejected';
  }
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header)?.[1];
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const ok =
      auth.basic !== undefined &&
      i > 0 &&
      same(decoded.slice(0, i), auth.basic.user) &&
      same(decoded.slice(i + 1), auth.basic.password);
    return ok ? undefined : 'Basic credentials rejected';
  }
  return 'Authorization scheme must be Bearer or Basic';
}

export function challenge(auth: IngestAuth): string {
  return [auth.bearer !== undefined ? 'Bearer realm="ion"' : undefined, auth.basic ? 'Basic realm="ion"' : undefined]
    .filter(Boolean)
    .join(', ');
}
