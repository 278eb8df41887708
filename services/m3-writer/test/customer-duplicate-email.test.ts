// Two M3 customers with one e-mail (created by hand in M3, or by another integration): the first M3 lists is
// used and both numbers are reported — never merged, never a silent pick.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../src/clients/customer.client';
import { customer } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';

describe('two M3 customers with one e-mail', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  const addByHand = (cuno: string, cunm: string, mail: string) =>
    rig.mi.execute('CRS610MI', 'Add', { CUTM: 'TEMPLATE', CUNO: cuno, CUNM: cunm, CUA1: 'Storgatan 1', MAIL: mail });

  it('uses the first CRS610MI LstByName lists and reports every number', async () => {
    const c = customer('twice@example.com');
    await addByHand('HAND0001', c.cunm, 'Twice@Example.com');
    await addByHand('HAND0002', c.cunm, 'twice@example.com');
    await addByHand('HAND0003', c.cunm, 'other@example.com');
    const reports: Array<{ kept: string; others: string[] }> = [];
    const client = createCustomerClient({
      mi: rig.mi,
      lookupMaxrecs: 100,
      numbering: 'series',
      onDuplicateEmail: (r) => reports.push(r),
    });
    expect(await client.findByEmail(c)).toBe('HAND0001');
    expect(reports).toEqual([{ kept: 'HAND0001', others: ['HAND0002'] }]);
  });

  it('reports nothing when the e-mail is one customer’s', async () => {
    const c = customer('once@example.com');
    await addByHand('HAND0004', c.cunm, 'once@example.com');
    const reports: unknown[] = [];
    const client = createCustomerClient({
      mi: rig.mi,
      lookupMaxrecs: 100,
      numbering: 'series',
      onDuplicateEmail: (r) => reports.push(r),
    });
    expect(await client.findByEmail(c)).toBe('HAND0004');
    expect(reports).toEqual([]);
  });
});
