// Customer changes made on the Magento simulator as an admin (REST) or a shopper (the control API).
import type { MagentoSimulator } from '@m3mage/simulators/magento';
import { expect } from 'vitest';

/** An address as a shopper types it into the address book. */
export const bookAddress = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  firstname: 'Åsa',
  lastname: 'Berg',
  street: ['Kungsgatan 12'],
  city: 'Stockholm',
  postcode: '111 57',
  country_id: 'SE',
  telephone: '+46 8 123 4567',
  ...over,
});

/** A REST call as the admin (`/rest/default/V1<path>`), expected to answer 200; resolves when events are sent. */
export async function adminRest(sim: MagentoSimulator, method: 'PUT' | 'DELETE', path: string, payload?: unknown) {
  const token = await sim.app.inject({
    method: 'POST',
    url: '/rest/V1/integration/admin/token',
    payload: sim.credentials.admin,
  });
  const res = await sim.app.inject({
    method,
    url: `/rest/default/V1${path}`,
    headers: { authorization: `Bearer ${token.json<string>()}` },
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode).toBe(200);
  await sim.idle();
  return res;
}

/** A shopper adding an address in the address book; resolves when its events are sent. */
export async function addAddress(sim: MagentoSimulator, customerId: number, over: Record<string, unknown> = {}) {
  const res = await sim.app.inject({
    method: 'POST',
    url: `/_control/customers/${customerId}/addresses`,
    payload: { address: bookAddress(over) },
  });
  expect(res.statusCode).toBe(201);
  await sim.idle();
  return res.json<{ id: number }>();
}
