import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMagentoSimulator, type MagentoSimulator } from '../src/index';
import { adminToken, build, call, T0 } from './support';

let sims: MagentoSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
const make = (opts: Parameters<typeof build>[0] = {}) => {
  const b = build(opts);
  sims.push(b.sim);
  return b;
};

const waitFor = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('seed generator', () => {
  it('is deterministic per seed and independent between instances', () => {
    const a = make({ seed: 7 }).sim;
    const b = make({ seed: 7 }).sim;
    const c = make({ seed: 8 }).sim;
    const strip = (s: MagentoSimulator) => [...s.state.orders.values()].map((o) => ({ ...o, protect_code: '' }));
    expect(strip(a)).toEqual(strip(b));
    expect(strip(a)).not.toEqual(strip(c));
    a.placeOrders(1);
    expect(a.state.orders.size).toBe(b.state.orders.size + 1);
  });

  it('produces long street lines, non-ASCII names, guest and registered multi-line orders', () => {
    const { sim } = make({ sizes: { customers: 40, products: 30, orders: 60 } });
    const customers = [...sim.state.customers.values()];
    const orders = [...sim.state.orders.values()];
    expect(customers).toHaveLength(40);
    expect(sim.state.products.size).toBe(30);
    expect(customers.some((c) => c.addresses.some((a) => a.street.some((l) => l.length > 36)))).toBe(true);
    expect(customers.some((c) => /[^ -~]/.test(`${c.firstname}${c.lastname}`))).toBe(true);
    expect(orders.some((o) => o.customer_is_guest === 1 && o.customer_id === null)).toBe(true);
    expect(orders.some((o) => o.customer_is_guest === 0 && o.customer_id !== null)).toBe(true);
    expect(orders.some((o) => o.items.length >= 3)).toBe(true);
  });

  it('seeds an empty store with sizes: false', () => {
    const { sim } = make({ sizes: false });
    expect(sim.state.orders.size + sim.state.products.size + sim.state.customers.size).toBe(0);
  });
});

describe('traffic and control API', () => {
  it('POST /_control/orders places N orders now', async () => {
    const { sim } = make();
    const before = sim.state.orders.size;
    const res = await sim.app.inject({ method: 'POST', url: '/_control/orders', payload: { count: 5, guest: true } });
    expect(res.statusCode).toBe(201);
    const placed = res.json<{ orders: Array<{ increment_id: string }> }>().orders;
    expect(placed).toHaveLength(5);
    expect(sim.state.orders.size).toBe(before + 5);
    expect([...sim.state.orders.values()].slice(-5).every((o) => o.customer_is_guest === 1)).toBe(true);
  });

  it('POST /_control/traffic places orders at a rate until the duration ends', async () => {
    const sim = createMagentoSimulator({ orderWriteHoldMs: 0 });
    sims.push(sim);
    const before = sim.state.orders.size;
    const start = await sim.app.inject({
      method: 'POST',
      url: '/_control/traffic',
      payload: { ratePerSecond: 100, durationSeconds: 0.3 },
    });
    expect(start.json()).toMatchObject({ running: true, ratePerSecond: 100 });
    await waitFor(() => !sim.traffic.status().running);
    const status = (await sim.app.inject({ url: '/_control/traffic' })).json<{ placed: number }>();
    expect(status.placed).toBe(30);
    expect(sim.state.orders.size).toBe(before + 30);
  });

  it('applies a fault profile (429 + Retry-After), records calls and resets', async () => {
    const { sim, advance } = make();
    const token = await adminToken(sim);
    await sim.app.inject({
      method: 'PUT',
      url: '/_control/profile',
      payload: { rateLimit: { perSecond: 1, retryAfterSeconds: 2 } },
    });
    expect((await call(sim, token, { url: '/rest/V1/orders/1' })).statusCode).toBe(200);
    const limited = await call(sim, token, { url: '/rest/V1/orders/1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    await sim.app.inject({
      method: 'PUT',
      url: '/_control/profile',
      payload: { outages: [{ fromMs: T0, toMs: T0 + 60_000 }] },
    });
    expect((await call(sim, token, { url: '/rest/V1/orders/1' })).statusCode).toBe(503);
    advance(60_000);
    expect((await call(sim, token, { url: '/rest/V1/orders/1' })).statusCode).toBe(200);

    const calls = (await sim.app.inject({ url: '/_control/calls?pathPrefix=/rest/V1/orders' })).json<
      Array<{ status: number; headers: Record<string, string> }>
    >();
    expect(calls.map((c) => c.status)).toEqual([200, 429, 503, 200]);
    expect(calls[0]?.headers.authorization).toBe('Bearer [REDACTED]');

    await call(sim, token, { method: 'POST', url: '/rest/V1/order/1/ship', payload: {} });
    expect(sim.state.shipments.size).toBe(1);
    await sim.app.inject({ method: 'POST', url: '/_control/reset' });
    expect(sim.state.shipments.size).toBe(0);
    expect(sim.state.orders.get(1)?.state).toBe('new');
    expect((await sim.app.inject({ url: '/_control/calls' })).json()).toEqual([]);
  });
});

describe('standalone', () => {
  it('the sim:magento entry point starts, prints URLs and credentials, and stops on SIGTERM', async () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/simulators/magento/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        MAGENTO_SIM_PORT: '0',
        MAGENTO_SIM_PUBLIC_KEY_FILE: `${root}/infra/simulators/magento/.runtime/test-key.pem`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('control API'), 20_000);
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('admin user / password    admin / sandbox-admin-123');
    expect(out).toMatch(/OAuth consumer key\s+\S+/);
    expect(out).toMatch(/webhook public key\s+\S+test-key\.pem/);
    const base = /listening on (\S+)/.exec(out)?.[1];
    const res = await fetch(`${base}/rest/V1/orders/1`);
    expect(res.status).toBe(401);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
