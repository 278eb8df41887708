// The CRS610MI customer client on the M3 simulator beyond the happy path: the derived number itself, which
// failures of the look-up and of Add are passed on (and which mean "not there" or "lost a race"), the name
// look-up's limits, and the template and e-mail sent.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@m3mage/runtime';
import { createCustomerClient, derivedCuno, type CustomerClientOptions } from '../src/clients/customer.client';
import { customer } from './support/commands';
import { callsOf, failing, rewriteAnswers } from './support/m3-answers';
import { m3Rig, type M3Rig } from './support/m3';

/** RFC 4648 base32 of SHA-256 of the lower-case e-mail, written out bit by bit. */
function expectedCuno(email: string, prefix: string): string {
  const bits = [...createHash('sha256').update(email.trim().toLowerCase()).digest()]
    .map((b) => b.toString(2).padStart(8, '0'))
    .join('');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = prefix;
  for (let i = 0; out.length < 10; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

describe('derived customer number', () => {
  it('is the prefix and the base32 digest of the lower-case e-mail, so it never changes between versions', () => {
    for (const [email, prefix] of [
      ['Zoe.O@Example.com', 'MG'],
      ['zoe.o@example.com', 'W'],
      ['a@b.se', 'MG'],
      ['önsketänkande@exempel.se', 'MAG'],
      ['x@y.z', ''],
    ] as const) {
      expect(derivedCuno(email, prefix), `${email} ${prefix}`).toBe(expectedCuno(email, prefix));
    }
  });
});

describe('CRS610MI customer client on the M3 simulator', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());
  const client = (o: Partial<CustomerClientOptions> = {}) =>
    createCustomerClient({ mi: rig.mi, defaultTemplate: 'TEMPLATE', lookupMaxrecs: 100, ...o });
  const series = (o: Partial<CustomerClientOptions> = {}) => client({ numbering: 'series', ...o });
  const addCall = () =>
    rig.sim.recorder
      .list()
      .filter((c) => c.path.includes('/execute/CRS610MI/Add'))
      .at(-1)?.query;

  describe('look-up by e-mail', () => {
    it.each([
      ['a timeout', () => new AppError('HTTP_TIMEOUT', 'GetBasicData timed out (test)')],
      [
        'a gateway error',
        () => new AppError('HTTP_5XX', 'M3 answered 502 (test)', { details: { system: 'm3', status: 502 } }),
      ],
      [
        'a NOK about another field',
        () =>
          new AppError('M3_NOK', 'M3 ServerReturnedNOK (XRE0103, field CONO): Company 100 does not exist', {
            details: { system: 'm3', m3Field: 'CONO', m3Category: 'not-found' },
          }),
      ],
      [
        'an invalid customer number',
        () =>
          new AppError('M3_NOK', 'M3 ServerReturnedNOK (WCU0102, field CUNO): Customer number must be entered', {
            details: { system: 'm3', m3Field: 'CUNO', m3Category: 'invalid' },
          }),
      ],
    ])('passes on %s of GetBasicData instead of taking it for "no such customer"', async (_, err) => {
      failing(rig, 'CRS610MI/GetBasicData', 1, err);
      const e = err();
      await expect(client().findByEmail(customer('lookup.fails@example.com'))).rejects.toMatchObject({
        details: e.details ?? {},
        message: expect.stringContaining(e.message),
      });
      expect(callsOf(rig, 'CRS610MI/LstByName')).toBe(0);
    });

    it('does not take the customer under the derived number when it has another e-mail', async () => {
      const taken = derivedCuno('collide.find@example.com', 'MG');
      await rig.mi.execute('CRS610MI', 'Add', {
        CUTM: 'TEMPLATE',
        CUNO: taken,
        CUNM: 'Zoë Østergaard-Çelik',
        CUA1: 'x',
        MAIL: 'else@example.com',
      });
      expect(await client().findByEmail(customer('collide.find@example.com'))).toBeUndefined();
    });

    it('with series numbering, goes by name and e-mail only', async () => {
      const { cuno } = await series().add(customer('series.find@example.com', 'Series Find'));
      expect(await series().findByEmail(customer('series.find@example.com', 'Series Find'))).toBe(cuno);
      expect(callsOf(rig, 'CRS610MI/GetBasicData')).toBe(0);
    });

    it('positions LstByName at the (trimmed) name, so a customer far down the name list is found', async () => {
      const { cuno } = await series().add(customer('far.down@example.com', 'Zz Last In The List'));
      const lookup = series({ lookupMaxrecs: 2 });
      expect(await lookup.findByEmail(customer('far.down@example.com', '  Zz Last In The List '))).toBe(cuno);
    });

    it('takes only a customer of exactly that name (LstByName reads on past it)', async () => {
      await series().add(customer('renamed.b@example.com', 'Bertil B'));
      expect(await series().findByEmail(customer('renamed.b@example.com', 'Bertil A'))).toBeUndefined();
    });
  });

  describe('Add', () => {
    it('sends the command’s template, else the configured one, and the e-mail without blanks', async () => {
      const c = client();
      const own = await c.add({ ...customer(' own.template@example.com '), cutm: 'C000001' });
      expect(addCall()?.['CUTM']).toBe('C000001');
      expect(rig.sim.state.customers.get(own.cuno)?.rec['MAIL']).toBe('own.template@example.com');
      for (const cutm of ['', '   ']) {
        await c.add({ ...customer(`default${cutm.length}@example.com`), cutm });
        expect(addCall()?.['CUTM']).toBe('TEMPLATE');
      }
    });

    it('passes on a refusal that is not "already exists" without looking for the customer', async () => {
      const err = await client()
        .add({ ...customer('no.template@example.com'), cutm: 'NOPE' })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'M3_NOK', retriable: false, details: { m3Field: 'CUTM' } });
      expect((err as Error).message).toContain('Customer template NOPE does not exist in M3');
      expect(callsOf(rig, 'CRS610MI/GetBasicData')).toBe(0);
    });

    it('does not take "already exists" about another field for a lost race', async () => {
      failing(
        rig,
        'CRS610MI/Add',
        1,
        () =>
          new AppError('M3_NOK', 'M3 ServerReturnedNOK (XRE0101, field PHNO): Phone number already exists', {
            details: { system: 'm3', m3Field: 'PHNO', m3Category: 'invalid' },
          }),
      );
      await expect(client().add(customer('phone.taken@example.com'))).rejects.toMatchObject({
        code: 'M3_NOK',
        details: { m3Field: 'PHNO' },
      });
      expect(callsOf(rig, 'CRS610MI/GetBasicData')).toBe(0);
    });

    it('reports a customer of the number series as new, also after a digest collision', async () => {
      expect(await series().add(customer('series.new@example.com'))).toEqual({
        cuno: expect.stringMatching(/^C9/),
        existed: false,
      });
      const taken = derivedCuno('collide.add@example.com', 'MG');
      await rig.mi.execute('CRS610MI', 'Add', { CUTM: 'TEMPLATE', CUNO: taken, CUNM: 'x', CUA1: 'x', MAIL: 'o@x.se' });
      expect(await client().add(customer('collide.add@example.com'))).toEqual({
        cuno: expect.stringMatching(/^C9/),
        existed: false,
      });
    });

    it('refuses an Add answered without a customer number', async () => {
      rewriteAnswers(rig, 'CRS610MI/Add', () => [{ ERRM: '' }]);
      await expect(series().add(customer('no.number@example.com'))).rejects.toThrow(
        'CRS610MI/Add answered OK without a CUNO',
      );
    });
  });
});
