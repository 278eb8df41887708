// "Keys in retry": per (original topic, key), the highest retry tier holding one of its records and how
// many of its records are in the retry tiers. While a key has a lane, its later records queue behind.
// Kept in memory: see the README for the bound this gives across restarts.
export interface KeyLanes {
  /** The tier the key's records wait in, or undefined when none waits. */
  tierOf(topic: string, key: string): number | undefined;
  /** One more record of the key entered `tier` (a first failure, or a record parked behind). */
  enter(topic: string, key: string, tier: number): void;
  /** A record of the key moved up to `tier`. */
  moveUp(topic: string, key: string, tier: number): void;
  /** One record of the key left the retry tiers (acknowledged or dead-lettered). */
  leave(topic: string, key: string): void;
  size(): number;
}

export function createKeyLanes(): KeyLanes {
  const lanes = new Map<string, { tier: number; pending: number }>();
  const id = (topic: string, key: string): string => `${topic}\u0000${key}`;
  return {
    tierOf: (topic, key) => lanes.get(id(topic, key))?.tier,
    enter(topic, key, tier) {
      const lane = lanes.get(id(topic, key));
      if (lane) {
        lane.pending += 1;
        lane.tier = Math.max(lane.tier, tier);
      } else lanes.set(id(topic, key), { tier, pending: 1 });
    },
    moveUp(topic, key, tier) {
      const lane = lanes.get(id(topic, key));
      if (lane) lane.tier = Math.max(lane.tier, tier);
      else lanes.set(id(topic, key), { tier, pending: 1 });
    },
    leave(topic, key) {
      const lane = lanes.get(id(topic, key));
      if (!lane) return;
      lane.pending -= 1;
      if (lane.pending <= 0) lanes.delete(id(topic, key));
    },
    size: () => lanes.size,
  };
}
