// The shape every inbound endpoint shares: raw body (for signatures) with a size limit and accepted media
// types → authenticate → parse JSON → the event the delivery names (an event not handled here is named as
// such before any shape check, FORMAT-NOTES 51) → validate into a Delivery of one registry entity → ingest → a
// Verdict, which the sender's own answer policy turns into the answer it understands (answers.ts, FORMAT-NOTES
// §H). Every verdict is counted in pipeline_ingest_requests_total{source,outcome}; a delivery answered 2xx
// without being made durable is also counted in pipeline_ingest_left_to_poller_total{source,reason}. A bug is a
// 500-class refusal whose correlation id is in the answer and in one error log line.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { classify, type Logger, type Metrics } from '@m3mage/runtime';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Delivery, IngestResult, IngestSource } from '../ingest/delivery';
import type { Ingest } from '../ingest/ingest';
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

/** A delivery refused, with the HTTP status a sender that reads statuses gets and a message it can act on. */
export class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly reason: RejectReason,
    message: string,
    /** The pipeline_ingest_requests_total outcome; default the reason. */
    readonly outcome: string = reason,
    /** `WWW-Authenticate` challenges for a 401 (HTTP Digest). */
    readonly challenges: readonly string[] = [],
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

/** What the endpoint decided about one request. */
export type Verdict = { accepted: true; result: IngestResult } | { accepted: false; refusal: Rejection };

/** One answer in the sender's terms. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string | string[]>;
  /** Answered 2xx although nothing was made durable: only the poller can still ingest the record. */
  leftToPoller?: boolean;
}

/** How one sender is answered, for every verdict (answers.ts). */
export type AnswerPolicy = (verdict: Verdict) => Answer;

/** Why a request is not authentic (never containing a secret), and the challenges to send with the 401. */
export interface Denial {
  message: string;
  challenges?: string[];
}

export interface RequestParts {
  method: string;
  /** The request target as sent (path and query), e.g. for HTTP Digest's `uri`. */
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** Path parameters of the route. */
  params: Record<string, string | undefined>;
}

/** What all endpoints get from the app. */
export interface EndpointCommon {
  ingest: Ingest;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  bodyLimit: number;
}

export interface EndpointSpec extends EndpointCommon {
  /** One or more routes (e.g. with a path parameter naming the hook). */
  urls: string[];
  source: IngestSource;
  contentTypes: string[];
  authenticate(req: RequestParts): Denial | undefined;
  /** The event the body (or headers, or path) names, read leniently; undefined when it names none. */
  eventOf(body: unknown, req: RequestParts): string | undefined;
  /** Where eventOf looks, for the error when it finds nothing (e.g. "body.type"). */
  eventField: string;
  /** The event names handled here, as this sender spells them. */
  handled: readonly string[];
  /** Validated delivery of a handled event, or a Rejection (400 invalid). */
  toDelivery(body: unknown, event: string, req: RequestParts, receivedAt: number): Delivery;
  answer: AnswerPolicy;
}

const FASTIFY_REJECTIONS: Record<string, [number, RejectReason]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed'],
};

export const unsupported = (event: string, handled: readonly string[]): Rejection =>
  new Rejection(422, 'unsupported_event', `event ${event} is not handled here; handled: ${handled.join(', ')}`);

export function registerEndpoint(app: FastifyInstance, spec: EndpointSpec): void {
  const log = spec.logger.child({ component: 'endpoint', source: spec.source });
  const count = (outcome: string): void => spec.metrics.ingestRequestsTotal.inc({ source: spec.source, outcome });

  const send = (reply: FastifyReply, verdict: Verdict): FastifyReply => {
    count(verdict.accepted ? verdict.result.outcome : verdict.refusal.outcome);
    const answer = spec.answer(verdict);
    if (answer.leftToPoller && !verdict.accepted)
      spec.metrics.ingestLeftToPollerTotal.inc({ source: spec.source, reason: verdict.refusal.reason });
    for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
    return reply.code(answer.status).send(answer.body);
  };
  const refuse = (reply: FastifyReply, r: Rejection): FastifyReply => send(reply, { accepted: false, refusal: r });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(spec.contentTypes, { parseAs: 'buffer', bodyLimit: spec.bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = FASTIFY_REJECTIONS[err.code];
    if (known) return refuse(reply, new Rejection(known[0], known[1], err.message));
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500)
      return refuse(reply, new Rejection(err.statusCode, 'malformed', err.message));
    const correlationId = randomUUID();
    log.error({ err: classify(err), correlationId, requestId: req.id }, 'unexpected error in endpoint');
    return refuse(reply, new Rejection(500, 'internal', `internal error (correlation id ${correlationId})`, 'error'));
  });

  for (const url of spec.urls)
    app.post(url, { bodyLimit: spec.bodyLimit }, async (req, reply) => {
      const receivedAt = spec.now();
      const parts: RequestParts = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        raw: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        params: (req.params ?? {}) as Record<string, string | undefined>,
      };
      const denied = spec.authenticate(parts);
      if (denied !== undefined)
        return refuse(reply, new Rejection(401, 'unauthorized', denied.message, undefined, denied.challenges));
      const text = jsonText(parts.raw);
      if (!text.ok) {
        log.warn({ requestId: req.id, limit: text.limit }, 'delivery refused as malformed');
        return refuse(reply, new Rejection(400, 'malformed', text.message));
      }
      let body: unknown;
      try {
        body = JSON.parse(text.text);
      } catch (e) {
        return refuse(reply, new Rejection(400, 'malformed', `body is not JSON: ${(e as Error).message}`));
      }
      const event = spec.eventOf(body, parts);
      let delivery: Delivery;
      try {
        if (event === undefined)
          throw new Rejection(400, 'invalid', `the delivery names no event (${spec.eventField})`);
        if (!spec.handled.includes(event)) throw unsupported(event, spec.handled);
        delivery = spec.toDelivery(body, event, parts, receivedAt);
      } catch (e) {
        if (e instanceof Rejection) return refuse(reply, e);
        throw e;
      }
      try {
        return send(reply, { accepted: true, result: await spec.ingest.ingest(delivery) });
      } catch (e) {
        const err = classify(e);
        if (err.code === 'MAPPING_UNMAPPABLE') return refuse(reply, new Rejection(422, 'unmappable', err.message));
        if (err.code === 'MAGENTO_NOT_FOUND') {
          const { entity, ref } = delivery;
          const id = ref.key ?? `${entity.idName} ${ref.id ?? '?'}`;
          const message = `Magento has no ${entity.name} ${id}: not ingested (${entity.notFoundNote})`;
          log.warn(
            { err, eventId: delivery.eventId, correlationId: id, requestId: req.id },
            `${entity.name} not found in Magento`,
          );
          return refuse(reply, new Rejection(422, 'not_found', message));
        }
        log.warn({ err, eventId: delivery.eventId, correlationId: delivery.ref.key }, 'ingest failed');
        return refuse(reply, new Rejection(503, 'unavailable', `not ingested, retry later (${err.code})`));
      }
    });
}
