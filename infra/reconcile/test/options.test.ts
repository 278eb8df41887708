// The options refuse what cannot be run before anything is connected (exit 2): orders and customers are
// named as not available yet, keys are normalised, the scheduled mode's port needs --every.
import { describe, expect, it } from 'vitest';
import { reconcileOptions, UsageError, wanted } from '../options';

describe('reconcile options', () => {
  it('an entity is required; orders and customers are not available yet, naming those there are', () => {
    expect(() => reconcileOptions({})).toThrow(UsageError);
    expect(() => reconcileOptions({ entity: 'orders' })).toThrow(
      'reconcile of orders is not available yet; there is stock, products',
    );
    expect(() => reconcileOptions({ entity: 'customers' })).toThrow('not available yet; there is stock, products');
    expect(() => reconcileOptions({ entity: 'invoices' })).toThrow('--entity "invoices" is not one of stock, products');
  });

  it('defaults, and keys sorted and unique', () => {
    expect(reconcileOptions({ entity: 'stock' })).toEqual({
      entity: 'stock',
      repair: false,
      json: false,
      metricsPort: 9464,
    });
    expect(reconcileOptions({ entity: 'stock', keys: 'B, A@wh_sto,B', repair: true, json: true })).toEqual({
      entity: 'stock',
      keys: ['A@wh_sto', 'B'],
      repair: true,
      json: true,
      metricsPort: 9464,
    });
    expect(() => reconcileOptions({ entity: 'stock', keys: ' , ' })).toThrow('--keys names no key');
    expect(() => reconcileOptions({ entity: 'products', keys: 'A@wh_sto' })).toThrow('skus');
  });

  it('the scheduled mode: seconds and port checked; the port alone is refused', () => {
    expect(reconcileOptions({ entity: 'products', every: '60', 'metrics-port': '0' })).toMatchObject({
      everySeconds: 60,
      metricsPort: 0,
    });
    expect(() => reconcileOptions({ entity: 'stock', every: '0' })).toThrow('--every must be a whole number');
    expect(() => reconcileOptions({ entity: 'stock', every: 'soon' })).toThrow(UsageError);
    expect(() => reconcileOptions({ entity: 'stock', 'metrics-port': '9000' })).toThrow('--every');
  });

  it('a sku names every source of it; sku@source only itself', () => {
    expect(wanted(undefined, 'A@x')).toBe(true);
    expect(wanted(['A'], 'A@x')).toBe(true);
    expect(wanted(['A@y'], 'A@x')).toBe(false);
    expect(wanted(['AB'], 'A@x')).toBe(false);
  });
});
