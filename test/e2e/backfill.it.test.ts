// The initial load of a go-live (issue 12): `npm run backfill -- --entity items --from m3` run as its own
// process against the sandbox while live orders flow, killed with -9 when half of the items are on
// cdc.m3.item.v1, then started again with --resume. Every released, priced item must become one product,
// saved once (the resumed page's repeats change nothing), and the live orders must be confirmed exactly once
// meanwhile. E2E_BACKFILL_ITEMS sets the size (default 100,000, the go-live load).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC } from '@m3mage/topics/catalogue';
import { topicAdmin } from '@m3mage/topics';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';
import { waitDrained } from './drained';
import {
  dlqMessages,
  e2eServiceEnv,
  m3OrdersByCuor,
  serviceLogTails,
  spawnTool,
  toolEnv,
  waitFor,
  type ToolRun,
} from './support';

const ns = `${uniqueName('e2e-backfill')}.`;
const ITEMS = Number(process.env.E2E_BACKFILL_ITEMS ?? 100_000);
const LIVE_ORDERS = 40;

/**
 * A product in Magento (services/transformer/src/mappings/tables/item-status.ts): released (20–50 enabled,
 * 80–99 disabled) and priced (SAPR > 0; Magento cannot create a product without a price).
 */
const forSale = (i: Record<string, unknown>): boolean =>
  !['00', '05', '10'].includes(String(i.STAT)) && Number(i.SAPR ?? 0) > 0;

describe(`backfill of ${ITEMS} items from M3 while orders flow`, () => {
  let sb: Sandbox;
  /** catalog_product_save_after per sku: a product created and never saved again has 1. */
  const saves = new Map<string, number>();

  const backfill = (args: string[]): ToolRun => spawnTool('infra/backfill/cli.ts', args, toolEnv(sb, ns));

  /** Records on cdc.m3.item.v1 so far (the backfill is the only producer of items here). */
  const itemRecords = async (): Promise<number> => {
    const admin = topicAdmin(testStack().brokers, 'e2e-backfill');
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(`${ns}${TOPIC.cdcM3Item}`);
      return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    sb = await startSandbox({
      connection: testStack(),
      dir: mkdtempSync(join(tmpdir(), 'e2e-backfill-')),
      namespace: ns,
      servicePorts: 'free',
      logLevel: 'warn',
      // No item BODs and no item poll: the backfill is how the seeded item master reaches Magento.
      bodNouns: ['SalesOrder', 'Shipment', 'Invoice'],
      m3: { seed: { items: ITEMS, warehouses: ['100', '200'] } },
      magento: { sizes: { customers: 20, products: 30, orders: 0, sources: 1 } },
      // Items only: no stock or warehouse polls (their flows are catalogue-stock.it.test.ts's).
      serviceEnv: e2eServiceEnv({
        'm3-ion-ingest': { STOCK_POLL_ENABLED: 'false', WAREHOUSE_POLL_ENABLED: 'false' },
      }),
    });
    sb.magento.events.domain.on((e) => {
      if (e.name !== 'catalog_product_save_after') return;
      const sku = String(e.snapshot.sku);
      saves.set(sku, (saves.get(sku) ?? 0) + 1);
    });
  }, 300_000);

  afterAll(async () => {
    await sb?.stop();
  });

  it('killed with -9 at half and resumed: every product created once, live orders confirmed once meanwhile', async () => {
    const expected = [...sb.m3.state.items.values()].filter(forSale).map((i) => String(i.ITNO));
    const before = new Set(sb.magento.state.products.keys());
    // The seed, and the M3 items of the Magento products the orders sell (the sandbox aligns both catalogues).
    const inM3 = sb.m3.state.items.size;
    const explain = () =>
      `${expected.filter((s) => !sb.magento.state.products.has(s)).length} missing\n${serviceLogTails(sb)}`;

    const placed = sb.magento.placeOrders(LIVE_ORDERS / 2).map((o) => o.increment_id);
    const first = backfill(['--entity', 'items', '--from', 'm3', '--page-size', '500']);
    await waitFor(
      `half of ${ITEMS} items on ${TOPIC.cdcM3Item}`,
      () => itemRecords(),
      (n) => n >= inM3 / 2,
      300_000,
      (n) => `${n} records; backfill: ${first.stderr.slice(-800)}`,
    );
    first.child.kill('SIGKILL');
    expect(await first.exit, 'the first run was killed, not finished').toBe('SIGKILL');
    const atKill = await itemRecords();
    expect(atKill, 'killed before the end').toBeLessThan(inM3);

    placed.push(...sb.magento.placeOrders(LIVE_ORDERS / 2).map((o) => o.increment_id));
    const second = backfill(['--entity', 'items', '--from', 'm3', '--page-size', '500', '--resume']);
    const code = await second.exit;
    expect(code, `resumed run: ${second.stderr.slice(-1500)}\n${second.stdout}`).toBe(0);
    expect(second.stderr).toMatch(/resuming items@m3:\w+ after key \S+ \(\d+ rows read before\)/);
    const read = Number(/read\s+(\d+)/.exec(second.stdout)?.[1]);
    expect(read, second.stdout).toBe(inM3);
    const resumedAt = Number(/\((\d+) before the resume\)/.exec(second.stdout)?.[1]);
    expect(resumedAt, 'the resume started from the checkpoint, not from the first item').toBeGreaterThan(0);
    // What went onto the topic again: at most the page that was in flight at the kill.
    const total = await itemRecords();
    expect(total - inM3, 'records produced twice (the page in flight at the kill)').toBeLessThanOrEqual(500 + 500);
    console.info(
      `[backfill] ${inM3} items: killed at ${atKill} records on the topic, resumed after ${resumedAt} rows, ` +
        `${total} records in all (${total - inM3} repeated)`,
    );

    await waitFor(
      `${expected.length} products`,
      () => expected.filter((s) => sb.magento.state.products.has(s)).length,
      (n) => n === expected.length,
      600_000,
      explain,
    );
    await waitFor(
      `${LIVE_ORDERS} live orders in M3`,
      () => m3OrdersByCuor(sb),
      (m) => placed.every((id) => m.has(id)),
      240_000,
      () => serviceLogTails(sb),
    );
    await waitDrained(sb, testStack().brokers, ns, 240_000);

    const savedTwice = expected.filter((s) => !before.has(s) && (saves.get(s) ?? 0) !== 1);
    expect(
      savedTwice.slice(0, 10).map((s) => `${s}: ${saves.get(s) ?? 0} saves`),
      `${savedTwice.length} products not saved exactly once`,
    ).toEqual([]);
    const notForSale = [...sb.m3.state.items.values()].filter(
      (i) => !forSale(i) && !before.has(String(i.ITNO)) && sb.magento.state.products.has(String(i.ITNO)),
    );
    expect(notForSale.map((i) => `${i.ITNO} STAT ${i.STAT} SAPR ${i.SAPR}`).slice(0, 10)).toEqual([]);

    const m3 = m3OrdersByCuor(sb);
    expect(
      [...m3.keys()].filter((k) => k.includes('#dup')),
      'orders entered twice',
    ).toEqual([]);
    expect(placed.filter((id) => m3.has(id))).toHaveLength(LIVE_ORDERS);
    // Dead letters: only the released items without a price (Magento cannot create them), none of the orders.
    const letters = await dlqMessages(testStack().brokers, ns);
    const unexpected = letters.filter((l) => !l.headers['x-error-message']?.includes('M3 has no price'));
    expect(unexpected.map((l) => `${l.topic} ${l.key}: ${l.headers['x-error-message']}`).slice(0, 10)).toEqual([]);
  }, 1_200_000);
});
