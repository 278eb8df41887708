// TypeScript shapes of the Avro records this service writes (schemas/magento, schemas/common, schemas/cdc).

export interface Address {
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  street: string[];
  city: string | null;
  region: string | null;
  postcode: string | null;
  countryId: string | null;
  telephone: string | null;
  email: string | null;
}

export interface OrderItem {
  itemId: number;
  sku: string;
  name: string | null;
  productType: string | null;
  qtyOrdered: string;
  qtyShipped: string;
  qtyInvoiced: string;
  price: string;
  rowTotal: string;
  sourceCode: string | null;
}

export interface Payment {
  method: string;
  amountPaid: string | null;
  amountOrdered: string;
  providerReference: string | null;
}

/** m3mage.magento.Order */
export interface MagentoOrder {
  entityId: number;
  incrementId: string;
  storeId: number;
  state: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  customerId: number | null;
  customerEmail: string | null;
  customerFirstname: string | null;
  customerLastname: string | null;
  currency: string;
  grandTotal: string;
  shippingAmount: string;
  shippingMethod: string | null;
  items: OrderItem[];
  billingAddress: Address | null;
  shippingAddress: Address | null;
  payment: Payment | null;
}

export type Op = 'c' | 'u' | 'd' | 'r';

/** m3mage.cdc.MagentoOrderChange */
export interface MagentoOrderChange {
  op: Op;
  before: MagentoOrder | null;
  after: MagentoOrder | null;
  source: {
    system: 'MAGENTO' | 'M3';
    entity: string;
    id: string;
    version: string;
    eventId: string;
    occurredAt: number;
    receivedAt: number;
  };
  tsMs: number;
}
