// The two item sources must describe an item the same way: the simulator's Sync.ItemMaster BOD mapped by
// the BOD path, and its MMS200MI LstItmByChgDate record read by the poll, give the same item fields.
import { createM3Simulator } from '@m3mage/simulators/m3';
import type { Item } from '@m3mage/schemas/types';
import { describe, expect, it } from 'vitest';
import { parseBod } from '../src/bod/bod';
import { itemOf } from '../src/items/item-record';
import { bodMappings } from '../src/mappings/index';

describe('item sources agree', () => {
  it('SyncItemMaster and LstItmByChgDate give the same item (name = ITDS, description = FUDS)', async () => {
    const bodies: string[] = [];
    const sim = createM3Simulator({
      subscribers: [{ name: 't', url: 'http://ingest.invalid/ion/bod', format: 'xml', nouns: ['ItemMaster'] }],
      bodTransport: async (_url, init) => {
        bodies.push(init.body);
        return 200;
      },
    });
    try {
      const res = await sim.app.inject({
        method: 'PUT',
        url: '/_control/items/ITM000001',
        payload: { ITDS: 'Short name', FUDS: 'A longer description of the item' },
      });
      expect(res.statusCode, res.body).toBe(200);
      await sim.publisher.idle();
      const xml = bodies.find((b) => b.includes('<SyncItemMaster '));
      expect(xml).toBeDefined();
      const bod = parseBod(xml!);
      const fromBod = bodMappings.SyncItemMaster!(bod, Date.now()).change.after as Item;
      const rec = sim.state.items.get('ITM000001') as Record<string, string>;
      const fromPoll = itemOf(rec, { at: fromBod.changedAt, stamp: fromBod.changeStamp });
      expect(fromBod).toMatchObject({
        itno: 'ITM000001',
        name: 'Short name',
        description: 'A longer description of the item',
      });
      const { price: _a, ...bodFields } = fromBod;
      const { price: _b, ...pollFields } = fromPoll;
      expect(bodFields).toEqual(pollFields);
    } finally {
      await sim.close();
    }
  });
});
