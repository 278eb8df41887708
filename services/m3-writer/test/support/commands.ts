// Command fixtures and an in-memory stand-in for a compacted table (unit tests only).
import type { InboundMessage } from '@m3mage/runtime';
import { createMemoryTable } from '@m3mage/runtime';
import type { CreateCustomerOrder, CustomerData } from '@m3mage/schemas/types';

export const memoryTable = createMemoryTable;

export function customer(email: string, name = 'Zoë Østergaard-Çelik'): CustomerData {
  return {
    email,
    cunm: name,
    cua1: 'Långgatan 12',
    cua2: 'c/o Müller',
    cua3: null,
    cua4: null,
    pono: '11122',
    town: 'Stockholm',
    cscd: 'SE',
    phno: '+46701234567',
    cutm: 'TEMPLATE',
    magentoCustomerId: null,
  };
}

export function orderCommand(
  incrementId: string,
  email: string,
  lines: Array<[itno: string, qty: string, price: string]>,
): CreateCustomerOrder {
  return {
    meta: {
      commandId: `cmd-${incrementId}`,
      idempotencyKey: `order:${incrementId}`,
      correlationId: incrementId,
      causationId: `evt-${incrementId}`,
      issuedAt: Date.now(),
    },
    incrementId,
    customer: customer(email),
    head: {
      cuor: incrementId,
      ortp: null,
      faci: null,
      whlo: '100',
      rldt: null,
      cucd: 'EUR',
      yref: null,
      modl: null,
      tedl: null,
    },
    lines: lines.map(([itno, orqt, sapr], i) => ({ itno, orqt, sapr, whlo: null, alun: null, magentoItemId: i + 1 })),
    shipTo: {
      adrt: 1,
      cunm: 'Zoë Østergaard-Çelik',
      cua1: 'Leveransvägen 3',
      cua2: null,
      cua3: null,
      cua4: null,
      pono: '41103',
      town: 'Göteborg',
      cscd: 'SE',
      phno: null,
    },
  };
}

export const inbound = <T>(value: T, key: string, attempt = 1): InboundMessage<T> => ({
  topic: 'cmd.m3.customer-order.v1',
  partition: 0,
  offset: '0',
  key,
  value,
  headers: {},
  attempt,
});
