// One BOD from the wire to Kafka: unwrap the envelope, parse the BOD, map the noun, pass the variationID
// guard, produce the change-data event (resolves only after Kafka acknowledged).
import type { Logger, Producer } from '@m3mage/runtime';
import { parseBod, UnsupportedBod, type Bod } from './bod/bod';
import { unwrapJson, unwrapXml } from './bod/envelope';
import { bodMappings, type BodMapping } from './mappings/index';
import type { VariationGuard } from './state/variation-guard';

export type IngestOutcome = 'produced' | 'stale';

export interface IngestResult {
  outcome: IngestOutcome;
  bodId: string;
  document: string;
  /** Exact, as a decimal string (a JS number would lose digits above 2^53). */
  variationId: string;
}

export interface BodIngestOptions {
  producer: Producer;
  guard: VariationGuard;
  logger: Logger;
  now?: () => number;
}

export type BodIngest = (body: string, format: 'json' | 'xml') => Promise<IngestResult>;

function mappingFor(bod: Bod): BodMapping {
  const name = `${bod.verb}${bod.noun}`;
  const mapping = bodMappings[name];
  if (!mapping) {
    throw new UnsupportedBod(`${name} is not handled; this endpoint takes ${Object.keys(bodMappings).join(', ')}`);
  }
  return mapping;
}

export function createBodIngest(opts: BodIngestOptions): BodIngest {
  const now = opts.now ?? Date.now;
  return async (body, format) => {
    const unwrapped = format === 'json' ? unwrapJson(body) : unwrapXml(body);
    const bod = parseBod(unwrapped.xml, Object.keys(bodMappings));
    const mapped = mappingFor(bod)(bod, now());
    const document = `${bod.noun}:${mapped.documentId}`;
    const value = (mapped.change.after ?? mapped.change.before) as { cuor?: string | null } | null;
    const source = { eventId: bod.bodId, correlationId: document };
    const { verdict } = await opts.guard.admit(document, { value: BigInt(mapped.variationId) }, source, async () => {
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
    });
    const outcome = verdict === 'new' || verdict === 'changed' ? 'produced' : 'stale';
    opts.logger.debug({ bodId: bod.bodId, document, variationId: mapped.variationId, outcome }, 'BOD');
    return {
      outcome,
      bodId: bod.bodId,
      document,
      variationId: mapped.variationId,
    };
  };
}
