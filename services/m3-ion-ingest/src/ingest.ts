// One BOD from the wire to Kafka: unwrap the envelope, parse the BOD, map the noun, pass the variationID
// guard, produce the change-data event (resolves only after Kafka acknowledged). A noun with a handler of its
// own (the inventory BOD: many balances, versioned by time like the stock poll) is given to that handler.
import type { Logger, Producer } from '@m3mage/runtime';
import { parseBod, UnsupportedBod, type Bod } from './bod/bod';
import { unwrapJson, unwrapXml } from './bod/envelope';
import { bodMappings as allMappings, type BodMapping, type MappedBod } from './mappings/index';
import type { VariationGuard } from './state/variation-guard';

export type IngestOutcome = 'produced' | 'stale';

export interface IngestResult {
  outcome: IngestOutcome;
  bodId: string;
  /** The (first) document key, e.g. `Shipment:0000123456` or `stock:ITM1@100`. */
  document: string;
  /** Exact, as a decimal string (a JS number would lose digits above 2^53); absent for time-versioned nouns. */
  variationId?: string;
  /** Per balance of an inventory BOD: its key, what was done and the version judged or produced. */
  balances?: Array<{ document: string; outcome: 'produced' | 'skipped' | 'stale'; version: string }>;
}

/** Takes a parsed BOD of its noun end to end (resolves once Kafka acknowledged); `xml` is the BOD as received. */
export type BodHandler = (bod: Bod, xml: string) => Promise<Omit<IngestResult, 'bodId'>>;

export interface BodIngestOptions {
  producer: Producer;
  guard: VariationGuard;
  logger: Logger;
  now?: () => number;
  /** `Verb+Noun` → mapping; default every noun (mappings/index.ts). */
  mappings?: Readonly<Record<string, BodMapping>>;
  /** Completes a mapped change before it is produced, per topic (e.g. an item's price read from M3). */
  enrich?: Readonly<Partial<Record<string, (mapped: MappedBod<unknown>) => Promise<MappedBod<unknown>>>>>;
  /** `Verb+Noun` → a handler of its own instead of a mapping (taken besides `mappings`). */
  handlers?: Readonly<Record<string, BodHandler>>;
}

export type BodIngest = (body: string, format: 'json' | 'xml') => Promise<IngestResult>;

function mappingFor(bodMappings: Readonly<Record<string, BodMapping>>, bod: Bod, taken: string[]): BodMapping {
  const name = `${bod.verb}${bod.noun}`;
  const mapping = bodMappings[name];
  if (!mapping) throw new UnsupportedBod(`${name} is not handled; this endpoint takes ${taken.join(', ')}`);
  return mapping;
}

export function createBodIngest(opts: BodIngestOptions): BodIngest {
  const now = opts.now ?? Date.now;
  const bodMappings = opts.mappings ?? allMappings;
  const handlers = opts.handlers ?? {};
  const taken = [...Object.keys(bodMappings), ...Object.keys(handlers)];
  return async (body, format) => {
    const unwrapped = format === 'json' ? unwrapJson(body) : unwrapXml(body);
    const bod = parseBod(unwrapped.xml, taken);
    const handler = handlers[`${bod.verb}${bod.noun}`];
    if (handler) {
      const handled = await handler(bod, unwrapped.xml);
      opts.logger.debug({ bodId: bod.bodId, document: handled.document, outcome: handled.outcome }, 'BOD');
      return { ...handled, bodId: bod.bodId };
    }
    const parsed = mappingFor(bodMappings, bod, taken)(bod, now());
    const enrich = opts.enrich?.[parsed.topic];
    const document = `${bod.noun}:${parsed.documentId}`;
    const source = { eventId: bod.bodId, correlationId: document };
    // Enriched under the document's lock and only when the variation is new, so a stale BOD costs no call.
    const { verdict } = await opts.guard.admit(document, { value: BigInt(parsed.variationId) }, source, async () => {
      const mapped = enrich ? await enrich(parsed) : parsed;
      const value = (mapped.change.after ?? mapped.change.before) as { cuor?: string | null } | null;
      await opts.producer.send({
        topic: mapped.topic,
        key: mapped.key,
        value: mapped.change,
        meta: {
          correlationId: value?.cuor ?? mapped.change.source.id,
          causationId: bod.bodId,
          eventType: `${bod.verb}${bod.noun}`,
          sourceSystem: 'M3',
          occurredAt: new Date(mapped.change.source.occurredAt),
        },
        headers: { 'ion-logical-id': bod.logicalId ?? '', 'ion-variation-id': mapped.variationId },
      });
      // A delete on a topic of personal data: the op d, then a tombstone, so compaction removes the customer.
      if (mapped.change.op === 'd' && mapped.tombstoneOnDelete)
        await opts.producer.send({
          topic: mapped.topic,
          key: mapped.key,
          value: null,
          meta: {
            correlationId: mapped.change.source.id,
            causationId: bod.bodId,
            eventType: 'Tombstone',
            sourceSystem: 'M3',
          },
        });
    });
    const outcome = verdict === 'new' || verdict === 'changed' ? 'produced' : 'stale';
    opts.logger.debug({ bodId: bod.bodId, document, variationId: parsed.variationId, outcome }, 'BOD');
    return {
      outcome,
      bodId: bod.bodId,
      document,
      variationId: parsed.variationId,
    };
  };
}
