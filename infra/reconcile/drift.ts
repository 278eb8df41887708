// What a comparison finds, per key: the fields that differ (M3's value, Magento's, and what Magento must
// show by the mapping), or a key on one side only; and the summary counts. Pure data, shared by both
// entities, the text and JSON reports and the gauges.
export type DriftKind = 'differs' | 'missing-in-magento' | 'missing-in-m3';

export const DRIFT_KINDS: readonly DriftKind[] = Object.freeze(['differs', 'missing-in-magento', 'missing-in-m3']);

export interface FieldDrift {
  /** Magento's field (attribute code, `quantity`, `status`, `category_links`). */
  field: string;
  /** Where the value comes from in M3, with M3's value (e.g. `STQT 12 − ALQT 2`). */
  m3: string;
  /** What Magento shows (null: nothing). */
  magento: unknown;
  /** What Magento must show for M3's value, by the mapping. */
  expected: unknown;
}

export interface Drift {
  key: string;
  kind: DriftKind;
  fields: FieldDrift[];
}

export interface Summary {
  /** Keys compared: every key the mapping says Magento must have, and every Magento key M3 has none for. */
  compared: number;
  equal: number;
  /** Keys on both sides with at least one field differing. */
  drifted: number;
  missingInMagento: number;
  missingInM3: number;
  /** M3 records the mapping does not send to Magento (not for sale, no price, a warehouse not in the store). */
  notForMagento: number;
  /** M3 records the mapping refuses, with the reason. */
  unmappable: number;
}

/** A comparison of one entity; `repairs` holds, per drifted key, what the repair command is built from. */
export interface Comparison<R> {
  entity: string;
  drifts: Drift[];
  unmappable: Array<{ key: string; reason: string }>;
  notForMagento: number;
  equal: number;
  repairs: Map<string, R>;
}

export function summaryOf(c: Pick<Comparison<unknown>, 'drifts' | 'unmappable' | 'notForMagento' | 'equal'>): Summary {
  const count = (kind: DriftKind) => c.drifts.filter((d) => d.kind === kind).length;
  return {
    compared: c.equal + c.drifts.length,
    equal: c.equal,
    drifted: count('differs'),
    missingInMagento: count('missing-in-magento'),
    missingInM3: count('missing-in-m3'),
    notForMagento: c.notForMagento,
    unmappable: c.unmappable.length,
  };
}

export const byKey = <T extends { key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
