import { createM3Simulator, type M3SimulatorOptions } from '../src/index';

export const T0 = Date.UTC(2026, 4, 15, 10, 0, 0);

/** A simulator with a controllable clock and a ready access token. */
export async function setup(opts: M3SimulatorOptions = {}) {
  let t = T0;
  const sim = createM3Simulator({ now: () => t, ...opts });
  const c = sim.credentials;
  const tokenRes = await sim.app.inject({
    method: 'POST',
    url: `/${c.tenant}/as/token.oauth2`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'password',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      username: c.serviceAccountKey,
      password: c.serviceAccountSecret,
    }).toString(),
  });
  const token = tokenRes.json<{ access_token: string; refresh_token: string }>();
  const auth = { authorization: `Bearer ${token.access_token}` };
  const gw = `/${c.tenant}/M3/m3api-rest`;
  /** GET an MI v1 path like `CRS610MI/GetBasicData?CUNO=X` through the gateway. */
  const v1 = async (path: string) => sim.app.inject({ method: 'GET', url: `${gw}/execute/${path}`, headers: auth });
  const v2 = async (path: string) => sim.app.inject({ method: 'GET', url: `${gw}/v2/execute/${path}`, headers: auth });
  return {
    sim,
    token,
    auth,
    gw,
    v1,
    v2,
    advance: (ms: number) => (t += ms),
    now: () => t,
  };
}

export interface V1Body {
  Program: string;
  Transaction: string;
  Metadata?: { Field: Array<{ '@name': string; '@type': string; '@length': number; '@description': string }> };
  MIRecord: Array<{ RowIndex: number; NameValue: Array<{ Name: string; Value: string }> }>;
}

/** NameValue list → trimmed record, as a client would read it. */
export const rec = (body: V1Body, row = 0): Record<string, string> =>
  Object.fromEntries((body.MIRecord[row]?.NameValue ?? []).map((nv) => [nv.Name, nv.Value.trimEnd()]));

export const raw = (body: V1Body, row = 0): Record<string, string> =>
  Object.fromEntries((body.MIRecord[row]?.NameValue ?? []).map((nv) => [nv.Name, nv.Value]));

/** Places a confirmed order through the OIS100MI batch API; returns the real ORNO. */
export async function placeOrder(
  v1: (p: string) => Promise<{ json: <T>() => T }>,
  opts: { cuno?: string; cuor: string; lines: Array<{ itno: string; qty: number }> },
): Promise<string> {
  const head = rec((await v1(`OIS100MI/AddBatchHead?CUNO=${opts.cuno ?? 'C000001'}&CUOR=${opts.cuor}`)).json<V1Body>());
  for (const l of opts.lines) await v1(`OIS100MI/AddBatchLine?ORNO=${head.ORNO}&ITNO=${l.itno}&ORQT=${l.qty}&WHLO=100`);
  const confirmed = rec((await v1(`OIS100MI/Confirm?ORNO=${head.ORNO}`)).json<V1Body>());
  return confirmed.ORNO ?? '';
}
