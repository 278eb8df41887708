import type { MiRecord } from '../mi/request';
import { yyyymmdd } from './dates';
import { pick, seededRandom } from './random';
import { classify, seedGroups, seedPriceLists, seedStatus, withoutPrice } from './seed-catalogue';
import { DEFAULT_LOCATION } from './stock';
import type { M3State } from './store';
import { putWarehouse } from './warehouses';

export interface SeedOptions {
  /** Default 42. */
  seed?: number;
  /** Default 20 (demo); 100 000 for backfill benchmarks. */
  items?: number;
  /** Default 10. */
  customers?: number;
  /** Warehouse codes (A3). Default ['100', '200']. */
  warehouses?: string[];
}

export const TEMPLATE_CUSTOMER = 'TEMPLATE';

const FIRST = ['Anna', 'Björn', 'Chloé', 'David', 'Eva', 'François', 'Günther', 'Hanna', 'Ivan', 'José', 'Zoë'];
const LAST = [
  'Andersson',
  'Brown',
  'Çelik',
  'Dubois',
  'Eriksson',
  'Fischer',
  'García',
  'Müller',
  'Nowak',
  'Østergaard',
];
const STREETS = ['Main Street', 'Kungsgatan', 'Rue de Rivoli', 'Hauptstraße', 'Calle Mayor', 'Via Roma'];
const TOWNS: Array<[string, string]> = [
  ['Stockholm', 'SE'],
  ['Paris', 'FR'],
  ['Berlin', 'DE'],
  ['Madrid', 'ES'],
  ['London', 'GB'],
];
/** Postal codes of the warehouse towns (same order as TOWNS): real formats, fixed so the seed draws as before. */
const WAREHOUSE_PONO = ['111 22', '75019', '13355', '28045', 'E16 2QU'];
/** The group every seeded warehouse is in (MMS200MI LstItmWhsByWhgr). */
export const SEED_WAREHOUSE_GROUP = 'ALL';
const NOUNS = ['Chair', 'Table', 'Lamp', 'Shelf', 'Desk', 'Sofa', 'Rug', 'Mirror', 'Stool', 'Cabinet'];
const ADJ = ['Oak', 'Steel', 'Walnut', 'Linen', 'Glass', 'Ash', 'Brass', 'Pine'];

const DAY_MS = 86_400_000;

export const itemNumber = (i: number): string => `ITM${String(i).padStart(6, '0')}`;
export const customerNumber = (i: number): string => `C${String(i).padStart(6, '0')}`;

/**
 * Fills the state deterministically. 100k items (and their balances and list prices) take well under the budget
 * of a few seconds. Items: groups, hierarchy, statuses and prices from seed-catalogue.ts.
 */
export function seedState(state: M3State, opts: SeedOptions = {}): void {
  const random = seededRandom(opts.seed ?? 42);
  const warehouses = opts.warehouses ?? ['100', '200'];
  const today = state.today();
  const { CONO, DIVI, CUCD } = state.company;

  warehouses.forEach((whlo, i) => {
    const [town, cscd] = TOWNS[i % TOWNS.length] ?? ['Stockholm', 'SE'];
    putWarehouse(state, whlo, {
      WHNM: `${town} warehouse`,
      TOWN: town,
      CSCD: cscd,
      PONO: WAREHOUSE_PONO[i % WAREHOUSE_PONO.length] ?? '',
      ADR1: `${i + 1} ${pick(random, STREETS)}`,
      WHGR: SEED_WAREHOUSE_GROUP,
    });
  });

  // Customer change stamps (LMTS, epoch ms, some time in the past 30 days) come from a generator of their own, so
  // the first one draws as before.
  const customerStamps = seededRandom(((opts.seed ?? 42) ^ 0xc057) >>> 0);
  const customerStamp = (): MiRecord => {
    const lmts = state.now() - Math.floor(customerStamps() * 30 * DAY_MS);
    return { LMTS: String(lmts), LMDT: yyyymmdd(lmts) };
  };
  state.putCustomer({
    rec: {
      CONO,
      DIVI,
      CUNO: TEMPLATE_CUSTOMER,
      CUNM: 'Template web customer',
      CUA1: '-',
      STAT: '90',
      CUTP: '0',
      CUCD,
      LNCD: 'GB',
      ...customerStamp(),
    },
    addresses: [],
  });
  for (let i = 1; i <= (opts.customers ?? 10); i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const [town, cscd] = pick(random, TOWNS);
    const rec: MiRecord = {
      CONO,
      DIVI,
      CUNO: customerNumber(i),
      CUNM: `${first} ${last}`,
      CUA1: `${1 + Math.floor(random() * 200)} ${pick(random, STREETS)}`,
      TOWN: town,
      CSCD: cscd,
      PONO: String(10000 + Math.floor(random() * 89999)),
      PHNO: `+46 70 ${String(Math.floor(random() * 9999999)).padStart(7, '0')}`,
      MAIL: `${first}.${last}.${i}@example.com`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^\x20-\x7e]/g, ''),
      STAT: '20',
      CUTP: '0',
      CUCD,
      LNCD: 'GB',
      ALCU: last.toUpperCase().slice(0, 10),
      ...customerStamp(),
    };
    state.putCustomer({ rec, addresses: [] });
  }

  seedGroups(state);
  // Change stamps come from a second generator so the first one (names, weights, prices, stock) draws as before.
  const stamps = seededRandom(((opts.seed ?? 42) ^ 0x5eed) >>> 0);
  const now = state.now();
  const prices: Array<{ i: number; itno: string; sapr: number }> = [];
  const itemCount = opts.items ?? 20;
  for (let i = 1; i <= itemCount; i++) {
    const material = pick(random, ADJ);
    const noun = pick(random, NOUNS);
    const itds = `${material} ${noun} ${i}`;
    const itno = itemNumber(i);
    const NEWE = (1 + Math.floor(random() * 300) / 10).toFixed(1);
    const GRWE = (2 + Math.floor(random() * 300) / 10).toFixed(1);
    const listed = 5 + Math.floor(random() * 99500) / 100;
    const sapr = withoutPrice(i) ? 0 : Number(listed.toFixed(2));
    // Last changed some time in the past 30 days (epoch ms), so change-date windows select something.
    const lmts = now - Math.floor(stamps() * 30 * DAY_MS);
    state.putItem({
      STAT: seedStatus(i),
      ITNO: itno,
      ITDS: itds.slice(0, 30),
      FUDS: `${itds}, sandbox item`,
      UNMS: 'PCS',
      ITTY: 'FIN',
      ...classify(i, material, noun),
      RESP: 'M3SIM',
      NEWE,
      GRWE,
      SAPR: String(sapr),
      SAPB: String(sapr),
      CUCS: CUCD,
      SACD: '1',
      SPUN: 'PCS',
      PDCC: '2',
      SPDT: yyyymmdd(lmts),
      LMDT: yyyymmdd(lmts),
      LMTS: String(lmts),
    });
    prices.push({ i, itno, sapr });
    for (const whlo of warehouses) {
      state.balances.set(state.balanceKey(whlo, itno), {
        WHLO: whlo,
        ITNO: itno,
        STQT: Math.floor(random() * 500),
        ALQT: 0,
        WHSL: DEFAULT_LOCATION,
        BANO: '',
        LMDT: today,
      });
    }
  }
  seedPriceLists(state, prices);
}
