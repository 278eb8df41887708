// The inventory BOD (STOCK_BOD_NOUN) through the ingest: the stock poll's records and keys, the version rule
// (newer produces, older or repeated does not, never below the last version whichever source produced it), a
// refused BOD dead-lettered once, and the simulator's BOD read like its GetItmWhsBal record.
import {
  createLogger,
  createMemoryTable,
  createMetrics,
  loadConfig,
  type OutgoingRecord,
  type Producer,
} from '@m3mage/runtime';
import type { MiRecord } from '@m3mage/connectors/m3';
import type { Balance, Change, DeadLetter, DocumentVersion } from '@m3mage/schemas/types';
import { createM3Simulator } from '@m3mage/simulators/m3';
import { TOPIC } from '@m3mage/topics/catalogue';
import { describe, expect, it } from 'vitest';
import { parseBod, UnsupportedBod } from '../src/bod/bod';
import { configSchema } from '../src/config';
import { createBodIngest } from '../src/ingest';
import { mapBalances } from '../src/mappings/balance.mapping';
import { orderBodMappings, UnmappableBod } from '../src/mappings/index';
import { createPolledChanges } from '../src/state/polled-changes';
import { createVariationGuard } from '../src/state/variation-guard';
import { stockBodHandlers } from '../src/stock/stock-bod';
import { createStockPoller } from '../src/stock/stock-poller';
import { balanceOf } from '../src/stock/records';

const T = Date.UTC(2026, 4, 15, 10, 0, 0);
const logger = createLogger({ service: 'test', version: '0', level: 'silent' });

interface StockBod {
  at: number;
  stqt?: string;
  alqt?: string;
  itno?: string;
  whlo?: string;
  bodId?: string;
  verb?: 'Sync' | 'Show';
  action?: string;
}

let bods = 0;
/** A BOD in the assumed layout (mappings/balance.mapping.ts). */
function stockBod(...balances: StockBod[]): string {
  const first = balances[0]!;
  const verb = first.verb ?? 'Sync';
  const nouns = balances.map(
    (b) => `<LS_ItemStock>
      <ItemID><ID variationID="1">${b.itno ?? 'ITM1'}</ID></ItemID>
      <Facility><ID>${b.whlo ?? '100'}</ID></Facility>
      <Quantity unitCode="PCS">${b.stqt ?? '10'}</Quantity>
      <AllocatedQuantity unitCode="PCS">${b.alqt ?? '0'}</AllocatedQuantity>
      <LastModificationDateTime>${new Date(b.at).toISOString()}</LastModificationDateTime>
    </LS_ItemStock>`,
  );
  return `<${verb}LS_ItemStock xmlns="http://schema.infor.com/InforOAGIS/2">
  <ApplicationArea><Sender><LogicalID>lid://infor.m3be.m3be </LogicalID></Sender>
    <CreationDateTime>${new Date(first.at).toISOString()}</CreationDateTime><BODID>${first.bodId ?? `bod-${++bods}`}</BODID>
  </ApplicationArea>
  <DataArea><${verb}><ActionCriteria><ActionExpression actionCode="${first.action ?? 'Change'}"/></ActionCriteria></${verb}>
    ${nouns.join('\n')}
  </DataArea>
</${verb}LS_ItemStock>`;
}

function rig() {
  let t = T + 60_000;
  const now = () => t;
  const sent: OutgoingRecord[] = [];
  const producer = { send: async (r: OutgoingRecord) => void sent.push(r) };
  const guard = createVariationGuard({ table: createMemoryTable<DocumentVersion>(), now });
  const metrics = createMetrics({ service: 'test', collectDefaults: false });
  const changes = createPolledChanges({ guard, produce: producer.send, metrics, now });
  const ingest = createBodIngest({
    producer: producer as unknown as Producer,
    guard,
    logger,
    now,
    mappings: orderBodMappings,
    handlers: stockBodHandlers({ noun: 'LS_ItemStock', changes, now }),
  });
  const rows: MiRecord[] = [];
  const poller = createStockPoller({
    reader: {
      read: async () => ({ reader: 'MMS200MI/LstItmWhsByWhgr', records: rows, missing: [], commit: async () => {} }),
    },
    changes,
    metrics,
    logger,
    now,
    intervalMs: 1000,
    concurrency: 8,
  });
  const stock = () =>
    sent.filter((r) => r.topic === TOPIC.cdcM3Stock).map((r) => ({ ...r, value: r.value as Change<Balance> }));
  const versions = () => stock().map((r) => Number(r.value.after?.changeStamp ?? r.value.before?.changeStamp));
  return { sent, ingest, poller, rows, stock, versions, advance: (ms: number) => (t += ms) };
}

/** A poll row (LstItmWhsByWhgr) stamped by its last transaction. */
const row = (stqt: string, at: number, alqt = '0'): MiRecord => {
  const d = new Date(at).toISOString();
  return {
    WHLO: '100',
    ITNO: 'ITM1',
    STQT: stqt,
    ALQT: alqt,
    TRDT: d.slice(0, 10).replaceAll('-', ''),
    TRTM: d.slice(11, 19).replaceAll(':', ''),
  };
};

describe('inventory BOD → cdc.m3.stock.v1', () => {
  it("produces the stock poll's record: key ITNO@WHLO, version = LastModificationDateTime, entity-version", async () => {
    const r = rig();
    const result = await r.ingest(stockBod({ at: T + 250, stqt: '12.500', alqt: '2', bodId: 'B1' }), 'xml');
    expect(result).toEqual({
      outcome: 'produced',
      bodId: 'B1',
      document: 'stock:ITM1@100',
      balances: [{ document: 'stock:ITM1@100', outcome: 'produced', version: String(T + 250) }],
    });
    const [rec] = r.stock();
    expect(rec).toMatchObject({
      topic: TOPIC.cdcM3Stock,
      key: 'ITM1@100',
      meta: { entityVersion: String(T + 250), eventType: 'M3BalanceChange', causationId: 'B1' },
      headers: { 'ingest-source': 'ion-bod', 'ion-logical-id': 'lid://infor.m3be.m3be', 'ion-variation-id': '1' },
    });
    expect(rec?.value).toMatchObject({
      op: 'u',
      before: null,
      after: {
        itno: 'ITM1',
        whlo: '100',
        onHand: '12.5',
        allocated: '2',
        allocatable: null,
        allocatableNet: null,
        changeStamp: String(T + 250),
        reader: 'ION/Sync.LS_ItemStock',
      },
      source: { system: 'M3', entity: 'stock', id: 'ITM1@100', eventId: 'B1', occurredAt: T + 250 },
    });
  });

  it('a repeated BOD (ION duplicate) and an older one produce nothing', async () => {
    const r = rig();
    const xml = stockBod({ at: T, stqt: '10' });
    await r.ingest(xml, 'xml');
    expect(await r.ingest(xml, 'xml')).toMatchObject({ outcome: 'stale', balances: [{ outcome: 'skipped' }] });
    const older = await r.ingest(stockBod({ at: T - 1, stqt: '9' }), 'xml');
    expect(older).toMatchObject({ outcome: 'stale', balances: [{ outcome: 'stale', version: String(T - 1) }] });
    expect(r.versions()).toEqual([T]);
  });

  it('a newer BOD with the quantities last produced is skipped; a second change in the same ms gets last + 1', async () => {
    const r = rig();
    await r.ingest(stockBod({ at: T, stqt: '10' }), 'xml');
    expect(await r.ingest(stockBod({ at: T + 5, stqt: '10' }), 'xml')).toMatchObject({ outcome: 'stale' });
    expect(await r.ingest(stockBod({ at: T, stqt: '11' }), 'xml')).toMatchObject({
      outcome: 'produced',
      balances: [{ version: String(T + 1) }],
    });
    // the first content again at T is now older than the last version: stale, no flip-flop
    expect(await r.ingest(stockBod({ at: T, stqt: '10' }), 'xml')).toMatchObject({ balances: [{ outcome: 'stale' }] });
    expect(r.versions()).toEqual([T, T + 1]);
  });

  it('mixed with the poll, versions stay on one scale and always rise', async () => {
    const r = rig();
    r.rows.push(row('10', T - 60_000));
    expect(await r.poller.pollOnce()).toMatchObject({ produced: 1 }); // poll: version = TRDT/TRTM
    // an allocation by BOD (no stock transaction): newer than the poll's version
    expect(await r.ingest(stockBod({ at: T, stqt: '10', alqt: '3' }), 'xml')).toMatchObject({ outcome: 'produced' });
    // the poll then reads the same quantities (its TRDT/TRTM did not move): nothing new
    r.rows[0] = row('10', T - 60_000, '3');
    expect(await r.poller.pollOnce()).toMatchObject({ produced: 0, skipped: 1 });
    // the poll reads a change before its BOD arrived: its transaction stamp is older than the BOD's version, so
    // it is produced above it; the late BOD of that change is then stale
    r.rows[0] = row('4', T - 1000, '3');
    expect(await r.poller.pollOnce()).toMatchObject({ produced: 1 });
    expect(await r.ingest(stockBod({ at: T - 1000, stqt: '4', alqt: '3' }), 'xml')).toMatchObject({
      outcome: 'stale',
    });
    // a newer BOD after the poll's bumped version
    expect(await r.ingest(stockBod({ at: T + 10_000, stqt: '2', alqt: '3' }), 'xml')).toMatchObject({
      outcome: 'produced',
    });
    expect(r.versions()).toEqual([T - 60_000, T, T + 1, T + 10_000]);
    expect(r.stock().map((s) => s.value.after?.reader)).toEqual([
      'MMS200MI/LstItmWhsByWhgr',
      'ION/Sync.LS_ItemStock',
      'MMS200MI/LstItmWhsByWhgr',
      'ION/Sync.LS_ItemStock',
    ]);
  });

  it('judges each balance of a BOD on its own; Delete is op d with before, Show is op r', async () => {
    const r = rig();
    await r.ingest(stockBod({ at: T, whlo: '200' }), 'xml');
    const many = await r.ingest(stockBod({ at: T + 1, whlo: '100' }, { at: T - 1, whlo: '200', stqt: '1' }), 'xml');
    expect(many.balances?.map((b) => [b.document, b.outcome])).toEqual([
      ['stock:ITM1@100', 'produced'],
      ['stock:ITM1@200', 'stale'],
    ]);
    await r.ingest(stockBod({ at: T + 2, whlo: '100', stqt: '0', action: 'Delete' }), 'xml');
    await r.ingest(stockBod({ at: T + 3, whlo: '100', stqt: '5', verb: 'Show' }), 'xml');
    const ops = r.stock().map((s) => [s.key, s.value.op, s.value.after === null, s.value.before?.onHand]);
    expect(ops).toEqual([
      ['ITM1@200', 'u', false, undefined],
      ['ITM1@100', 'u', false, undefined],
      ['ITM1@100', 'd', true, '0'],
      ['ITM1@100', 'r', false, undefined],
    ]);
  });

  it('refuses a BOD with an unreadable balance whole and dead-letters it once, with the BOD', async () => {
    const r = rig();
    const bad = stockBod({ at: T, whlo: '200' }, { at: T, stqt: 'ten', bodId: 'ignored' });
    await expect(r.ingest(bad, 'xml')).rejects.toThrow(UnmappableBod);
    await expect(r.ingest(bad, 'xml')).rejects.toThrow(/LS_ItemStock\[2\]: balance ITM1@100: Quantity \(STQT\) "ten"/);
    expect(r.stock()).toEqual([]);
    const dlq = r.sent.filter((s) => s.topic === TOPIC.m3IonIngestDlq);
    expect(dlq).toHaveLength(1); // ION's retry of the same BOD is not dead-lettered again
    const letter = dlq[0]!.value as DeadLetter;
    expect(dlq[0]?.key).toBe('stock:ITM1@100');
    expect(letter).toMatchObject({
      originalTopic: 'ion:Sync.LS_ItemStock',
      originalKey: 'stock:ITM1@100',
      errorCode: 'MAPPING_UNMAPPABLE',
      stage: 'map',
    });
    const original = JSON.parse(Buffer.from(letter.originalValue as Buffer).toString()) as Record<string, string>;
    expect(original.BOD).toBe(bad);
    expect(original.BODID).toMatch(/^bod-/);
    // another BOD with the same fault is another dead letter
    await expect(r.ingest(stockBod({ at: T, stqt: 'ten' }), 'xml')).rejects.toThrow(UnmappableBod);
    expect(r.sent.filter((s) => s.topic === TOPIC.m3IonIngestDlq)).toHaveLength(2);
  });

  it('takes only the configured noun (Sync and Show of it) besides the mapped ones', async () => {
    const r = rig();
    const other = stockBod({ at: T }).replaceAll('LS_ItemStock', 'InventoryBalance');
    await expect(r.ingest(other, 'xml')).rejects.toThrow(UnsupportedBod);
    await expect(r.ingest(other, 'xml')).rejects.toThrow(/SyncLS_ItemStock, ShowLS_ItemStock/);
  });
});

describe('stock sources agree', () => {
  it("the simulator's SyncLS_ItemStock and its GetItmWhsBal record give the same balance", async () => {
    const bodies: string[] = [];
    const sim = createM3Simulator({
      inventoryNouns: ['LS_ItemStock'],
      subscribers: [{ url: 'http://ingest.invalid/ion/bod', nouns: ['LS_ItemStock'] }],
      bodTransport: async (_url, init) => {
        bodies.push(init.body);
        return 200;
      },
    });
    try {
      await sim.app.inject({ method: 'PUT', url: '/_control/balances/100/ITM000003', payload: { STQT: 17, ALQT: 5 } });
      await sim.publisher.idle();
      const [fromBod] = mapBalances(parseBod(bodies[0]!));
      const res = await sim.app.inject({
        method: 'GET',
        url: '/m3api-rest/execute/MMS200MI/GetItmWhsBal',
        query: { WHLO: '100', ITNO: 'ITM000003' },
        headers: { authorization: `Basic ${Buffer.from('M3SIM:m3sim').toString('base64')}` },
      });
      const nv = res.json<{ MIRecord: Array<{ NameValue: Array<{ Name: string; Value: string }> }> }>().MIRecord[0];
      const rec = Object.fromEntries(nv!.NameValue.map((n) => [n.Name, n.Value.trim()]));
      const { reader: _a, ...bod } = fromBod!.balance;
      const { reader: _b, ...mi } = balanceOf(rec, 'MMS200MI/GetItmWhsBal');
      expect(bod).toEqual(mi);
      expect(bod).toMatchObject({ onHand: '17', allocated: '5', allocatable: '12' });
    } finally {
      await sim.close();
    }
  });
});

describe('STOCK_BOD_NOUN', () => {
  const env = {
    KAFKA_BROKERS: 'localhost:9092',
    SCHEMA_REGISTRY_URL: 'http://localhost:8081',
    ION_INGEST_BEARER_TOKEN: 't',
  };
  const load = (extra: Record<string, string>) =>
    loadConfig(configSchema, { env: { ...env, ...extra }, service: 'm3-ion-ingest' });

  it('is off unless set, and needs no M3 connection', () => {
    expect(load({}).STOCK_BOD_NOUN).toBeUndefined();
    expect(load({ STOCK_BOD_NOUN: '' }).STOCK_BOD_NOUN).toBeUndefined();
    expect(load({ STOCK_BOD_NOUN: 'LS_ItemStock' }).STOCK_BOD_NOUN).toBe('LS_ItemStock');
  });

  it('refuses at boot a name that is no BOD noun, or one mapped already', () => {
    expect(() => load({ STOCK_BOD_NOUN: 'Sync.LS_ItemStock' })).toThrow(/STOCK_BOD_NOUN/);
    expect(() => load({ STOCK_BOD_NOUN: 'ItemMaster' })).toThrow(/maps already/);
  });
});
