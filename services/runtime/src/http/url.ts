import type { QueryValue } from './types';

/** baseUrl path prefix + request path + query string. Matrix params (`;a=b`) in `path` are kept as given. */
export function buildPath(base: URL, path: string, query?: Record<string, QueryValue>): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new TypeError('request path must be relative to the group baseUrl');
  const prefix = base.pathname.replace(/\/+$/, '');
  const rel = path.startsWith('/') ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const qs = params.toString();
  const sep = rel.includes('?') ? '&' : '?';
  return `${prefix}${rel}${qs ? `${sep}${qs}` : ''}`;
}
