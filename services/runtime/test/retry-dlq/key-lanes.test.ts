import { describe, expect, it } from 'vitest';
import { createKeyLanes } from '../../src/retry-dlq/key-lanes';

describe('key lanes', () => {
  it('has no lane until a record of the key enters a tier', () => {
    const lanes = createKeyLanes();
    expect(lanes.tierOf('orders', 'k1')).toBeUndefined();
    expect(lanes.size()).toBe(0);
    lanes.enter('orders', 'k1', 1);
    expect(lanes.tierOf('orders', 'k1')).toBe(1);
    expect(lanes.size()).toBe(1);
  });

  it('keeps the highest tier when more records of the key enter', () => {
    const lanes = createKeyLanes();
    lanes.enter('orders', 'k1', 2);
    lanes.enter('orders', 'k1', 1);
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    lanes.enter('orders', 'k1', 3);
    expect(lanes.tierOf('orders', 'k1')).toBe(3);
    expect(lanes.size()).toBe(1);
  });

  it('closes the lane only when every record that entered has left', () => {
    const lanes = createKeyLanes();
    lanes.enter('orders', 'k1', 1);
    lanes.enter('orders', 'k1', 1);
    lanes.enter('orders', 'k1', 1);
    lanes.leave('orders', 'k1');
    lanes.leave('orders', 'k1');
    expect(lanes.tierOf('orders', 'k1')).toBe(1);
    expect(lanes.size()).toBe(1);
    lanes.leave('orders', 'k1');
    expect(lanes.tierOf('orders', 'k1')).toBeUndefined();
    expect(lanes.size()).toBe(0);
  });

  it('moves a lane up, never down, without counting another record', () => {
    const lanes = createKeyLanes();
    lanes.enter('orders', 'k1', 1);
    lanes.moveUp('orders', 'k1', 3);
    expect(lanes.tierOf('orders', 'k1')).toBe(3);
    lanes.moveUp('orders', 'k1', 2);
    expect(lanes.tierOf('orders', 'k1')).toBe(3);
    lanes.leave('orders', 'k1');
    expect(lanes.tierOf('orders', 'k1')).toBeUndefined();
  });

  it('opens a lane of one record when a record moves up for a key it does not know (after a restart)', () => {
    const lanes = createKeyLanes();
    lanes.moveUp('orders', 'k1', 2);
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    expect(lanes.size()).toBe(1);
    lanes.leave('orders', 'k1');
    expect(lanes.size()).toBe(0);
  });

  it('ignores a leave for a key without a lane, and does not go below zero', () => {
    const lanes = createKeyLanes();
    lanes.leave('orders', 'k1');
    expect(lanes.size()).toBe(0);
    lanes.enter('orders', 'k1', 1);
    lanes.leave('orders', 'k1');
    lanes.leave('orders', 'k1');
    lanes.enter('orders', 'k1', 2);
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    lanes.leave('orders', 'k1');
    expect(lanes.size()).toBe(0);
  });

  it('keeps one lane per (topic, key)', () => {
    const lanes = createKeyLanes();
    lanes.enter('orders', 'k1', 1);
    lanes.enter('orders', 'k2', 2);
    lanes.enter('shipments', 'k1', 3);
    // Topic and key are kept apart: ("ab", "c") is not ("a", "bc").
    lanes.enter('ab', 'c', 1);
    expect([
      lanes.tierOf('orders', 'k1'),
      lanes.tierOf('orders', 'k2'),
      lanes.tierOf('shipments', 'k1'),
      lanes.tierOf('ab', 'c'),
      lanes.tierOf('a', 'bc'),
    ]).toEqual([1, 2, 3, 1, undefined]);
    expect(lanes.size()).toBe(4);
    lanes.leave('orders', 'k1');
    expect([lanes.tierOf('orders', 'k1'), lanes.tierOf('shipments', 'k1')]).toEqual([undefined, 3]);
    expect(lanes.size()).toBe(3);
  });
});
