// The two customer sources must describe a customer the same way: the simulator's Sync.CustomerPartyMaster BOD
// mapped by the BOD path, and its CRS610MI LstByNumber record read by the poll, give the same customer; the BOD's
// change stamp is the customer's LMTS.
import { createM3Simulator } from '@m3mage/simulators/m3';
import type { M3Customer } from '@m3mage/schemas/types';
import { describe, expect, it } from 'vitest';
import { parseBod } from '../src/bod/bod';
import { customerContentOf } from '../src/customers/customer-record';
import { customerBodMappings } from '../src/mappings/index';

type V1 = { MIRecord: Array<{ NameValue: Array<{ Name: string; Value: string }> }> };

describe('customer sources agree', () => {
  it('SyncCustomerPartyMaster and LstByNumber give the same customer', async () => {
    const bodies: string[] = [];
    const sim = createM3Simulator({
      subscribers: [{ name: 't', url: 'http://ingest.invalid/ion/bod', nouns: ['CustomerPartyMaster'] }],
      bodTransport: async (_url, init) => {
        bodies.push(init.body);
        return 200;
      },
    });
    try {
      const res = await sim.app.inject({
        method: 'PUT',
        url: '/_control/customers/C000003',
        payload: { CUA1: 'Storgatan 1', CUA2: '', CUA3: 'Box 7 & Co', CUTP: '2', PHNO: '+46 8 555', TFNO: '+46 8 1' },
      });
      expect(res.statusCode, res.body).toBe(200);
      await sim.publisher.idle();
      const bod = parseBod(bodies.at(-1)!);
      const fromBod = customerBodMappings.SyncCustomerPartyMaster!(bod, Date.now()).change.after as M3Customer;
      const listed = await sim.app.inject({
        method: 'GET',
        url: '/m3api-rest/execute/CRS610MI/LstByNumber;maxrecs=1?CUNO=C000003',
        headers: { authorization: `Basic ${Buffer.from('M3SIM:m3sim').toString('base64')}` },
      });
      const rec = Object.fromEntries(
        (listed.json<V1>().MIRecord[0]?.NameValue ?? []).map((nv) => [nv.Name, nv.Value.trimEnd()]),
      );
      const { changedAt, changeStamp, ...bodContent } = fromBod;
      expect(bodContent).toEqual(customerContentOf(rec));
      expect(bodContent).toMatchObject({
        cuno: 'C000003',
        phone: '+46 8 555',
        customerType: '2',
        addressLines: ['Storgatan 1', '', 'Box 7 & Co'],
      });
      expect(changeStamp).toBe(sim.state.customers.get('C000003')?.rec.LMTS);
      expect(changedAt).toBe(Number(changeStamp));
    } finally {
      await sim.close();
    }
  });
});
