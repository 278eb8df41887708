// Stock drift (pure): what Magento must show per sku@source is what the pipeline would send for M3's balance —
// the transformer's source-item mapping (quantity rule, in-stock threshold, sku and source tables) read as
// magento-writer's source-item body — compared with Magento's source items at the sources of table
// sourceByWarehouse. A balance of a warehouse not in the table is not for the store (as the transformer
// skips it); a source item at a mapped source with no M3 balance is reported as missing in M3 (not repaired:
// M3 owns stock, and the integration never deletes a source item).
import { compare, parseDecimal } from '@m3mage/runtime/mapping';
import type { Balance } from '@m3mage/schemas/types';
import { sourceItemBody } from '../../services/magento-writer/src/handlers/source-item.handler';
import type { SourceItemBody } from '../../services/magento-writer/src/clients/inventory.client';
import { formatProblems } from '../../services/transformer/src/mappings/kit';
import { sourceItemMapping } from '../../services/transformer/src/mappings/source-item.mapping';
import { sourceByWarehouse } from '../../services/transformer/src/mappings/tables/sources';
import { byKey, type Comparison, type Drift, type FieldDrift } from './drift';
import { wanted } from './options';

/** A balance as read from M3, without the version the poller gives it. */
export type M3Balance = Omit<Balance, 'changeStamp'>;

/** A Magento source item as listed (quantity a number, status 0/1). */
export interface MagentoSourceItem {
  sku: string;
  source_code: string;
  quantity: number;
  status: number;
}

const sourceKey = (sku: string, source: string): string => `${sku}@${source}`;

const sameQuantity = (a: number, b: number): boolean => {
  try {
    return compare(parseDecimal(String(a)), parseDecimal(String(b))) === 0;
  } catch {
    return false;
  }
};

const m3Quantity = (b: M3Balance): string =>
  `${b.itno}@${b.whlo} STQT ${b.onHand}, ALQT ${b.allocated}${b.allocatableNet !== null ? `, AV01 ${b.allocatableNet}` : ''}`;

/** The fields of `expected` that `current` (absent: missing) does not show. */
function fieldsOf(b: M3Balance, expected: SourceItemBody, current: MagentoSourceItem | undefined): FieldDrift[] {
  const out: FieldDrift[] = [];
  if (!current || !sameQuantity(current.quantity, expected.quantity))
    out.push({ field: 'quantity', m3: m3Quantity(b), magento: current?.quantity ?? null, expected: expected.quantity });
  if (!current || current.status !== expected.status)
    out.push({ field: 'status', m3: m3Quantity(b), magento: current?.status ?? null, expected: expected.status });
  return out;
}

export function compareStock(
  balances: readonly M3Balance[],
  items: readonly MagentoSourceItem[],
  keys?: readonly string[],
): Comparison<M3Balance> {
  const sources = new Set(Object.values(sourceByWarehouse.entries));
  const magento = new Map<string, MagentoSourceItem>();
  for (const i of items)
    if (sources.has(i.source_code) && wanted(keys, sourceKey(i.sku, i.source_code)))
      magento.set(sourceKey(i.sku, i.source_code), i);
  const c: Comparison<M3Balance> = {
    entity: 'stock',
    drifts: [],
    unmappable: [],
    notForMagento: 0,
    equal: 0,
    repairs: new Map(),
  };
  const seen = new Set<string>();
  for (const b of balances) {
    if (!Object.hasOwn(sourceByWarehouse.entries, b.whlo.trim())) {
      c.notForMagento += 1;
      continue;
    }
    const mapped = sourceItemMapping.map({ ...b, changeStamp: '0' });
    if (!mapped.ok) {
      c.unmappable.push({ key: `${b.itno}@${b.whlo}`, reason: formatProblems(mapped.problems) });
      continue;
    }
    const key = sourceKey(mapped.value.sku, mapped.value.sourceCode);
    if (!wanted(keys, key)) continue;
    seen.add(key);
    let expected: SourceItemBody;
    try {
      expected = sourceItemBody({ ...mapped.value, meta: undefined as never, m3ChangedAt: 0 });
    } catch (e) {
      c.unmappable.push({ key, reason: (e as Error).message });
      continue;
    }
    const current = magento.get(key);
    const fields = fieldsOf(b, expected, current);
    if (fields.length === 0) c.equal += 1;
    else {
      c.drifts.push({ key, kind: current ? 'differs' : 'missing-in-magento', fields });
      c.repairs.set(key, b);
    }
  }
  for (const [key, i] of magento) {
    if (seen.has(key)) continue;
    const drift: Drift = {
      key,
      kind: 'missing-in-m3',
      fields: [{ field: 'quantity', m3: 'no balance in M3', magento: i.quantity, expected: null }],
    };
    c.drifts.push(drift);
  }
  c.drifts.sort(byKey);
  return c;
}
