// Customers both ways, end to end (issue 11), with the five services as processes. 500 customers are created
// through Magento REST and must appear once each in M3 (by e-mail, case-insensitive) with their delivery
// address; then every customer is edited on both sides at once with random fields — in Magento the fields
// Magento owns (name, street, city, postcode), in M3 the fields M3 owns (phone, customer type) — and every
// field must end at its owner's value in both systems, addresses kept, and nothing written again after that
// (no ping-pong). An e-mail longer than M3's 50 characters is one precise dead letter, nothing else stops.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';
import { prng } from '../support/fuzz';
import { phoneDigits, samePhone } from '@m3mage/runtime/mapping';
import { waitDrained } from './drained';
import { dlqDepth, dlqMessages, serviceLogTails, waitFor, e2eServiceEnv } from './support';

const ns = `${uniqueName('e2e-customers')}.`;
const N = 500;

interface Expected {
  id: number;
  email: string;
  firstname: string;
  lastname: string;
  street: string;
  city: string;
  postcode: string;
  phno: string;
  cutp: string;
  addresses: number;
  /** Billing and shipping are one address: the M3 delivery address follows the billing edits. */
  shipsToBilling: boolean;
  delivery: { street: string; city: string; postcode: string; phno: string };
}

describe('customers both ways', () => {
  let sb: Sandbox;
  const brokers = (): string[] => testStack().brokers;
  const seed = Number(process.env.E2E_SEED ?? Date.now() % 100_000);
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const expected = new Map<number, Expected>();
  const token = (): string => sb.magento.credentials.integration.accessToken;

  const m3ByEmail = () => {
    const out = new Map<string, Array<ReturnType<Sandbox['m3']['state']['customers']['get']> & object>>();
    for (const c of sb.m3.state.customers.values()) {
      const mail = String(c.rec.MAIL ?? '').toLowerCase();
      if (mail) out.set(mail, [...(out.get(mail) ?? []), c]);
    }
    return out;
  };
  const billing = (id: number) => {
    const c = sb.magento.state.customers.get(id);
    return c?.addresses.find((a) => String(a.id) === String(c.default_billing));
  };
  /** What differs from the rule, per customer (empty when converged). */
  const differences = (): string[] => {
    const byEmail = m3ByEmail();
    const out: string[] = [];
    for (const e of expected.values()) {
      const m3 = byEmail.get(e.email.toLowerCase()) ?? [];
      const mg = sb.magento.state.customers.get(e.id);
      const bill = billing(e.id);
      const delivery = m3[0]?.addresses.filter((a) => a.ADRT === '1' && a.ADID === 'WEB') ?? [];
      const d = e.shipsToBilling
        ? { street: e.street, city: e.city, postcode: e.postcode, phno: phoneDigits(e.phno) }
        : e.delivery;
      const want: Record<string, [unknown, unknown]> = {
        'M3 customers with the e-mail': [m3.length, 1],
        'M3 CUNM': [m3[0]?.rec.CUNM, `${e.firstname} ${e.lastname}`],
        'M3 CUA1': [m3[0]?.rec.CUA1, e.street],
        'M3 TOWN': [m3[0]?.rec.TOWN, e.city],
        'M3 PONO': [m3[0]?.rec.PONO, e.postcode],
        'M3 PHNO': [m3[0]?.rec.PHNO, e.phno],
        'M3 CUTP': [m3[0]?.rec.CUTP, e.cutp],
        'M3 delivery addresses': [delivery.length, 1],
        'M3 delivery CUA1': [delivery[0]?.CUA1, d.street],
        'M3 delivery TOWN': [delivery[0]?.TOWN, d.city],
        'M3 delivery PHNO': [delivery[0]?.PHNO, d.phno],
        'Magento lastname': [mg?.lastname, e.lastname],
        'Magento billing street': [bill?.street[0], e.street],
        // The same number: M3 keeps it without separators, Magento as the shopper wrote it.
        'Magento billing telephone': [samePhone(bill?.telephone ?? '', e.phno), true],
        'Magento group': [mg?.group_id, Number(e.cutp) + 1],
        'Magento addresses': [mg?.addresses.length, e.addresses],
      };
      const wrong = Object.entries(want).filter(([, [got, exp]]) => got !== exp);
      if (wrong.length > 0)
        out.push(
          `${e.email}: ${wrong.map(([k, [got, exp]]) => `${k} ${JSON.stringify(got)} ≠ ${JSON.stringify(exp)}`).join(', ')}`,
        );
    }
    return out;
  };
  const explain = (d: string[]): string =>
    `${d.length} differ, e.g. ${d.slice(0, 3).join(' | ')}\n${serviceLogTails(sb)}`;
  /** Change stamps of both sides: M3 LMTS per customer, Magento updated_at per customer and address count. */
  const stamps = (): Map<string, string[]> =>
    new Map(
      [...expected.values()].map((e) => {
        const m3 = m3ByEmail().get(e.email.toLowerCase())?.[0];
        const mg = sb.magento.state.customers.get(e.id);
        return [
          e.email,
          [
            `M3 customer ${m3?.rec.LMTS}`,
            `M3 addresses ${JSON.stringify(m3?.addresses)}`,
            `Magento customer ${mg?.updated_at}`,
            `Magento addresses ${JSON.stringify(mg?.addresses)}`,
          ],
        ];
      }),
    );
  /** Per customer, which of its stamps moved between two snapshots. */
  const moved = (a: Map<string, string[]>, b: Map<string, string[]>): string[] =>
    [...a].flatMap(([email, before]) => {
      const after = b.get(email) ?? [];
      const what = before.filter((x, i) => x !== after[i]).map((x) => x.split(' ').slice(0, 2).join(' '));
      return what.length > 0 ? [`${email}: ${what.join(', ')}`] : [];
    });

  beforeAll(async () => {
    sb = await startSandbox({
      connection: testStack(),
      dir: mkdtempSync(join(tmpdir(), 'e2e-customers-')),
      namespace: ns,
      servicePorts: 'free',
      logLevel: 'warn',
      m3: { seed: { items: 1, warehouses: ['100'], customers: 1 } },
      magento: { sizes: { customers: 0, products: 0, orders: 0, sources: 1 } },
      serviceEnv: e2eServiceEnv({
        'magento-ingest': { POLL_INTERVAL_MS: '2000' },
        'm3-ion-ingest': { WAREHOUSE_POLL_ENABLED: 'false', STOCK_POLL_ENABLED: 'false' },
      }),
    });
  }, 300_000);

  afterAll(async () => {
    await sb?.stop();
  });

  it(`${N} customers created through Magento REST appear once each in M3, by e-mail`, async () => {
    console.log(`customers e2e: seed ${seed} (E2E_SEED=${seed} replays it)`);
    const started = Date.now();
    const created = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const street = `${1 + Math.floor(random() * 200)} ${pick(['Storgatan', 'Kungsgatan', 'Drottninggatan'])}`;
        const city = pick(['Stockholm', 'Uppsala', 'Malmö']);
        const postcode = String(10000 + Math.floor(random() * 89999));
        const phone = `+46 70 ${String(1000000 + i).slice(1)}`;
        const own = { firstname: 'Kim', lastname: `Lind${i}`, country_id: 'SE', telephone: phone };
        // Every third customer ships elsewhere; every customer keeps an address book entry that is no default.
        const separate = i % 3 === 0;
        const addresses = [
          { ...own, street: [street], city, postcode, default_billing: true, default_shipping: !separate },
          ...(separate
            ? [{ ...own, street: ['Lagervägen 3'], city: 'Solna', postcode: '16970', default_shipping: true }]
            : []),
          { ...own, street: ['Sommarvägen 1'], city: 'Visby', postcode: '62150' },
        ];
        const email = `Kim.Lind.${i}@Example.com`;
        const res = await sb.magento.app.inject({
          method: 'POST',
          url: '/rest/default/V1/customers',
          headers: { authorization: `Bearer ${token()}` },
          payload: {
            customer: { email, firstname: 'Kim', lastname: `Lind${i}`, website_id: 1, group_id: 1, addresses },
          },
        });
        expect(res.statusCode, res.body).toBe(200);
        const id = (JSON.parse(res.body) as { id: number }).id;
        const e: Expected = {
          id,
          email,
          firstname: 'Kim',
          lastname: `Lind${i}`,
          street,
          city,
          postcode,
          phno: phoneDigits(phone),
          cutp: '0',
          addresses: addresses.length,
          shipsToBilling: !separate,
          delivery: { street: 'Lagervägen 3', city: 'Solna', postcode: '16970', phno: phoneDigits(phone) },
        };
        expected.set(id, e);
        return e;
      }),
    );
    expect(created).toHaveLength(N);
    await waitFor('every customer once in M3, as in Magento', differences, (d) => d.length === 0, 240_000, explain);
    console.log(
      `customers e2e: ${N} customers in M3 ${((Date.now() - started) / 1000).toFixed(1)} s after the first POST`,
    );
  }, 300_000);

  it('edits on both sides at once end at each field’s owner, addresses kept, and nothing is written again', async () => {
    // Magento's updated_at has one-second resolution: the edits must be in a later second than the creations.
    const createdSecond = Math.max(
      ...[...sb.magento.state.customers.values()].map((c) => Date.parse(`${c.updated_at}Z`)),
    );
    await waitFor(
      'the next Magento second',
      () => Date.now(),
      (now) => now >= createdSecond + 1000,
      5_000,
    );
    const counts = { magento: 0, m3: 0, both: 0 };
    const edits = [...expected.values()].map((e) => async () => {
      const side = pick(['magento', 'm3', 'both'] as const);
      counts[side] += 1;
      const work: Promise<void>[] = [];
      if (side !== 'm3') {
        const c = sb.magento.state.customers.get(e.id)!;
        const fields = pick([['lastname'], ['street'], ['city', 'postcode'], ['lastname', 'street', 'city']]);
        if (fields.includes('lastname')) e.lastname = `${e.lastname}-${pick(['Berg', 'Ek', 'Holm'])}`;
        if (fields.includes('street')) e.street = `${1 + Math.floor(random() * 200)} Vasagatan`;
        if (fields.includes('city')) e.city = pick(['Göteborg', 'Lund', 'Umeå']);
        if (fields.includes('postcode')) e.postcode = String(10000 + Math.floor(random() * 89999));
        const addresses = c.addresses.map((a) =>
          String(a.id) === String(c.default_billing)
            ? { ...a, street: [e.street], city: e.city, postcode: e.postcode }
            : a,
        );
        // A shopper saving the account (one save, the save events): the simulator's storefront hook.
        work.push(
          sb.magento.app
            .inject({
              method: 'PUT',
              url: `/_control/customers/${e.id}`,
              payload: { customer: { lastname: e.lastname, addresses } },
            })
            .then((res) => expect(res.statusCode, res.body).toBe(200)),
        );
      }
      if (side !== 'magento') {
        const cuno = m3ByEmail().get(e.email.toLowerCase())![0]!.rec.CUNO!;
        const fields: Record<string, string> = {};
        if (random() < 0.8) fields.PHNO = e.phno = `+46 8 ${String(100000 + Math.floor(random() * 899999))}`;
        if (random() < 0.5 || !fields.PHNO) fields.CUTP = e.cutp = pick(['1', '2']);
        // An M3 user changing CRS610: the simulator stamps LMTS and publishes CustomerPartyMaster.
        work.push(
          fetch(`${sb.m3Url}/_control/customers/${cuno}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(fields),
          }).then(async (res) => expect(res.status, await res.text()).toBe(200)),
        );
      }
      await Promise.all(work);
    });
    const editStart = Date.now();
    await Promise.all(edits.map((edit) => edit()));
    const lastEdit = Date.now();
    console.log(
      `customers e2e: ${N} customers edited in ${lastEdit - editStart} ms (Magento only ${counts.magento}, M3 only ${counts.m3}, both ${counts.both})`,
    );

    await waitFor(
      'every field at its owner’s value in both systems',
      differences,
      (d) => d.length === 0,
      120_000,
      explain,
    );
    const converged = Date.now();
    const before = stamps();
    // The positive end marker: every group committed to the end of its topics, the simulators idle, twice in a row.
    await waitDrained(sb, brokers(), ns, 120_000);
    const after = stamps();
    const rewrites = moved(before, after);
    const rewritten = rewrites.length;
    console.log(
      `customers e2e: converged ${((converged - lastEdit) / 1000).toFixed(1)} s after the last edit; customers written again after that: ${rewritten}`,
    );
    expect(rewrites.slice(0, 5), 'customers written again once both sides agreed (ping-pong)').toEqual([]);
    expect(differences()).toEqual([]);
    expect(converged - lastEdit, 'converged within 30 s of the last edit').toBeLessThan(30_000);
    const dlq = await dlqDepth(brokers(), ns);
    expect(dlq, 'no dead letters').toEqual({
      'magento-ingest': 0,
      'm3-ion-ingest': 0,
      transformer: 0,
      'm3-writer': 0,
      'magento-writer': 0,
    });
  }, 300_000);

  it('an e-mail longer than M3’s 50 characters is one precise dead letter; the next customer still flows', async () => {
    const long = `${'a'.repeat(45)}@example.com`;
    const post = (email: string, lastname: string) =>
      sb.magento.app.inject({
        method: 'POST',
        url: '/rest/default/V1/customers',
        headers: { authorization: `Bearer ${token()}` },
        payload: {
          customer: {
            email,
            firstname: 'Kim',
            lastname,
            website_id: 1,
            addresses: [
              {
                firstname: 'Kim',
                lastname,
                street: ['Storgatan 1'],
                city: 'Lund',
                postcode: '22100',
                country_id: 'SE',
                telephone: '046123',
                default_billing: true,
                default_shipping: true,
              },
            ],
          },
        },
      });
    expect((await post(long, 'Long')).statusCode).toBe(200);
    const next = await post('kim.after.long@example.com', 'After');
    expect(next.statusCode, next.body).toBe(200);
    await waitFor(
      'the next customer in M3',
      () => m3ByEmail().has('kim.after.long@example.com'),
      Boolean,
      60_000,
      () => serviceLogTails(sb),
    );
    await waitFor(
      'one transformer dead letter',
      () => dlqDepth(brokers(), ns),
      (d) => d.transformer === 1,
      60_000,
    );
    expect(m3ByEmail().has(long)).toBe(false);
    const [letter] = (await dlqMessages(brokers(), ns)).filter((d) => d.topic.endsWith('transformer.dlq'));
    expect(JSON.stringify(letter?.headers)).toMatch(/MAIL|e-mail|email/i);
    expect(JSON.stringify(letter?.headers)).toMatch(/50/);
    expect(await dlqDepth(brokers(), ns)).toEqual({
      'magento-ingest': 0,
      'm3-ion-ingest': 0,
      transformer: 1,
      'm3-writer': 0,
      'magento-writer': 0,
    });
  }, 120_000);
});
