import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_MS, parseCli, timelineQuery, UsageError } from '../options';

const now = () => Date.parse('2030-06-15T12:00:00.000Z');

describe('timeline options', () => {
  it('defaults to the last 7 days up to now', () => {
    expect(parseCli(['000000123'], now)).toEqual({
      key: '000000123',
      fromMs: now() - DEFAULT_WINDOW_MS,
      toMs: now(),
      json: false,
    });
  });

  it('narrows the window with --from / --to and takes --json', () => {
    expect(
      parseCli(['anna@example.com', '--from', '2030-06-01', '--to', '2030-06-02T10:00:00Z', '--json'], now),
    ).toEqual({
      key: 'anna@example.com',
      fromMs: Date.parse('2030-06-01'),
      toMs: Date.parse('2030-06-02T10:00:00Z'),
      json: true,
    });
    // --to alone: the 7 days before it.
    expect(parseCli(['k', '--to', '2030-06-10T00:00:00Z'], now)).toMatchObject({
      fromMs: Date.parse('2030-06-10T00:00:00Z') - DEFAULT_WINDOW_MS,
    });
  });

  it('takes any key shape (sku@source, an ORNO) as it is', () => {
    expect(parseCli(['ITM-1@WH 1'], now)).toMatchObject({ key: 'ITM-1@WH 1' });
    expect(timelineQuery({ key: ' 1000123 ' }, now).key).toBe('1000123');
  });

  it('answers help without checking anything else', () => {
    expect(parseCli(['--help', '--from', 'nonsense'], now)).toBe('help');
  });

  it.each([
    [[], 'say which document'],
    [['a', 'b'], 'one key at a time'],
    [['k', '--from', 'yesterday'], '--from must be an ISO 8601 time'],
    [['k', '--to', '12'], '--to must be an ISO 8601 time'],
    [['k', '--from', '2030-06-02', '--to', '2030-06-01'], '--from (2030-06-02T00:00:00.000Z) is after --to'],
    [['k', '--limit', '3'], "Unknown option '--limit'"],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseCli(argv, now)).toThrow(UsageError);
    expect(() => parseCli(argv, now)).toThrow(message);
  });

  it('accepts a window of one instant', () => {
    const at = '2030-06-01T00:00:00.000Z';
    expect(timelineQuery({ key: 'k', from: at, to: at }, now)).toMatchObject({
      fromMs: Date.parse(at),
      toMs: Date.parse(at),
    });
  });
});
