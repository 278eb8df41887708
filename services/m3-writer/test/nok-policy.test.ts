// The writer's NOK policy (src/clients/nok-policy.ts): which M3 refusals are retried, waited for (the item
// or customer may be synced later) or dead-lettered at once, and the remedy text an operator reads.
import { describe, expect, it } from 'vitest';
import { AppError, classifyHttp } from '@m3mage/runtime';
import { m3Answers } from '@m3mage/connectors/m3';
import { applyNokPolicy } from '../src/clients/nok-policy';

/** The AppError the HTTP client makes of an HTTP 200 ServerReturnedNOK (M3 pads @field to 10). */
function nok(code: string, field: string, message: string): AppError {
  const body = { '@type': 'ServerReturnedNOK', '@code': code, '@field': field.padEnd(10, ' '), Message: message };
  const err = classifyHttp('m3', 200, body, {}, { answers: m3Answers });
  if (!err) throw new Error('not a NOK');
  return err;
}

const lineFields = { ITNO: 'SKU-1', WHLO: 'W01', ORNO: '1000001' };

describe('applyNokPolicy', () => {
  it('retries a locked record, whatever the operation', () => {
    const err = applyNokPolicy(nok('CPF9898', 'ORNO', 'Record is locked by another user'), 'OIS100MI/Confirm', {});
    expect(err).toMatchObject({ code: 'M3_NOK', kind: 'transient', retriable: true });
    expect(err.message).toBe(
      'OIS100MI/Confirm: M3 ServerReturnedNOK (CPF9898, field ORNO): Record is locked by another user — M3 record locked by another job; retried',
    );
    expect(err.details).toMatchObject({ operation: 'OIS100MI/Confirm', nokAction: 'retry', m3Code: 'CPF9898' });
  });

  it('waits for an unknown item on AddBatchLine, naming the item and warehouse sent', () => {
    const source = nok('WIT0203', 'ITNO', 'Item number SKU-1 does not exist');
    const err = applyNokPolicy(source, 'OIS100MI/AddBatchLine', lineFields);
    expect(err).toMatchObject({ code: 'MAPPING_NOT_YET', kind: 'transient', retriable: true });
    expect(err.message).toContain('Item SKU-1 is not active in M3 (or has no item/warehouse record in W01)');
    expect(err.cause).toBe(source);
    expect(err.details).toEqual({ ...source.details, operation: 'OIS100MI/AddBatchLine', nokAction: 'not-yet' });
  });

  it('says (default) for a field the call did not send', () => {
    const err = applyNokPolicy(nok('WIT0203', 'ITNO', 'Item does not exist'), 'OIS100MI/AddBatchLine', {
      ITNO: 'SKU-1',
    });
    expect(err.message).toContain('item/warehouse record in (default))');
  });

  it('matches a rule only for its operation: an unknown item elsewhere keeps the runtime’s verdict', () => {
    const source = nok('WIT0203', 'ITNO', 'Item does not exist');
    expect(applyNokPolicy(source, 'MMS200MI/GetItmBasic', lineFields)).toBe(source);
  });

  it('matches a rule only for its categories: an item NOK that is not "not found" or "invalid" passes', () => {
    const source = nok('XAU0008', 'ITNO', 'Not authorized');
    expect(applyNokPolicy(source, 'OIS100MI/AddBatchLine', lineFields)).toBe(source);
  });

  it('dead-letters a refused customer number on CRS610MI/Add, but waits for an unknown customer elsewhere', () => {
    const refused = applyNokPolicy(nok('WCU0102', 'CUNO', 'Customer number must be entered'), 'CRS610MI/Add', {
      CUNO: 'MGABCDEFGH',
      CUTM: 'TEMPLATE',
    });
    expect(refused).toMatchObject({ code: 'M3_NOK', kind: 'validation', retriable: false });
    expect(refused.details?.['nokAction']).toBe('dead-letter');
    const missing = applyNokPolicy(nok('WCU0203', 'CUNO', 'Customer does not exist'), 'OIS100MI/AddBatchHead', {
      CUNO: 'C1',
    });
    expect(missing).toMatchObject({ code: 'MAPPING_NOT_YET', retriable: true });
    expect(missing.message).toContain('Customer C1 does not exist in M3 (yet)');
  });

  it('dead-letters an unknown warehouse, template or unauthorized company at once', () => {
    const whlo = applyNokPolicy(
      nok('WWH0203', 'WHLO', 'Warehouse does not exist'),
      'OIS100MI/AddBatchLine',
      lineFields,
    );
    expect(whlo).toMatchObject({ code: 'M3_NOK', retriable: false });
    expect(whlo.message).toContain('Warehouse W01 is not known to M3');
    const cutm = applyNokPolicy(nok('WCU0203', 'CUTM', 'Template does not exist'), 'CRS610MI/Add', { CUTM: 'T1' });
    expect(cutm.message).toContain('Customer template T1 does not exist in M3');
    expect(cutm.retriable).toBe(false);
    const cono = applyNokPolicy(nok('XAU0008', 'CONO', 'Not authorized for company 100'), 'OIS100MI/AddBatchHead', {
      CONO: '100',
    });
    expect(cono).toMatchObject({ code: 'M3_NOK', kind: 'validation', retriable: false });
    expect(cono.message).toContain('not authorized for company 100');
  });

  it('leaves a NOK no rule knows, and every other error, as they are', () => {
    const other = nok('XYZ0001', 'ABCD', 'Something else');
    expect(applyNokPolicy(other, 'OIS100MI/AddBatchHead', {})).toBe(other);
    const noField = new AppError('M3_NOK', 'no details');
    expect(applyNokPolicy(noField, 'OIS100MI/AddBatchLine', lineFields)).toBe(noField);
    const down = new AppError('HTTP_5XX', 'm3 down', { details: { m3Field: 'CUNO', m3Category: 'not-found' } });
    expect(applyNokPolicy(down, 'OIS100MI/AddBatchHead', { CUNO: 'C1' })).toBe(down);
  });
});
