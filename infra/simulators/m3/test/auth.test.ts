import { afterEach, describe, expect, it } from 'vitest';
import { setup } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

const form = (o: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(o).toString(),
});

describe('ION API OAuth2', () => {
  it('issues a 2-hour Bearer token for the .ionapi password grant', async () => {
    ctx = await setup();
    expect(ctx.token.access_token).toMatch(/\S{20,}/);
    expect(ctx.token.refresh_token).toMatch(/\S{20,}/);
    const c = ctx.sim.credentials;
    const res = await ctx.sim.app.inject({
      method: 'POST',
      url: `/${c.tenant}/as/token.oauth2`,
      ...form({
        grant_type: 'password',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        username: c.serviceAccountKey,
        password: c.serviceAccountSecret,
      }),
    });
    expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
  });

  it('records token calls without their secrets', async () => {
    ctx = await setup();
    const [call] = ctx.sim.recorder.list({ pathPrefix: `/${ctx.sim.credentials.tenant}/as/` });
    expect(call?.body).toMatchObject({ grant_type: 'password', password: '[REDACTED]', client_secret: '[REDACTED]' });
    expect(JSON.stringify(ctx.sim.recorder.list())).not.toContain(ctx.sim.credentials.serviceAccountSecret);
  });

  it('rejects wrong client (401) and wrong service account (400 invalid_grant)', async () => {
    ctx = await setup();
    const c = ctx.sim.credentials;
    const url = `/${c.tenant}/as/token.oauth2`;
    const badClient = await ctx.sim.app.inject({
      method: 'POST',
      url,
      ...form({
        grant_type: 'password',
        client_id: c.clientId,
        client_secret: 'nope',
        username: c.serviceAccountKey,
        password: c.serviceAccountSecret,
      }),
    });
    expect(badClient.statusCode).toBe(401);
    expect(badClient.json()).toMatchObject({ error: 'invalid_client' });
    const badUser = await ctx.sim.app.inject({
      method: 'POST',
      url,
      ...form({
        grant_type: 'password',
        client_id: c.clientId,
        client_secret: c.clientSecret,
        username: c.serviceAccountKey,
        password: 'x',
      }),
    });
    expect(badUser.statusCode).toBe(400);
    expect(badUser.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('expires tokens on the injected clock and answers 401 invalid_token; refresh gives a working token', async () => {
    ctx = await setup();
    const path = 'MMS200MI/GetItmBasic?ITNO=ITM000001';
    expect((await ctx.v1(path)).statusCode).toBe(200);
    ctx.advance(7_199_000);
    expect((await ctx.v1(path)).statusCode).toBe(200);
    ctx.advance(1_000);
    const expired = await ctx.v1(path);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ error: 'invalid_token', error_description: 'Access token expired' });
    expect(expired.headers['www-authenticate']).toContain('invalid_token');

    const c = ctx.sim.credentials;
    const refreshed = await ctx.sim.app.inject({
      method: 'POST',
      url: `/${c.tenant}/as/token.oauth2`,
      ...form({
        grant_type: 'refresh_token',
        refresh_token: ctx.token.refresh_token,
        client_id: c.clientId,
        client_secret: c.clientSecret,
      }),
    });
    expect(refreshed.statusCode).toBe(200);
    const fresh = refreshed.json<{ access_token: string }>().access_token;
    const ok = await ctx.sim.app.inject({
      method: 'GET',
      url: `${ctx.gw}/execute/${path}`,
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(ok.statusCode).toBe(200);
    // refresh tokens are single-use
    const again = await ctx.sim.app.inject({
      method: 'POST',
      url: `/${c.tenant}/as/token.oauth2`,
      ...form({
        grant_type: 'refresh_token',
        refresh_token: ctx.token.refresh_token,
        client_id: c.clientId,
        client_secret: c.clientSecret,
      }),
    });
    expect(again.statusCode).toBe(400);
  });

  it('honours a configured lifetime, missing/unknown tokens, revoke and unknown tenants', async () => {
    ctx = await setup({ tokenLifetimeSeconds: 60 });
    ctx.advance(60_000);
    expect((await ctx.v1('MMS005MI/GetWarehouse?WHLO=100')).statusCode).toBe(401);
    const missing = await ctx.sim.app.inject({
      method: 'GET',
      url: `${ctx.gw}/execute/MMS005MI/GetWarehouse?WHLO=100`,
    });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ error_description: 'Missing access token' });
    const unknown = await ctx.sim.app.inject({
      method: 'GET',
      url: `${ctx.gw}/execute/MMS005MI/GetWarehouse?WHLO=100`,
      headers: { authorization: 'Bearer forged' },
    });
    expect(unknown.json()).toMatchObject({ error_description: 'Invalid access token' });

    const fresh = await setup();
    const c = fresh.sim.credentials;
    const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64');
    const revoke = await fresh.sim.app.inject({
      method: 'POST',
      url: `/${c.tenant}/as/revoke_token.oauth2`,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${fresh.token.access_token}&token_type_hint=access_token`,
    });
    expect(revoke.statusCode).toBe(200);
    expect((await fresh.v1('MMS005MI/GetWarehouse?WHLO=100')).statusCode).toBe(401);
    const otherTenant = await fresh.sim.app.inject({
      method: 'GET',
      url: '/OTHER_TST/M3/m3api-rest/execute/MMS005MI/GetWarehouse',
      headers: fresh.auth,
    });
    expect(otherTenant.statusCode).toBe(404);
    await fresh.sim.close();
  });

  it('accepts Basic M3 credentials on the direct /m3api-rest path only', async () => {
    ctx = await setup();
    const basic = { authorization: `Basic ${Buffer.from('M3SIM:m3sim').toString('base64')}` };
    const direct = await ctx.sim.app.inject({
      method: 'GET',
      url: '/m3api-rest/execute/MMS005MI/GetWarehouse?WHLO=100',
      headers: basic,
    });
    expect(direct.statusCode).toBe(200);
    const viaGateway = await ctx.sim.app.inject({
      method: 'GET',
      url: `${ctx.gw}/execute/MMS005MI/GetWarehouse?WHLO=100`,
      headers: basic,
    });
    expect(viaGateway.statusCode).toBe(401);
  });

  it('generates a .ionapi file pointing at the simulator', async () => {
    ctx = await setup();
    const f = ctx.sim.ionapi('http://127.0.0.1:9999');
    expect(f).toMatchObject({
      ti: 'M3SIM_TST',
      iu: 'http://127.0.0.1:9999',
      pu: 'http://127.0.0.1:9999/M3SIM_TST/as/',
      oa: 'authorization.oauth2',
      ot: 'token.oauth2',
      or: 'revoke_token.oauth2',
      v: '1.0',
      dt: '12',
    });
    expect(f.ci.startsWith(`${f.ti}~`)).toBe(true);
    expect(f.saak.startsWith(`${f.ti}#`)).toBe(true);
    expect(Object.keys(f).sort()).toEqual([
      'ci',
      'cn',
      'cs',
      'dt',
      'ev',
      'iu',
      'oa',
      'or',
      'ot',
      'pu',
      'saak',
      'sask',
      'ti',
      'v',
    ]);
  });
});
