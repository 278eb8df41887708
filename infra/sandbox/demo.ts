// `npm run demo -- --orders 50`: against a running sandbox (`npm start`), places orders in the Magento
// simulator and follows them through the whole cycle: confirmed in M3, fulfilled (shipped with tracking,
// invoiced) in M3, shipped and invoiced back in Magento. Prints progress and what the services counted.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stackDir } from '../stack/connection';
import type { SandboxInfo } from './info';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '20' },
    'timeout-s': { type: 'string', default: '180' },
  },
});

const info = JSON.parse(readFileSync(resolve(stackDir(), 'sandbox', 'sandbox.json'), 'utf8')) as SandboxInfo;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface M3Order {
  head: { ORNO: string; CUOR?: string; ORSL?: string; ORST?: string };
}
interface MagentoOrder {
  increment_id: string;
  state: string;
  items: Array<{ qty_ordered: number; qty_shipped?: number; qty_invoiced?: number }>;
}

async function magentoOrders(ids: string[]): Promise<MagentoOrder[]> {
  const q = new URLSearchParams({
    'searchCriteria[filter_groups][0][filters][0][field]': 'increment_id',
    'searchCriteria[filter_groups][0][filters][0][value]': ids.join(','),
    'searchCriteria[filter_groups][0][filters][0][condition_type]': 'in',
  });
  const r = await json<{ items: MagentoOrder[] }>(`${info.magentoUrl}/rest/default/V1/orders?${q.toString()}`, {
    headers: { authorization: `Bearer ${info.magentoToken}` },
  });
  return r.items;
}

const done = (o: MagentoOrder, field: 'qty_shipped' | 'qty_invoiced'): boolean =>
  o.items.every((i) => (i[field] ?? 0) >= i.qty_ordered);

async function main(): Promise<void> {
  const count = Number(args.orders);
  const placed = await json<{ orders: Array<{ increment_id: string }> }>(`${info.magentoUrl}/_control/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  });
  const ids = placed.orders.map((o) => o.increment_id);
  console.log(`placed ${ids.length} orders in Magento: ${ids[0]} … ${ids.at(-1)}`);
  const fulfilled = new Set<string>();
  const started = Date.now();
  const deadline = started + Number(args['timeout-s']) * 1000;
  let line = '';
  while (Date.now() < deadline) {
    const m3 = (await json<M3Order[]>(`${info.m3Url}/_control/state/orders`)).filter(
      (o) => o.head.CUOR && ids.includes(o.head.CUOR),
    );
    for (const o of m3) {
      if (fulfilled.has(o.head.ORNO)) continue;
      fulfilled.add(o.head.ORNO);
      const post = (action: string, body: unknown = {}) =>
        json(`${info.m3Url}/_control/orders/${o.head.ORNO}/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await post('pick');
      await post('ship', { trackingNumbers: [`1Z${o.head.ORNO.padStart(10, '0')}`], carrier: 'UPS' });
      await post('invoice');
    }
    const mg = await magentoOrders(ids);
    const shipped = mg.filter((o) => done(o, 'qty_shipped')).length;
    const invoiced = mg.filter((o) => done(o, 'qty_invoiced')).length;
    const next = `[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] placed ${ids.length} · confirmed in M3 ${m3.length} · shipped in Magento ${shipped} · invoiced in Magento ${invoiced}`;
    if (next.replace(/^\[[^\]]+\]/, '') !== line.replace(/^\[[^\]]+\]/, '')) console.log(next);
    line = next;
    if (m3.length === ids.length && shipped === ids.length && invoiced === ids.length) break;
    await sleep(1000);
  }
  console.log('\nwhat the services counted (messages handled, ingest requests; by outcome):');
  for (const s of info.services) {
    const text = await (await fetch(`${s.url}/metrics`)).text();
    const counts = new Map<string, number>();
    for (const m of text.matchAll(/^pipeline_(messages|ingest_requests)_total\{([^}]*)\} (\S+)$/gm)) {
      const outcome = /outcome="([^"]+)"/.exec(m[2]!)?.[1] ?? '?';
      const key = `${m[1] === 'messages' ? 'handled' : 'requests'} ${outcome}`;
      counts.set(key, (counts.get(key) ?? 0) + Number(m[3]));
    }
    console.log(`  ${s.name.padEnd(15)} ${[...counts].map(([k, v]) => `${k}=${v}`).join(' · ') || '(nothing yet)'}`);
  }
  console.log(
    `\ndead letters: KAFKA_NAMESPACE=${info.namespace} npm run dlq -- list; topics: Kafka UI (docker compose); M3 state: ${info.m3Url}/_control/state/orders`,
  );
  if (!line.includes(`invoiced in Magento ${ids.length}`)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)} — is \`npm start\` running?`);
  process.exit(1);
});
