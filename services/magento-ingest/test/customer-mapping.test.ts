// The customer mapping beyond its golden files (golden.test.ts, test/golden/magento-customer/): what the cases mean.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCustomer } from '../src/mappings/customer.mapping';
import { newReport } from '../src/mappings/values';

const dir = resolve(import.meta.dirname, 'golden/magento-customer');
const read = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as Record<string, unknown>;

describe('Magento customer → m3mage.magento.Customer', () => {
  it('trims strings, takes the default flags from the customer ids and region_code from region', () => {
    const c = mapCustomer(read('rest-two-addresses.in.json'));
    expect(c.email).toBe('zoe.oster-bjornsdottir.7@example.com');
    expect(c.firstname).toBe('Zoë');
    expect(c.middlename).toBeNull();
    expect(c.addresses.map((a) => [a.id, a.defaultBilling, a.defaultShipping, a.regionCode])).toEqual([
      [12, true, false, 'BY'],
      [13, false, true, 'TX'],
      [14, false, false, null],
    ]);
    expect(c.addresses[0]!.address.street).toEqual([
      'Hauptstraße 145, Hinterhaus, 3. Obergeschoss links',
      'Postfach 10 20 30',
    ]);
  });

  it('maps the model data of a delete event (entity_id, DB strings) to the same fields', () => {
    expect(mapCustomer(read('delete-event-model-data.in.json'))).toMatchObject({
      id: 42,
      websiteId: 1,
      groupId: 1,
      email: 'lukasz.zolc.42@example.com',
      firstname: 'Łukasz',
      lastname: 'Żółć',
      updatedAt: '2025-01-15 09:30:00',
      addresses: [],
    });
  });

  it('masks card numbers in names and street lines and reports each field', () => {
    const report = newReport();
    const c = mapCustomer(read('card-number-in-free-text.in.json'), report);
    expect(JSON.stringify(c).replace(/[ -]/g, '')).not.toMatch(/4111111111111111|5500000000000004/);
    expect(report.masked.sort()).toEqual(['addresses.address.street', 'firstname']);
  });

  it('refuses a customer naming the field and entity, never quoting personal data', () => {
    const base = read('rest-two-addresses.in.json');
    expect(() => mapCustomer({ ...base, email: '  ' })).toThrow('Magento customer: email is missing');
    expect(() => mapCustomer({ ...base, updated_at: undefined })).toThrow('Magento customer: updatedAt is missing');
    let message = '';
    try {
      mapCustomer({ ...base, lastname: { secret: 'Øster-Bjørnsdóttir' }, group_id: 'gold' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('Magento customer: groupId is not an integer ("gold"); lastname is not a string (object)');
    expect(message).not.toContain('Bjørnsdóttir');
    expect(() => mapCustomer(undefined)).toThrow('Magento customer: customer is missing');
  });
});
