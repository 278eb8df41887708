// m3mage.magento.* (schemas/magento): a Magento order as the ingest publishes it.
import type { Address } from './common';

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

export interface Order {
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
