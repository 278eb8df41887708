// m3mage.m3.* (schemas/m3): M3 documents as m3-ion-ingest publishes them, and M3 address/customer blocks.

export interface DeliveryLine {
  ponr: number;
  posx: number;
  itno: string;
  quantity: string;
}

export interface Delivery {
  orno: string;
  cuor: string | null;
  dlix: string;
  whlo: string | null;
  shippedAt: number | null;
  lines: DeliveryLine[];
  packages: { packageId: string; trackingNumber: string | null; carrier: string | null }[];
}

export interface Invoice {
  ivno: string;
  yea4: number;
  orno: string;
  cuor: string | null;
  currency: string;
  totalAmount: string;
  invoicedAt: number | null;
  lines: { ponr: number; itno: string; quantity: string; amount: string }[];
}

export interface SalesOrder {
  orno: string;
  cuor: string | null;
  cuno: string;
  orsl: string;
  orst: string;
}

export interface AddressData {
  adrt?: number;
  cunm: string;
  cua1: string;
  cua2?: string | null;
  cua3?: string | null;
  cua4?: string | null;
  pono?: string | null;
  town?: string | null;
  cscd?: string | null;
  phno?: string | null;
}

export interface CustomerData extends Omit<AddressData, 'adrt'> {
  email: string;
  cutm: string;
  magentoCustomerId?: number | null;
}

export interface OrderXref {
  incrementId: string;
  orno: string;
  cuno: string;
  confirmedAt: number;
  commandId: string;
}
