// A Magento account M3 refuses to create (CRS610MI Add NOK: the template does not exist) is refused at once —
// not retried — with M3's message and what to do about it, and nothing is left half-made in M3.
import { describe, expect, it } from 'vitest';
import {
  AppError,
  createLogger,
  createMemoryTable,
  createMetrics,
  createVersionGuard,
  integerVersions,
} from '@m3mage/runtime';
import type { CustomerXref, DocumentVersion, UpsertCustomer } from '@m3mage/schemas/types';
import { createCustomerClient } from '../src/clients/customer.client';
import { createCustomerResolver } from '../src/handlers/customer-resolver';
import { customerHandler } from '../src/handlers/customer.handler';
import { inbound } from './support/commands';
import { m3Rig } from './support/m3';

const account = (email: string, cutm: string): UpsertCustomer => ({
  meta: {
    commandId: 'cmd-refused',
    idempotencyKey: 'customer:88:1000',
    correlationId: email,
    causationId: 'evt-refused',
    issuedAt: Date.now(),
  },
  customer: {
    email,
    cunm: 'Kim Lind',
    cua1: 'Storgatan 1',
    cua2: null,
    cua3: null,
    cua4: null,
    pono: '22100',
    town: 'Lund',
    cscd: 'SE',
    phno: '046123',
    cutm,
    magentoCustomerId: 88,
  },
  origin: 'ACCOUNT',
  action: 'UPSERT',
  version: '1000',
  updateFields: ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'TOWN', 'CSCD', 'MAIL'],
  createIfMissing: true,
  deliveryAddress: null,
  deactivateStatus: null,
});

describe('an account M3 refuses to create', () => {
  it('is a permanent M3_NOK naming the template and the remedy; no customer is created', async () => {
    const rig = await m3Rig();
    try {
      const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
      const handle = customerHandler({
        customers: createCustomerResolver({
          customers: client,
          xref: createMemoryTable<CustomerXref>(),
          publish: async () => undefined,
        }),
        client,
        versions: createVersionGuard({
          table: createMemoryTable<DocumentVersion>(),
          scheme: integerVersions,
          sourceSystem: 'MAGENTO',
        }),
        metrics: createMetrics({ service: 'test', collectDefaults: false }),
        logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      });
      const before = rig.sim.state.customers.size;
      const cmd = account('kim.refused@example.com', 'NOSUCHTMPL');
      const err = await handle(inbound(cmd, cmd.customer.email)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('M3_NOK');
      expect(e.retriable).toBe(false);
      expect(e.message).toContain('CRS610MI/Add');
      expect(e.message).toContain('NOSUCHTMPL');
      expect(e.message).toMatch(/template/i);
      expect(rig.sim.state.customers.size).toBe(before);
    } finally {
      await rig.close();
    }
  });
});
