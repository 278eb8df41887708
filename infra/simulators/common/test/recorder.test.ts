import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../recorder';

const call = (path: string, headers: Record<string, string> = {}) => ({
  at: 1,
  method: 'GET',
  path,
  query: {},
  headers,
  body: undefined,
  status: 200,
});

describe('CallRecorder', () => {
  it('redacts Authorization but keeps the scheme', () => {
    const r = new CallRecorder();
    r.record(call('/a', { Authorization: 'Bearer secret-token', 'x-other': 'v' }));
    r.record(call('/b', { authorization: 'opaque' }));
    const [a, b] = r.list();
    expect(a?.headers).toEqual({ Authorization: 'Bearer [REDACTED]', 'x-other': 'v' });
    expect(b?.headers.authorization).toBe('[REDACTED]');
    expect(JSON.stringify(r.list())).not.toContain('secret-token');
  });

  it('redacts secret fields of object bodies (token forms, admin logins)', () => {
    const r = new CallRecorder();
    r.record({ ...call('/t'), body: { grant_type: 'password', username: 'u', password: 'p', client_secret: 's' } });
    r.record({ ...call('/raw'), body: 'password=p' });
    expect(r.list()[0]?.body).toEqual({
      grant_type: 'password',
      username: 'u',
      password: '[REDACTED]',
      client_secret: '[REDACTED]',
    });
    expect(r.list()[1]?.body).toBe('password=p');
  });

  it('filters by path prefix, resets, and bounds its size', () => {
    const r = new CallRecorder({ max: 2 });
    r.record(call('/m3api-rest/x'));
    r.record(call('/other'));
    r.record(call('/m3api-rest/y'));
    expect(r.list().map((c) => c.path)).toEqual(['/other', '/m3api-rest/y']);
    expect(r.list({ pathPrefix: '/m3api' }).map((c) => c.path)).toEqual(['/m3api-rest/y']);
    r.reset();
    expect(r.list()).toEqual([]);
  });
});
