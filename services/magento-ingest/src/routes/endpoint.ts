// The shape every inbound endpoint shares: raw body (for signatures) with a size limit and accepted media
// types → authenticate → parse JSON → validate into an OrderDelivery → ingest → answer. Every outcome is
// counted in pipeline_ingest_requests_total{source,outcome}; the sender gets 2xx only after Kafka acked.
// An authentic delivery about an order Magento does not have is answered as its sender's retry rules
// require (FORMAT-NOTES §H, EndpointSpec.notFound), counted `not_found`, never a 503 retried for a day: an
// order that is only not yet readable is caught by the poller. A bug is a 500 whose correlation id is in
// the answer and in one error log line.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { classify, type Logger, type Metrics } from '@m3mage/runtime';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { IngestResult, IngestSource, OrderDelivery } from '../ingest/delivery';
import type { OrderIngest } from '../ingest/order-ingest';
import { jsonText } from './json-limits';

export type RejectReason =
  | 'unauthorized'
  | 'malformed'
  | 'invalid'
  | 'unsupported_event'
  | 'unmappable'
  | 'too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'unavailable'
  | 'internal';

/** A request refused with a precise status and a reason the sender can act on. */
export class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly reason: RejectReason,
    message: string,
    /** The pipeline_ingest_requests_total outcome; default the reason. */
    readonly outcome: string = reason,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

/** What all endpoints get from the app. */
export interface EndpointCommon {
  ingest: OrderIngest;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  bodyLimit: number;
}

export interface EndpointSpec extends EndpointCommon {
  url: string;
  source: IngestSource;
  contentTypes: string[];
  /** undefined = authentic; otherwise why not (never containing a secret). */
  authenticate(headers: IncomingHttpHeaders, raw: Buffer): string | undefined;
  /** Validated delivery, or a Rejection (400 invalid, 422 unsupported_event). */
  toDelivery(body: unknown, headers: IncomingHttpHeaders, raw: Buffer, receivedAt: number): OrderDelivery;
  success(result: IngestResult): unknown;
  failure(reason: RejectReason, message: string): unknown;
  /** The answer for an authentic delivery about an order Magento does not have (per sender, FORMAT-NOTES §H). */
  notFound(message: string): { status: number; body: unknown };
}

const FASTIFY_REJECTIONS: Record<string, [number, RejectReason]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed'],
};

export function registerEndpoint(app: FastifyInstance, spec: EndpointSpec): void {
  const log = spec.logger.child({ component: 'endpoint', source: spec.source });
  const count = (outcome: string): void => spec.metrics.ingestRequestsTotal.inc({ source: spec.source, outcome });

  const reject = (reply: FastifyReply, r: Rejection): FastifyReply => {
    count(r.outcome);
    if (r.status >= 500 && r.reason !== 'internal') void reply.header('retry-after', '5');
    return reply.code(r.status).send(spec.failure(r.reason, r.message));
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(spec.contentTypes, { parseAs: 'buffer', bodyLimit: spec.bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = FASTIFY_REJECTIONS[err.code];
    if (known) return reject(reply, new Rejection(known[0], known[1], err.message));
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500)
      return reject(reply, new Rejection(err.statusCode, 'malformed', err.message));
    const correlationId = randomUUID();
    log.error({ err: classify(err), correlationId, requestId: req.id }, 'unexpected error in endpoint');
    return reject(reply, new Rejection(500, 'internal', `internal error (correlation id ${correlationId})`, 'error'));
  });

  app.post(spec.url, { bodyLimit: spec.bodyLimit }, async (req, reply) => {
    const receivedAt = spec.now();
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const denied = spec.authenticate(req.headers, raw);
    if (denied !== undefined) return reject(reply, new Rejection(401, 'unauthorized', denied));
    const text = jsonText(raw);
    if (!text.ok) {
      log.warn({ requestId: req.id, limit: text.limit }, 'delivery refused as malformed');
      return reject(reply, new Rejection(400, 'malformed', text.message));
    }
    let body: unknown;
    try {
      body = JSON.parse(text.text);
    } catch (e) {
      return reject(reply, new Rejection(400, 'malformed', `body is not JSON: ${(e as Error).message}`));
    }
    let delivery: OrderDelivery;
    try {
      delivery = spec.toDelivery(body, req.headers, raw, receivedAt);
    } catch (e) {
      if (e instanceof Rejection) return reject(reply, e);
      throw e;
    }
    try {
      const result = await spec.ingest.ingest(delivery);
      count(result.outcome);
      return await reply.code(200).send(spec.success(result));
    } catch (e) {
      const err = classify(e);
      if (err.code === 'MAPPING_UNMAPPABLE') return reject(reply, new Rejection(422, 'unmappable', err.message));
      if (err.code === 'MAGENTO_NOT_FOUND') {
        const order = delivery.ref.incrementId ?? `entity_id ${delivery.ref.entityId ?? '?'}`;
        const message = `Magento has no order ${order}: not ingested (the poller ingests it once Magento has it)`;
        log.warn(
          { err, eventId: delivery.eventId, correlationId: order, requestId: req.id },
          'order not found in Magento',
        );
        count('not_found');
        const answer = spec.notFound(message);
        return reply.code(answer.status).send(answer.body);
      }
      log.warn(
        { err, eventId: delivery.eventId, correlationId: delivery.ref.incrementId },
        'ingest failed; sender retries',
      );
      return reject(reply, new Rejection(503, 'unavailable', `not ingested, retry later (${err.code})`));
    }
  });
}
