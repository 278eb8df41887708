/**
 * Magento leaves a field without a value out of a REST answer instead of sending `null`
 * (FORMAT-NOTES 49: DataObjectProcessor skips null getters). Applied to every successful REST answer;
 * error bodies keep their `parameters` as they are (e.g. `fieldValue: null`, FORMAT-NOTES 29).
 */
export function omitNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(omitNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = omitNulls(v);
  return out;
}
