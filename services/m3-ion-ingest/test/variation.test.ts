// variationID compared as an exact integer: above 2^53 a JS number cannot tell neighbours apart, so a BOD there
// would make the next real one "stale". Beyond M3's signed 64-bit range: 400 naming the field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judgeVersion } from '@m3mage/runtime';
import { MAX_VARIATION_ID, parseVariationId, storedVariation, variationVersions } from '../src/bod/variation';
import { fixture, routeRig, withVariation, type RouteRig } from './support/route-rig';

describe('parseVariationId', () => {
  it('keeps every digit, drops leading zeros, and refuses what is not digits', () => {
    expect(parseVariationId('9007199254740993')).toBe('9007199254740993');
    expect(parseVariationId('0007')).toBe('7');
    expect(parseVariationId('0')).toBe('0');
    expect(parseVariationId(String(MAX_VARIATION_ID))).toBe('9223372036854775807');
    for (const bad of ['', '-1', '1.5', '1e3', ' 7', '0x10']) expect(parseVariationId(bad)).toBeUndefined();
  });

  it('refuses values beyond a signed 64-bit integer, naming the field', () => {
    expect(() => parseVariationId('9223372036854775808')).toThrow(
      "variationID 9223372036854775808 is beyond M3's range (a signed 64-bit integer, at most 9223372036854775807)",
    );
    expect(() => parseVariationId('9'.repeat(100_000))).toThrow(/variationID 9{40}… \(100000 digits\) is beyond/);
    expect(() => parseVariationId(`000${MAX_VARIATION_ID}`)).not.toThrow();
  });

  it('compares exactly where numbers cannot', () => {
    expect(Number('9007199254740993') <= Number('9007199254740992')).toBe(true); // what the old guard did
    const judge = (candidate: bigint, last?: bigint) =>
      judgeVersion(variationVersions, last === undefined ? undefined : { value: last }, { value: candidate });
    expect(judge(9007199254740993n, 9007199254740992n)).toBe('changed');
    expect(judge(9007199254740992n, 9007199254740992n)).toBe('duplicate');
    expect(judge(9007199254740991n, 9007199254740992n)).toBe('stale');
    expect(judge(1n)).toBe('new');
  });

  it('ignores stored versions M3 cannot have sent', () => {
    expect(storedVariation('42')).toBe(42n);
    expect(storedVariation('100000000000000000000')).toBeUndefined();
    expect(storedVariation('1e+21')).toBeUndefined();
  });
});

describe('the variationID guard at the endpoint', () => {
  let rig: RouteRig;
  beforeEach(async () => {
    rig = await routeRig();
  });
  afterEach(() => rig.close());

  it('produces 2^53 + 1 after 2^53 and keeps the exact value in the answer and the header', async () => {
    expect((await rig.post(withVariation('9007199254740992'))).json()).toMatchObject({ outcome: 'produced' });
    const next = await rig.post(withVariation('9007199254740993'));
    expect(next.json()).toMatchObject({ outcome: 'produced', variationId: '9007199254740993' });
    expect(rig.sent[1]?.headers?.['ion-variation-id']).toBe('9007199254740993');
    expect(rig.table.get('Shipment:2000123')?.version).toBe('9007199254740993');
    expect((await rig.post(withVariation('9007199254740993'))).json()).toMatchObject({ outcome: 'stale' });
  });

  it('400 naming variationID for a value beyond 2^63 - 1; the next real BOD is not stale', async () => {
    const huge = await rig.post(withVariation('99999999999999999999'));
    expect(huge.statusCode).toBe(400);
    expect(huge.json()).toEqual({
      status: 'ERROR',
      error: 'malformed',
      message:
        "variationID 99999999999999999999 is beyond M3's range (a signed 64-bit integer, at most 9223372036854775807)",
    });
    const onElement = fixture.replace(
      '<oa:ID accountingEntity="100_AAA">2000123</oa:ID>',
      '<oa:ID accountingEntity="100_AAA" variationID="18446744073709551616">2000123</oa:ID>',
    );
    expect((await rig.post(onElement)).statusCode).toBe(400);
    expect(rig.sent).toHaveLength(0);
    expect((await rig.post(withVariation(8))).json()).toMatchObject({ outcome: 'produced', variationId: '8' });
  });

  it('a version stored before this check (beyond the range) no longer makes real BODs stale', async () => {
    rig.table.remember('Shipment:2000123', {
      documentKey: 'Shipment:2000123',
      version: '100000000000000000000',
      eventId: 'forged',
      appliedAt: 0,
    });
    expect((await rig.post(withVariation(8))).json()).toMatchObject({ outcome: 'produced' });
    const warned = rig.logs.filter((l) => l.msg === 'stored version is not one this service writes; ignored');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ documentKey: 'Shipment:2000123', version: '100000000000000000000' });
  });
});
