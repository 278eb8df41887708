// The CRS610MI customer poll over a scripted LstByNumber: pages positioned at the last CUNO, LMTS = checkpoint less
// the overlap, a changed customer produced once with a rising version, an unreadable record dead-lettered once
// (keyed by CUNO), a failed pass moving no checkpoint; and the customer settings checked at boot.
import {
  AppError,
  createLogger,
  createMemoryTable,
  createMetrics,
  loadConfig,
  memoryCheckpointStore,
  type OutgoingRecord,
} from '@m3mage/runtime';
import type { MiInput, MiRecord } from '@m3mage/connectors/m3';
import type { Change, DocumentVersion, M3Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config';
import { CUSTOMER_POLLER, createCustomerPoller } from '../src/customers/customer-poller';
import { createPolledChanges } from '../src/state/polled-changes';
import { createVariationGuard } from '../src/state/variation-guard';

const T0 = Date.UTC(2026, 4, 15, 10);

const customer = (cuno: string, extra: MiRecord = {}): MiRecord => ({
  CUNO: cuno,
  CUNM: `Name of ${cuno}`,
  CUA1: 'Street 1',
  CUA2: '',
  CUA3: 'Box 2',
  CUA4: '',
  PONO: '111 22',
  TOWN: 'Stockholm',
  CSCD: 'SE',
  PHNO: '+46 1',
  MAIL: `${cuno.toLowerCase()}@example.com`,
  STAT: '20',
  CUTP: '0',
  ...extra,
});

/** LstByNumber over `rows` as the simulator answers it: CUNO order, positioned at CUNO, maxrecs. */
function scriptedM3(rows: () => MiRecord[]) {
  const calls: Array<{ input: MiInput; maxrecs: number | undefined }> = [];
  let down = false;
  return {
    calls,
    setDown: (v: boolean) => (down = v),
    mi: {
      execute: async (program: string, tx: string, input: MiInput = {}, o: { maxrecs?: number } = {}) => {
        expect(`${program}/${tx}`).toBe('CRS610MI/LstByNumber');
        calls.push({ input, maxrecs: o.maxrecs });
        if (down) throw new AppError('HTTP_TIMEOUT', 'M3 did not answer');
        const from = String(input.CUNO ?? '');
        const all = rows()
          .filter((r) => (r.CUNO ?? '') >= from)
          .sort((a, b) => (a.CUNO ?? '').localeCompare(b.CUNO ?? ''));
        return o.maxrecs ? all.slice(0, o.maxrecs) : all;
      },
    },
  };
}

function rig(rows: () => MiRecord[]) {
  let t = T0;
  const now = () => t;
  const sent: OutgoingRecord[] = [];
  const produce = async (r: OutgoingRecord) => void sent.push(r);
  const metrics = createMetrics({ service: 'test', collectDefaults: false });
  const guard = createVariationGuard({ table: createMemoryTable<DocumentVersion>(), now });
  const m3 = scriptedM3(rows);
  const checkpoints = memoryCheckpointStore();
  const poller = createCustomerPoller({
    mi: m3.mi,
    checkpoints,
    changes: createPolledChanges({ guard, produce, metrics, now }),
    metrics,
    logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
    now,
    intervalMs: 1000,
    overlapMs: 60_000,
    pageSize: 2,
    startAt: T0 - 3_600_000,
  });
  const customers = () =>
    sent
      .filter((r) => r.topic === TOPIC.cdcM3Customer)
      .map((r) => ({ key: r.key, value: r.value as Change<M3Customer>, headers: r.headers }));
  return { poller, m3, sent, checkpoints, customers, advance: (ms: number) => (t += ms) };
}

describe('customer poller (CRS610MI LstByNumber)', () => {
  it('reads every page, produces each changed customer once and dead-letters an unreadable record once', async () => {
    let rows = [customer('C3'), customer('C1'), customer('C2', { CUTP: 'x' }), customer('C4'), customer('C5')];
    const r = rig(() => rows);
    expect(await r.poller.pollOnce()).toMatchObject({ read: 5, produced: 4, deadLettered: 1, pages: 5 });
    // LMTS = the start-at cursor less the overlap, on every page; each page positioned at the last CUNO read
    // (which comes again first, and is dropped)
    const lmts = String(T0 - 3_660_000);
    expect(r.m3.calls.map((c) => [c.input.CUNO, c.input.LMTS, c.maxrecs])).toEqual(
      [undefined, 'C2', 'C3', 'C4', 'C5'].map((cuno) => [cuno, lmts, 2]),
    );
    expect(r.customers().map((c) => c.key)).toEqual(['C1', 'C3', 'C4', 'C5']);
    const first = r.customers()[0]!;
    expect(first.value).toMatchObject({
      op: 'u',
      before: null,
      source: { system: 'M3', entity: 'customer', id: 'C1', version: String(T0), eventId: `mi:m3-customers:C1:${T0}` },
      after: {
        cuno: 'C1',
        name: 'Name of C1',
        email: 'c1@example.com',
        phone: '+46 1',
        status: '20',
        customerType: '0',
        addressLines: ['Street 1', '', 'Box 2'],
        postcode: '111 22',
        town: 'Stockholm',
        country: 'SE',
        changedAt: T0,
        changeStamp: String(T0),
      },
    });
    expect(first.headers).toEqual({ 'ingest-source': 'mi-poll' });
    const dlq = r.sent.filter((s) => s.topic === TOPIC.m3IonIngestDlq);
    expect(dlq.map((s) => s.key)).toEqual(['C2']);
    expect(r.checkpoints.rows.get(CUSTOMER_POLLER)?.cursor).toBe(String(T0));

    // the same records again: nothing produced, nothing dead-lettered a second time; LMTS from the checkpoint
    r.advance(5000);
    r.m3.calls.length = 0;
    expect(await r.poller.pollOnce()).toMatchObject({ read: 5, produced: 0, deadLettered: 0, skipped: 5 });
    expect(r.m3.calls[0]?.input.LMTS).toBe(String(T0 - 60_000));
    expect(r.checkpoints.rows.get(CUSTOMER_POLLER)?.cursor).toBe(String(T0 + 5000));

    // one customer changed: produced once, its version the time it was read
    rows = rows.map((c) => (c.CUNO === 'C4' ? { ...c, PHNO: '+46 2' } : c));
    r.advance(5000);
    expect(await r.poller.pollOnce()).toMatchObject({ produced: 1, skipped: 4 });
    const c4 = r.customers().filter((c) => c.key === 'C4');
    expect(c4.map((c) => c.value.after?.phone)).toEqual(['+46 1', '+46 2']);
    expect(c4.map((c) => c.value.source.version)).toEqual([String(T0), String(T0 + 10_000)]);
  });

  it("takes a record's own LMTS as its version, never below the last version + 1", async () => {
    let rows = [customer('C1', { LMTS: String(T0 - 500) })];
    const r = rig(() => rows);
    await r.poller.pollOnce();
    rows = [customer('C1', { LMTS: String(T0 - 900), PHNO: '+46 9' })]; // M3's clock went back
    await r.poller.pollOnce();
    expect(r.customers().map((c) => [c.value.after?.changedAt, c.value.after?.changeStamp])).toEqual([
      [T0 - 500, String(T0 - 500)],
      [T0 - 900, String(T0 - 499)],
    ]);
  });

  it('moves no checkpoint when a pass fails, and repeats it', async () => {
    const r = rig(() => [customer('C1'), customer('C2'), customer('C3')]);
    r.m3.setDown(true);
    await expect(r.poller.pollOnce()).rejects.toThrow(/did not answer/);
    expect(r.checkpoints.rows.size).toBe(0);
    r.m3.setDown(false);
    expect(await r.poller.pollOnce()).toMatchObject({ produced: 3 });
  });
});

describe('customer settings', () => {
  const env = {
    KAFKA_BROKERS: 'localhost:9092',
    SCHEMA_REGISTRY_URL: 'http://localhost:8081',
    ION_INGEST_BEARER_TOKEN: 't',
  };
  const load = (extra: Record<string, string>) =>
    loadConfig(configSchema, { env: { ...env, ...extra }, service: 'm3-ion-ingest' });

  it('is off by default; the BOD needs no M3 connection', () => {
    expect(load({})).toMatchObject({
      CUSTOMER_BOD_ENABLED: false,
      CUSTOMER_POLL_ENABLED: false,
      CUSTOMER_POLL_INTERVAL_MS: 30_000,
      CUSTOMER_POLL_OVERLAP_MS: 600_000,
      CUSTOMER_POLL_PAGE_SIZE: 500,
    });
    expect(load({ CUSTOMER_BOD_ENABLED: 'true' }).CUSTOMER_BOD_ENABLED).toBe(true);
  });

  it('refuses at boot a poll without an M3 connection and a page size below 2', () => {
    expect(() => load({ CUSTOMER_POLL_ENABLED: 'true' })).toThrow(/M3_IONAPI_FILE/);
    expect(() => load({ CUSTOMER_POLL_PAGE_SIZE: '1' })).toThrow(/CUSTOMER_POLL_PAGE_SIZE/);
    expect(() => load({ CUSTOMER_POLL_START_AT: 'yesterday' })).toThrow(/CUSTOMER_POLL_START_AT/);
  });
});
