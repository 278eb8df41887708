// Where the simulators send their events in the sandbox: the ingest services' endpoints and credentials.
import { randomBytes } from 'node:crypto';
import type { BodSubscriber } from '@m3mage/simulators/m3';

export interface SandboxEndpoints {
  webhookHmacSecret: string;
  bodToken: string;
  magentoSubscribers: unknown[];
  bodSubscriber: {
    name: string;
    url: string;
    format: 'xml';
    auth: { bearer: string };
    /** Any noun the simulator publishes (an inventory BOD too, with its `inventoryNouns` and STOCK_BOD_NOUN). */
    nouns: NonNullable<BodSubscriber['nouns']>;
  };
}

export function sandboxEndpoints(
  magentoIngest = 'http://127.0.0.1:8101',
  ionIngest = 'http://127.0.0.1:8102',
): SandboxEndpoints {
  const webhookHmacSecret = randomBytes(24).toString('hex');
  const bodToken = randomBytes(24).toString('hex');
  return {
    webhookHmacSecret,
    bodToken,
    // As configured in Magento and ION: only the events and documents the ingest services take.
    magentoSubscribers: [
      {
        id: 'magento-ingest',
        url: `${magentoIngest}/webhooks/adobe-commerce`,
        mode: 'commerce-webhook',
        // Orders; customers and their addresses (the customer poller catches what a webhook misses).
        events: [
          'sales_order_save_after',
          'customer_save_after',
          'customer_address_save_after',
          'customer_delete_after',
        ],
      },
    ],
    bodSubscriber: {
      name: 'm3-ion-ingest',
      url: `${ionIngest}/ion/bod`,
      format: 'xml',
      auth: { bearer: bodToken },
      // Items and customers by BOD (instant); the MI item and customer polls stay off: one source per
      // installation (ADR 0014).
      nouns: ['SalesOrder', 'Shipment', 'Invoice', 'ItemMaster', 'CustomerPartyMaster'],
    },
  };
}
