// Golden tests: fixtures/customers/<case>.input.json (a REST customer, or a delete event's model data) →
// <case>.expected.json (m3mage.magento.Customer). A new case is a new file pair; UPDATE_GOLDEN=1 writes the
// .expected.json files from the current mapping (review the diff!).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCustomer } from '../src/mappings/customer.mapping';
import { newReport } from '../src/mappings/values';

const dir = resolve(import.meta.dirname, 'fixtures/customers');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace('.input.json', ''));
const read = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as Record<string, unknown>;

describe('Magento customer → m3mage.magento.Customer (golden fixtures)', () => {
  it('has fixture pairs', () => expect(cases.length).toBeGreaterThanOrEqual(4));

  it.each(cases)('%s', (name) => {
    const actual = mapCustomer(read(`${name}.input.json`));
    const outFile = resolve(dir, `${name}.expected.json`);
    if (update) writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(outFile), `missing ${outFile} (UPDATE_GOLDEN=1 writes it)`).toBe(true);
    expect(actual).toEqual(read(`${name}.expected.json`));
  });

  it('trims strings, takes the default flags from the customer ids and region_code from region', () => {
    const c = mapCustomer(read('rest-two-addresses.input.json'));
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
    expect(mapCustomer(read('delete-event-model-data.input.json'))).toMatchObject({
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
    const c = mapCustomer(read('card-number-in-free-text.input.json'), report);
    expect(JSON.stringify(c).replace(/[ -]/g, '')).not.toMatch(/4111111111111111|5500000000000004/);
    expect(report.masked.sort()).toEqual(['addresses.street', 'firstname']);
  });

  it('refuses a customer naming the field and entity, never quoting personal data', () => {
    const base = read('rest-two-addresses.input.json');
    expect(() => mapCustomer({ ...base, email: '  ' })).toThrow('Magento customer: email is missing');
    expect(() => mapCustomer({ ...base, updated_at: undefined })).toThrow('Magento customer: updated_at is missing');
    let message = '';
    try {
      mapCustomer({ ...base, lastname: { secret: 'Øster-Bjørnsdóttir' }, group_id: 'gold' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Magento customer: (lastname|group_id) /);
    expect(message).not.toContain('Bjørnsdóttir');
    expect(() => mapCustomer(undefined)).toThrow('Magento customer: customer is missing');
  });
});
