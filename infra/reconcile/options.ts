// The options of `reconcile`, checked before anything is connected: which entity is compared, the optional
// keys (Magento's: a sku, or sku@source for stock), whether repairs are produced, the output form and the
// scheduled mode (re-run every N seconds with the drift as Prometheus gauges on a /metrics port).
export const ENTITIES = ['stock', 'products'] as const;
/** Entities the pipeline syncs but reconcile cannot compare yet: named apart so the refusal says so. */
export const LATER = ['orders', 'customers'] as const;
export type Entity = (typeof ENTITIES)[number];

export interface ReconcileOptions {
  entity: Entity;
  /** Only these keys (sorted, unique): a sku, or for stock also sku@source. */
  keys?: string[];
  repair: boolean;
  json: boolean;
  /** Scheduled mode: seconds between runs. */
  everySeconds?: number;
  /** Scheduled mode: the port of /metrics (0: any free one). */
  metricsPort: number;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface RawOptions {
  entity?: string | undefined;
  keys?: string | undefined;
  repair?: boolean | undefined;
  json?: boolean | undefined;
  every?: string | undefined;
  'metrics-port'?: string | undefined;
}

const whole = (name: string, text: string, min: number, max: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
};

function entityOf(text: string | undefined): Entity {
  const there = `there is ${ENTITIES.join(', ')}`;
  if (text === undefined) throw new UsageError(`--entity is required (${ENTITIES.join(', ')})`);
  if ((LATER as readonly string[]).includes(text))
    throw new UsageError(`reconcile of ${text} is not available yet; ${there}`);
  if (!(ENTITIES as readonly string[]).includes(text))
    throw new UsageError(`--entity "${text}" is not one of ${ENTITIES.join(', ')}`);
  return text as Entity;
}

export function reconcileOptions(raw: RawOptions): ReconcileOptions {
  const entity = entityOf(raw.entity);
  const keys = raw.keys
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (raw.keys !== undefined && !keys?.length) throw new UsageError('--keys names no key');
  if (entity === 'products' && keys?.some((k) => k.includes('@')))
    throw new UsageError('--keys of products are skus (sku@source is a stock key)');
  if (raw['metrics-port'] !== undefined && raw.every === undefined)
    throw new UsageError('--metrics-port is for the scheduled mode (--every <seconds>)');
  return {
    entity,
    ...(keys ? { keys: [...new Set(keys)].sort() } : {}),
    repair: raw.repair === true,
    json: raw.json === true,
    ...(raw.every !== undefined ? { everySeconds: whole('every', raw.every, 1, 86_400) } : {}),
    metricsPort: raw['metrics-port'] !== undefined ? whole('metrics-port', raw['metrics-port'], 0, 65_535) : 9464,
  };
}

/** Whether a key (sku, or sku@source) is one of the keys asked for: a sku asks for all its sources. */
export function wanted(keys: readonly string[] | undefined, key: string): boolean {
  if (!keys) return true;
  const at = key.indexOf('@');
  return keys.includes(key) || (at > 0 && keys.includes(key.slice(0, at)));
}
