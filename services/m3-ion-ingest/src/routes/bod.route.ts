// POST {ION_INGEST_PATH}: a raw BOD (application/xml, text/xml) or an ION Messaging envelope
// (application/json, or XML <messageRequest>). 200 once Kafka acknowledged (also for a stale BOD, which
// is dropped and counted: not an error for ION); 400 malformed (also every parser limit, named), 401
// unauthenticated, 413 too large, 415 media type, 422 unsupported noun or unmappable BOD, 503 Kafka
// unavailable. Anything else is a bug: 500 with a correlation id that is in the answer and in the one error log line.
import { randomUUID } from 'node:crypto';
import { isAppError, type Logger, type Metrics } from '@m3mage/runtime';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { decodeUtf8 } from '../bod/encoding';
import { EnvelopeError } from '../bod/envelope';
import { XmlError } from '../bod/xml';
import { UnsupportedBod } from '../bod/bod';
import type { BodIngest } from '../ingest';
import { UnmappableBod } from '../mappings/index';
import { challenge, checkAuth, type IngestAuth } from './auth';

export interface BodRouteOptions {
  path: string;
  auth: IngestAuth;
  bodyLimit: number;
  ingest: BodIngest;
  metrics: Metrics;
  logger: Logger;
}

const XML_TYPES = ['application/xml', 'text/xml'];

/** What the sender did wrong, as a 400 `malformed` message and the limit it broke; undefined for other errors. */
function malformed(err: unknown): { message: string; limit?: string } | undefined {
  if (err instanceof XmlError || err instanceof EnvelopeError) return { message: err.message };
  if (isAppError(err) && err.code === 'INPUT_LIMIT_EXCEEDED') {
    const limit = err.details?.['limit'];
    return { message: err.message, ...(typeof limit === 'string' ? { limit } : {}) };
  }
  return undefined;
}

export const bodRoute: FastifyPluginAsync<BodRouteOptions> = async (app, opts) => {
  const log = opts.logger.child({ component: 'bod-route' });
  const count = (outcome: string): void => opts.metrics.ingestRequestsTotal.inc({ source: 'ion', outcome });
  const fail = (reply: FastifyReply, status: number, error: string, message: string, outcome: string) => {
    count(outcome);
    return reply.code(status).send({ status: 'ERROR', error, message });
  };
  /** A refused body is logged once (warn), so a sender stuck on a bad BOD can be found in the log. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, why: { message: string; limit?: string }) => {
    log.warn({ requestId: request.id, ...why }, 'BOD refused as malformed');
    return fail(reply, 400, 'malformed', why.message, 'malformed');
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...XML_TYPES, 'application/json'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (request, reply) => {
    const denied = checkAuth(opts.auth, request.headers.authorization);
    if (denied) {
      reply.header('www-authenticate', challenge(opts.auth));
      return fail(reply, 401, 'unauthorized', denied, 'unauthorized');
    }
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return fail(reply, 413, 'too_large', `body exceeds ${opts.bodyLimit} bytes`, 'too_large');
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_TYPE') {
      return fail(
        reply,
        415,
        'unsupported_media_type',
        'send application/xml, text/xml or application/json',
        'media_type',
      );
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return fail(reply, err.statusCode, 'malformed', err.message, 'malformed');
    }
    const correlationId = randomUUID();
    log.error({ err, correlationId, requestId: request.id }, 'unexpected error answering a BOD request');
    return fail(reply, 500, 'internal', `unexpected error (correlation id ${correlationId})`, 'error');
  });

  app.post(opts.path, { bodyLimit: opts.bodyLimit }, async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    try {
      const body = Buffer.isBuffer(request.body) ? decodeUtf8(request.body, 'body') : '';
      if (body.trim() === '') return refuse(request, reply, { message: 'empty body' });
      const result = await opts.ingest(body, type.startsWith('application/json') ? 'json' : 'xml');
      count(result.outcome);
      return reply.code(200).send({ status: 'OK', ...result });
    } catch (err) {
      const why = malformed(err);
      if (why !== undefined) return refuse(request, reply, why);
      if (err instanceof UnsupportedBod) return fail(reply, 422, 'unsupported_noun', err.message, 'unsupported');
      if (err instanceof UnmappableBod) return fail(reply, 422, 'unmappable_bod', err.message, 'unmappable');
      if (isAppError(err) && err.retriable) {
        // Kafka did not acknowledge, or M3 (the price read of an item BOD) did not answer: ION sends it again.
        const what =
          err.code.startsWith('M3_') || err.code.startsWith('HTTP_')
            ? 'M3 did not answer'
            : 'Kafka did not acknowledge';
        log.warn({ err, requestId: request.id }, `BOD not taken: ${what}`);
        reply.header('retry-after', '5');
        return fail(reply, 503, 'unavailable', `${what}; send again`, 'error');
      }
      throw err;
    }
  });
};
