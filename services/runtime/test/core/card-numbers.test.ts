import { describe, expect, it } from 'vitest';
import { luhnValid, maskCardNumbers, maskPan, scanCardNumbers } from '../../src/core';

describe('card numbers (one detector for logs and data, ADR 0009)', () => {
  it.each([
    ['Visa 13', '4222222222222', '*********2222'],
    ['Visa 16 in groups of 4', '4111 1111 1111 1111', '**** **** **** 1111'],
    ['Visa 19', '4111111111111111110', '***************1110'],
    ['Mastercard 2-series with dashes', '2221-0000-0000-0009', '****-****-****-0009'],
    ['Amex 4-6-5', '3782 822463 10005', '**** ****** *0005'],
    ['Diners 14', '30569309025904', '**********5904'],
    ['JCB', '3530111333300000', '************0000'],
    ['Discover', '6011-0009-9013-9424', '****-****-****-9424'],
  ])('masks a %s number, keeping the last four digits and the length', (_name, pan, masked) => {
    expect(scanCardNumbers(pan)).toEqual({ text: masked, masked: 1 });
    expect(masked).toHaveLength(pan.length);
  });

  it('masks card numbers inside text and keeps the text around them', () => {
    expect(scanCardNumbers('Hauptstr. 5, card 4111111111111111 exp 12/27')).toEqual({
      text: 'Hauptstr. 5, card ************1111 exp 12/27',
      masked: 1,
    });
    expect(scanCardNumbers('a 4111-1111-1111-1111, b 5555 5555 5555 4444.')).toEqual({
      text: 'a ****-****-****-1111, b **** **** **** 4444.',
      masked: 2,
    });
    expect(maskCardNumbers('ref4111111111111111x')).toBe('ref************1111x');
    // A digit group around the card (a quantity, a house number) is not swallowed by the mask.
    expect(maskCardNumbers('12 4111 1111 1111 1111 42')).toBe('12 **** **** **** 1111 42');
  });

  it('leaves a masked text as it is (masking twice changes nothing)', () => {
    const once = maskCardNumbers('card 4111 1111 1111 1111');
    expect(maskCardNumbers(once)).toBe(once);
    expect(scanCardNumbers(once).masked).toBe(0);
  });

  it.each([
    ['international phone, bare', '+4915112345678'],
    ['international phone, grouped', '+49 151 12345678'],
    ['US phone', '(415) 555-0132'],
    ['UK phone', '+44 20 7946 0958'],
    ['national mobile', '0151 12345678'],
    ['Magento increment id', '000000123'],
    ['M3 order number', '1000045678'],
    ['16 digits failing Luhn', '4111111111111112'],
    ['20 digits', '41111111111111111111'],
    ['epoch milliseconds', '1714560000000'],
    ['EAN-13', '4006381333931'],
    ['postcode DE', '10115'],
    ['postcode US+4', '02134-1234'],
    ['postcode UK', 'SW1A 1AA'],
    ['a date and time', '2024-05-01 10:00:00'],
    ['digits in pairs', '41 11 11 11 11 11 11 11'],
  ])('leaves a %s alone (%s)', (_name, text) => {
    expect(scanCardNumbers(text)).toEqual({ text, masked: 0 });
  });

  it('takes digits after "+" as a phone number even when they pass Luhn', () => {
    expect(luhnValid('4915112345678')).toBe(true);
    expect(maskCardNumbers('tel +4915112345678')).toBe('tel +4915112345678');
    expect(maskCardNumbers('tel 4915112345678')).toBe('tel *********5678');
    // Only the country code is exempt: a card after it in the same run is still masked.
    expect(maskCardNumbers('+49 4111 1111 1111 1111')).toBe('+49 **** **** **** 1111');
  });

  it('counts each card in a long text once', () => {
    const text = 'x 4111111111111111 '.repeat(1000);
    const scan = scanCardNumbers(text);
    expect(scan.masked).toBe(1000);
    expect(scan.text).not.toContain('4111111111111111');
    expect(scan.text).toHaveLength(text.length);
  });

  it('maskPan masks all digits but the last four and nothing else', () => {
    expect(maskPan('4111-1111-1111-1111')).toBe('****-****-****-1111');
    expect(maskPan('5555555555554444')).toBe('************4444');
  });
});
