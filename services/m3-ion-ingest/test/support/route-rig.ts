// The BOD route in-process (inject, no sockets): in-memory variation table, a recording producer that can be
// made to fail or to throw a bug, and a logger whose lines the test reads.
import { readFileSync } from 'node:fs';
import {
  AppError,
  createLogger,
  createMemoryTable,
  createMetrics,
  type CompactedTable,
  type Producer,
} from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { createBodIngest } from '../../src/ingest';
import { bodRoute } from '../../src/routes/bod.route';
import { createVariationGuard } from '../../src/state/variation-guard';

export const TOKEN = 's3cret-token-value';
export const fixture = readFileSync(new URL('../fixtures/sync-shipment-prefixed.xml', import.meta.url), 'utf8');

/** The fixture with another variationID (in its LN-style BODID). */
export const withVariation = (v: string | number): string => fixture.replace('variationID=7', `variationID=${v}`);

/** The fixture with a UserArea chain in ShipmentHeader, so its deepest element is `depth` levels down. */
export function nestedBod(depth: number): string {
  const chain = depth - 4; // SyncShipment > DataArea > Shipment > ShipmentHeader
  return fixture.replace(
    '<oa:TrackingID>',
    `${'<oa:UserArea>'.repeat(chain)}x${'</oa:UserArea>'.repeat(chain)}<oa:TrackingID>`,
  );
}

export type LogLine = Record<string, unknown> & { level: string; msg: string };

export interface RouteRig {
  app: FastifyInstance;
  sent: Array<{ topic: string; key: string | null; headers?: Record<string, string> }>;
  logs: LogLine[];
  table: CompactedTable<DocumentVersion>;
  /** 'kafka' → the producer rejects like an unacknowledged batch; 'bug' → it throws a TypeError. */
  failure: { mode?: 'kafka' | 'bug' };
  post(payload: string | Buffer, type?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function routeRig(bodyLimit = 5 * 1024 * 1024): Promise<RouteRig> {
  const logs: LogLine[] = [];
  const logger = createLogger({
    service: 'm3-ion-ingest',
    version: '0',
    level: 'info',
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const sent: RouteRig['sent'] = [];
  const failure: RouteRig['failure'] = {};
  const producer = {
    send: async (r: { topic: string; key: string | null; headers?: Record<string, string> }) => {
      if (failure.mode === 'kafka') throw new AppError('KAFKA_PRODUCE_FAILED', 'broker down');
      if (failure.mode === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'offset')");
      sent.push({ topic: r.topic, key: r.key, ...(r.headers ? { headers: r.headers } : {}) });
      return { topic: r.topic, partition: 0, offset: String(sent.length - 1) };
    },
  } as unknown as Producer;
  const table = createMemoryTable<DocumentVersion>();
  const guard = createVariationGuard({ table, logger });
  const app = Fastify();
  await app.register(bodRoute, {
    path: '/ion/bod',
    auth: { bearer: TOKEN },
    bodyLimit,
    ingest: createBodIngest({ producer, guard, logger }),
    metrics: createMetrics({ service: 'm3-ion-ingest', collectDefaults: false }),
    logger,
  });
  return {
    app,
    sent,
    logs,
    table,
    failure,
    post: (payload, type = 'application/xml') =>
      app.inject({
        method: 'POST',
        url: '/ion/bod',
        payload,
        headers: { 'content-type': type, authorization: `Bearer ${TOKEN}` },
      }),
    close: () => app.close(),
  };
}
