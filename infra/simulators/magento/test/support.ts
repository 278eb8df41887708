import type { InjectOptions } from 'fastify';
import { createMagentoSimulator, type MagentoSimulator, type MagentoSimulatorOptions } from '../src/index';

export const T0 = Date.UTC(2025, 0, 15, 9, 30, 0);

/** A simulator with a settable clock and no write hold unless asked. */
export function build(opts: MagentoSimulatorOptions = {}) {
  let t = T0;
  const sim = createMagentoSimulator({ now: () => t, orderWriteHoldMs: 0, ...opts });
  return {
    sim,
    advance: (ms: number) => (t += ms),
    setTime: (ms: number) => (t = ms),
  };
}

export async function adminToken(sim: MagentoSimulator): Promise<string> {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/rest/V1/integration/admin/token',
    payload: sim.credentials.admin,
  });
  return res.json<string>();
}

/** Injects with the admin bearer token. */
export async function call(sim: MagentoSimulator, token: string, opts: InjectOptions) {
  return sim.app.inject({ ...opts, headers: { ...opts.headers, authorization: `Bearer ${token}` } });
}

/** Query string for searchCriteria from filter groups (`[[{field,value,condition_type}]]`). */
export function criteria(
  groups: Array<Array<{ field: string; value: string; condition_type?: string }>>,
  extra: Record<string, string> = {},
): string {
  const parts: string[] = [];
  groups.forEach((g, i) =>
    g.forEach((f, j) => {
      const base = `searchCriteria[filter_groups][${i}][filters][${j}]`;
      parts.push(`${base}[field]=${encodeURIComponent(f.field)}`, `${base}[value]=${encodeURIComponent(f.value)}`);
      if (f.condition_type) parts.push(`${base}[condition_type]=${f.condition_type}`);
    }),
  );
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}=${encodeURIComponent(v)}`);
  return parts.join('&');
}
