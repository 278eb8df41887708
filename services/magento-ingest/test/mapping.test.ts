// The order mapping beyond its golden files (golden.test.ts, test/golden/magento-order/): what the cases mean.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '@m3mage/runtime';
import { isCompleteOrder, mapOrder } from '../src/mappings/order.mapping';
import { streetLines } from '../src/mappings/transforms/text';
import { decimal, timestamp } from '../src/mappings/transforms/values';
import { newReport } from '../src/mappings/values';

const dir = resolve(import.meta.dirname, 'golden/magento-order');
const read = (name: string): unknown => JSON.parse(readFileSync(resolve(dir, name), 'utf8'));

describe('Magento REST order → m3mage.magento.Order', () => {
  it('maps REST JSON numbers and DB-style strings of the same order to the same record (same content hash)', () => {
    const json = mapOrder(read('registered-rest-json.in.json'));
    const db = mapOrder(read('registered-db-strings-id-keyed-items.in.json'));
    expect(db).toEqual(json);
    expect(contentHash(db)).toBe(contentHash(json));
  });

  it('never carries card data or payment additional information', () => {
    const text = JSON.stringify(mapOrder(read('configurable-paid-iso-dates.in.json')));
    expect(text).not.toMatch(/1111|cc_|secret|additional/);
  });

  it('masks card numbers in free text (names, company, street lines, item names) and reports each field', () => {
    const report = newReport();
    const order = mapOrder(read('card-numbers-in-free-text.in.json'), report);
    const text = JSON.stringify({ ...order, billingAddress: { ...order.billingAddress, telephone: null } });
    for (const pan of [
      '4111111111111111',
      '5500000000000004',
      '378282246310005',
      '6011111111111117',
      '4012888888881881',
    ]) {
      expect(text.replace(/[ -]/g, '')).not.toContain(pan);
    }
    expect(order.billingAddress?.street[0]).toBe('Hauptstr. 5, card **** **** **** 1111');
    expect(order.billingAddress?.telephone, 'digits after + are a phone number').toBe('+4111111111111111');
    expect(order.shippingAddress?.street[1], 'not Luhn-valid: kept').toBe('Order ref 1234567890123');
    expect(report.masked.sort()).toEqual(
      [
        'billingAddress.company',
        'billingAddress.street',
        'customerLastname',
        'items.name',
        'shippingAddress.street',
      ].sort(),
    );
  });

  it('masks a card number quoted in a mapping error (it reaches the sender, the logs and the DLQ)', () => {
    const src = read('registered-rest-json.in.json') as Record<string, unknown>;
    expect(() => mapOrder({ ...src, grand_total: '4111 1111 1111 1111' })).toThrow(/\*{4} \*{4} \*{4} 1111/);
  });

  it('names every field that cannot be mapped (MAPPING_UNMAPPABLE)', () => {
    const order = read('registered-rest-json.in.json') as Record<string, unknown>;
    expect(() => mapOrder({ ...order, increment_id: undefined })).toThrow('Magento order: incrementId is missing');
    expect(() => mapOrder({ ...order, grand_total: 'abc' })).toThrow(
      expect.objectContaining({ code: 'MAPPING_UNMAPPABLE', details: { field: 'grandTotal' } }),
    );
    expect(() => mapOrder({ ...order, updated_at: '15/01/2025' })).toThrow(/updatedAt is not a Magento timestamp/);
    expect(() => mapOrder({ ...order, increment_id: null, state: ' ' })).toThrow(
      expect.objectContaining({
        message: 'Magento order: incrementId is missing; state is missing',
        details: { field: 'incrementId, state' },
      }),
    );
  });

  it('tells complete payloads from thin ones', () => {
    const order = read('registered-rest-json.in.json') as Record<string, unknown>;
    expect(isCompleteOrder(order)).toBe(true);
    expect(isCompleteOrder({ entity_id: '1', increment_id: '000000001', updated_at: '2025-01-15 09:30:00' })).toBe(
      false,
    );
    expect(isCompleteOrder({ ...order, extension_attributes: {} })).toBe(false);
    expect(isCompleteOrder([order])).toBe(false);
  });
});

describe('value transforms', () => {
  it.each([
    [58.04, '58.04'],
    ['58.0400', '58.04'],
    ['32444.000000', '32444'],
    ['3.000000', '3'],
    [0, '0'],
    ['-0.50', '-0.5'],
    ['.5', '0.5'],
    ['007.10', '7.1'],
    [1e-7, '0.0000001'],
    [12345678901234.5, '12345678901234.5'],
  ])('decimal(%j) = %s', (input, out) => expect(decimal.apply(input)).toBe(out));

  it('rejects what is not a decimal', () => {
    expect(() => decimal.apply('1,5')).toThrow(/not a decimal/);
    expect(() => decimal.apply(Number.NaN)).toThrow(/finite/);
  });

  it('reads Magento and ISO UTC timestamps', () => {
    expect(timestamp.apply('2025-01-15 09:30:00')).toBe('2025-01-15 09:30:00');
    expect(timestamp.apply('2025-01-15T09:30:00.123Z')).toBe('2025-01-15 09:30:00');
    expect(() => timestamp.apply('2025-01-15T09:30:00+02:00')).toThrow(/not a Magento timestamp/);
  });

  it('splits DB street strings and keeps REST arrays, noting each card number masked', () => {
    expect(streetLines.apply('Line 1\nLine 2\n')).toEqual(['Line 1', 'Line 2']);
    expect(streetLines.apply(['Äußere Straße 1'])).toEqual(['Äußere Straße 1']);
    const notes: string[] = [];
    expect(streetLines.apply(['card 4111 1111 1111 1111', null], (k) => notes.push(k))).toEqual([
      'card **** **** **** 1111',
    ]);
    expect(notes).toEqual(['card-number-masked']);
  });
});
