// Golden tests of the BOD mappings: test/golden/<mapping>/<case>.xml (a BOD as ION sends it) → <case>.out.json
// (what the mapping yields, or the refusal it answers with). A new case is a new file pair. UPDATE_GOLDEN=1
// writes the .out.json files from the current mappings (review the diff!).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBod, type Bod } from '../src/bod/bod';
import { mapBalances, UnmappableBalance } from '../src/mappings/balance.mapping';
import { mapCustomerPartyMaster } from '../src/mappings/customer-party-master.mapping';
import { UnmappableBod } from '../src/mappings/index';
import { mapInvoice } from '../src/mappings/invoice.mapping';
import { mapItemMaster } from '../src/mappings/item-master.mapping';
import { mapSalesOrder } from '../src/mappings/sales-order.mapping';
import { mapShipment } from '../src/mappings/shipment.mapping';

/** The receive time of the mappings that stamp it (change events). */
const NOW = Date.UTC(2026, 4, 15, 10, 0, 2);

/** Golden folder → the mapping it checks. */
const mappings: Readonly<Record<string, (bod: Bod) => unknown>> = {
  balance: (bod) => ({ balances: mapBalances(bod) }),
  'customer-party-master': (bod) => mapCustomerPartyMaster(bod, NOW),
  invoice: (bod) => mapInvoice(bod, NOW),
  'item-master': (bod) => mapItemMaster(bod, NOW),
  'sales-order': (bod) => mapSalesOrder(bod, NOW),
  shipment: (bod) => mapShipment(bod, NOW),
};

const root = resolve(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(root).flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => ({ mapping: dir, name: f.replace(/\.xml$/, ''), file: join(root, dir, f) })),
);

function run(mapping: string, xml: string): unknown {
  try {
    return mappings[mapping]!(parseBod(xml));
  } catch (e) {
    if (e instanceof UnmappableBalance) return { unmappable: e.message, key: e.key };
    if (e instanceof UnmappableBod) return { unmappable: e.message };
    throw e;
  }
}

describe('golden BOD mappings', () => {
  it('has a mapping for every golden folder, and cases', () => {
    expect(readdirSync(root).filter((d) => !(d in mappings))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$mapping / $name', ({ mapping, file }) => {
    const actual = run(mapping, readFileSync(file, 'utf8'));
    const outFile = file.replace(/\.xml$/, '.out.json');
    if (update) writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(outFile), `missing ${outFile} (UPDATE_GOLDEN=1 writes it)`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
  });
});
