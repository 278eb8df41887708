// magento-writer's customer consumer (cmd.magento.customer.v1) on the real broker and registry, against the
// in-process Magento simulator: commands duplicated and out of order end at the newest M3 values, every other
// address kept; a customer Magento refuses to save (a stored address REST validation rejects) is one dead
// letter with Magento's message, and the next customer is still written.
import { createMagentoSimulator, type MagentoSimulator } from '@m3mage/simulators/magento';
import type { UpdateMagentoCustomer } from '@m3mage/schemas/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll, startWriter, waitFor, type Rig } from './support/rig';

let seq = 0;
const update = (
  magentoCustomerId: number,
  m3Version: number,
  telephone: string | null,
  groupId: number | null,
): UpdateMagentoCustomer => {
  seq += 1;
  return {
    meta: {
      commandId: `cmd-c-${seq}`,
      idempotencyKey: `magento-customer:${magentoCustomerId}:${m3Version}`,
      correlationId: `C${magentoCustomerId}`,
      causationId: `evt-c-${seq}`,
      issuedAt: Date.now(),
    },
    magentoCustomerId,
    cuno: `C${magentoCustomerId}`,
    m3Version: String(m3Version),
    telephone,
    groupId,
  };
};

describe('magento-writer customers (real broker + registry, Magento simulator)', () => {
  let sim: MagentoSimulator;
  let rig: Rig;

  beforeAll(async () => {
    sim = createMagentoSimulator({ sizes: { orders: 0, customers: 0 }, integrationAsBearer: true });
    const url = await sim.app.listen({ host: '127.0.0.1', port: 0 });
    rig = await startWriter(sim, url);
  });
  afterAll(async () => {
    await rig?.stop();
    await sim?.close();
  });

  const create = async (email: string): Promise<number> => {
    const own = { firstname: 'Kim', lastname: 'Lind', country_id: 'SE', telephone: '0701111111' };
    const res = await sim.app.inject({
      method: 'POST',
      url: '/rest/default/V1/customers',
      headers: { authorization: `Bearer ${sim.credentials.integration.accessToken}` },
      payload: {
        customer: {
          email,
          firstname: 'Kim',
          lastname: 'Lind',
          website_id: 1,
          addresses: [
            { ...own, street: ['Storgatan 1'], city: 'Lund', postcode: '22100', default_billing: true },
            { ...own, street: ['Lagervägen 3'], city: 'Solna', postcode: '16970', default_shipping: true },
          ],
        },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (JSON.parse(res.body) as { id: number }).id;
  };
  const customer = (id: number) => sim.state.customers.get(id)!;
  const billingPhone = (id: number) =>
    customer(id).addresses.find((a) => String(a.id) === String(customer(id).default_billing))?.telephone;

  it('ends at the newest M3 values though commands arrive twice and out of order, keeping every address', async () => {
    const id = await create('kim.newest@example.com');
    const {
      id: shippingId,
      street,
      city,
      postcode,
      telephone,
    } = customer(id).addresses.find((a) => !a.default_billing)!;
    for (const cmd of [
      update(id, 200, '+468200', 3),
      update(id, 100, '+468100', 2),
      update(id, 200, '+468200', 3),
      update(id, 150, '+468150', 1),
    ])
      await rig.sendCustomer(cmd);
    await waitFor(() => billingPhone(id) === '+468200', 30_000, 'the newest telephone in Magento');
    await rig.caughtUp();
    expect(customer(id).group_id).toBe(3);
    expect(billingPhone(id)).toBe('+468200');
    expect(customer(id).addresses).toHaveLength(2);
    // The shipping address as it was (REST answers leave null fields out, so those are compared as absent).
    expect(customer(id).addresses.find((a) => !a.default_billing)).toMatchObject({
      id: shippingId,
      street,
      city,
      postcode,
      telephone,
      default_shipping: true,
    });
  });

  it('dead-letters a customer Magento will not save, with Magento’s message, and the next one is written', async () => {
    const broken = await create('kim.broken@example.com');
    const next = await create('kim.next@example.com');
    // An address stored before a validation rule applied (an import): REST refuses the whole customer now.
    const other = customer(broken).addresses.find((a) => !a.default_billing)!;
    other.city = '';
    await rig.sendCustomer(update(broken, 300, '+468300', null));
    await rig.sendCustomer(update(next, 300, '+468301', null));
    await waitFor(() => billingPhone(next) === '+468301', 30_000, 'the next customer written');
    await rig.caughtUp();
    const dlq = (await readAll(rig.ctx, `${rig.ns}magento-writer.dlq`)) as Array<{
      originalKey: string;
      errorCode: string;
      errorMessage: string;
    }>;
    const letters = dlq.filter((d) => d.originalKey === String(broken));
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ errorCode: 'MAGENTO_VALIDATION' });
    expect(letters[0]!.errorMessage).toMatch(/city/i);
    expect(billingPhone(broken)).toBe('0701111111');
  });
});
