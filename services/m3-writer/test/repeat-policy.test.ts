// Which MI calls m3-writer may send twice: the rules of the table (a rule with `when` only once its field
// is filled), reads by default, and every other write never.
import { describe, expect, it } from 'vitest';
import { isRepeatable } from '../src/clients/repeat-policy';

describe('repeat policy', () => {
  it('repeats a rule without a condition, whatever the fields', () => {
    expect(isRepeatable('CRS610MI/ChgBasicData', {})).toBe(true);
    expect(isRepeatable('OIS100MI/AddBatchAddress', { ORNO: '' })).toBe(true);
  });

  it('repeats a conditional rule only when its field is filled', () => {
    expect(isRepeatable('CRS610MI/Add', { CUNO: 'MAG0000042', CUNM: 'Jane' })).toBe(true);
    expect(isRepeatable('CRS610MI/Add', { CUNO: '', CUNM: 'Jane' })).toBe(false);
    expect(isRepeatable('CRS610MI/Add', { CUNM: 'Jane' })).toBe(false);
    expect(isRepeatable('GLS840MI/AddBatchLine', { KEY1: 'payment:1', LINE: '1' })).toBe(true);
    expect(isRepeatable('GLS840MI/AddBatchLine', { LINE: '1' })).toBe(false);
  });

  it('never repeats a rule that is not repeatable, whatever the fields', () => {
    expect(isRepeatable('OIS100MI/AddBatchHead', { CUNO: 'C1', KEY1: 'k' })).toBe(false);
    expect(isRepeatable('OIS100MI/Confirm', { ORNO: '1000001' })).toBe(false);
  });

  it('repeats a read the table does not name, and no other write', () => {
    expect(isRepeatable('OIS100MI/GetOrderNo', {})).toBe(true);
    expect(isRepeatable('CRS610MI/LstByNumber', { CUNO: 'C1' })).toBe(true);
    expect(isRepeatable('OIS100MI/AddLine', { ORNO: '1' })).toBe(false);
    expect(isRepeatable('CRS610MI/Delete', { CUNO: 'C1' })).toBe(false);
  });
});
