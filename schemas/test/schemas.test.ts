import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { loadSchemas } from '../index';
import { allTopics } from '../../infra/topics/derive';

const schemas = loadSchemas();

describe('Avro schemas', () => {
  it.each(schemas.names())('%s resolves to a self-contained schema avsc accepts', (name) => {
    const type = avro.Type.forSchema(schemas.resolve(name) as avro.Schema);
    expect(type.name).toBe(name);
  });

  it('gives every catalogued topic a schema that exists (retry topics carry original bytes)', () => {
    const missing = allTopics()
      .filter((t) => !t.name.includes('.retry.'))
      .filter((t) => !schemas.names().includes(t.valueSchema))
      .map((t) => `${t.name} → ${t.valueSchema}`);
    expect(missing).toEqual([]);
  });

  it('keeps payment card data out of every schema', () => {
    const forbidden = /card_?number|cc_?number|\bpan\b|cvv|cvc|cc_exp|expiry|cardholder/i;
    for (const name of schemas.names()) {
      const fields = JSON.stringify(schemas.resolve(name)).match(/"name":"[^"]+"/g) ?? [];
      expect(
        fields.filter((f) => forbidden.test(f)),
        name,
      ).toEqual([]);
    }
  });

  it('round-trips a change-data event with decimals as strings', () => {
    const type = avro.Type.forSchema(schemas.resolve('m3mage.cdc.MagentoOrderChange') as avro.Schema);
    const value = {
      op: 'c',
      before: null,
      after: {
        entityId: 3,
        incrementId: '000000003',
        storeId: 1,
        state: 'new',
        status: 'pending',
        createdAt: '2026-11-27 10:00:00',
        updatedAt: '2026-11-27 10:00:00',
        customerId: null,
        customerEmail: 'zoe@example.com',
        customerFirstname: 'Zoë',
        customerLastname: 'Øster',
        currency: 'EUR',
        grandTotal: '129.9000',
        shippingAmount: '5.0000',
        shippingMethod: 'flatrate_flatrate',
        items: [
          {
            itemId: 1,
            sku: 'A-1',
            name: 'Thing',
            productType: 'simple',
            qtyOrdered: '2.0000',
            qtyShipped: '0',
            qtyInvoiced: '0',
            price: '62.4500',
            rowTotal: '124.9000',
            sourceCode: null,
          },
        ],
        billingAddress: null,
        shippingAddress: null,
        payment: { method: 'checkmo', amountPaid: null, amountOrdered: '129.9000', providerReference: null },
      },
      source: {
        system: 'MAGENTO',
        entity: 'order',
        id: '000000003',
        version: '2026-11-27 10:00:00',
        eventId: 'e1',
        occurredAt: 1,
        receivedAt: 2,
      },
      tsMs: 3,
    };
    const back = type.fromBuffer(type.toBuffer(value)) as typeof value;
    expect(back.after?.grandTotal).toBe('129.9000');
    expect(back.after?.customerFirstname).toBe('Zoë');
  });
});
