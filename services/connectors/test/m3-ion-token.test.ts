import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIonTokenSource } from '../src/m3';
import { grantsSeen, m3Rig, type M3Rig } from './support/m3-rig';

describe('ION API token source', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig({ tokenLifetimeSeconds: 7200 }, { refreshMarginMs: 300_000 });
  });
  afterEach(() => rig.close());

  it('uses the password grant once and caches the token', async () => {
    const a = await rig.tokens.token();
    const b = await rig.tokens.token();
    expect(a).toBe(b);
    expect(grantsSeen(rig.sim)).toEqual(['password']);
  });

  it('refreshes with the refresh_token grant before expiry', async () => {
    const first = await rig.tokens.token();
    rig.clock.now += 7200_000 - 299_000; // inside the 5-minute margin, still valid
    const second = await rig.tokens.token();
    expect(second).not.toBe(first);
    expect(grantsSeen(rig.sim)).toEqual(['password', 'refresh_token']);
  });

  it('falls back to the password grant when the refresh token is refused', async () => {
    await rig.tokens.token();
    rig.sim.tokens.clear(); // revokes access and refresh tokens
    rig.clock.now += 7200_000;
    await rig.tokens.token();
    expect(grantsSeen(rig.sim)).toEqual(['password', 'refresh_token', 'password']);
  });

  it('refreshes once for many concurrent callers (single flight)', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => rig.tokens.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(grantsSeen(rig.sim)).toEqual(['password']);
  });

  it('re-authenticates once after a 401, however many calls saw it', async () => {
    const token = await rig.tokens.token();
    for (let i = 0; i < 5; i++) rig.tokens.invalidate(token);
    const [a, b] = await Promise.all([rig.tokens.token(), rig.tokens.token()]);
    expect(a).toBe(b);
    expect(a).not.toBe(token);
    expect(grantsSeen(rig.sim)).toEqual(['password', 'password']);
    rig.tokens.invalidate(token); // an older token: ignored
    expect(await rig.tokens.token()).toBe(a);
  });

  it('reports refused client credentials as AUTH_FAILED without echoing secrets', async () => {
    const bad = { ...rig.ionapi, clientSecret: 'wrong-secret-value' };
    const source = createIonTokenSource({ http: rig.http, group: 'sso', credentials: bad });
    const err = await source.token().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AUTH_FAILED' });
    expect(String((err as Error).message)).not.toContain('wrong-secret-value');
    expect(String((err as Error).message)).toContain('invalid_client');
  });
});
