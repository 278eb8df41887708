// POST {ION_INGEST_PATH}: a raw BOD (application/xml, text/xml) or an ION Messaging envelope
// (application/json, or XML <messageRequest>). 200 once Kafka acknowledged (also for a stale BOD, which
// is dropped and counted: not an error for ION); 400 malformed, 401 unauthenticated, 413 too large,
// 415 media type, 422 unsupported noun or unmappable BOD, 503 Kafka unavailable.
import { isAppError, type Metrics } from '@m3mage/runtime';
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
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
}

const XML_TYPES = ['application/xml', 'text/xml'];

export const bodRoute: FastifyPluginAsync<BodRouteOptions> = async (app, opts) => {
  const count = (outcome: string): void => opts.metrics.ingestRequestsTotal.inc({ source: 'ion', outcome });
  const fail = (reply: FastifyReply, status: number, error: string, message: string, outcome: string) => {
    count(outcome);
    return reply.code(status).send({ status: 'ERROR', error, message });
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...XML_TYPES, 'application/json'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (request, reply) => {
    const denied = checkAuth(opts.auth, request.headers.authorization);
    if (denied) {
      reply.header('www-authenticate', challenge(opts.auth));
      return fail(reply, 401, 'unauthorized', denied, 'unauthorized');
    }
  });

  app.setErrorHandler((err: FastifyError, _request, reply) => {
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
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.statusCode === 400) {
      return fail(reply, 400, 'malformed', err.message, 'malformed');
    }
    return fail(reply, 500, 'internal', 'unexpected error', 'error');
  });

  app.post(opts.path, { bodyLimit: opts.bodyLimit }, async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    if (body.trim() === '') return fail(reply, 400, 'malformed', 'empty body', 'malformed');
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    try {
      const result = await opts.ingest(body, type.startsWith('application/json') ? 'json' : 'xml');
      count(result.outcome);
      return reply.code(200).send({ status: 'OK', ...result });
    } catch (err) {
      if (err instanceof XmlError || err instanceof EnvelopeError) {
        return fail(reply, 400, 'malformed', err.message, 'malformed');
      }
      if (err instanceof UnsupportedBod) return fail(reply, 422, 'unsupported_noun', err.message, 'unsupported');
      if (err instanceof UnmappableBod) return fail(reply, 422, 'unmappable_bod', err.message, 'unmappable');
      if (isAppError(err) && err.retriable) {
        request.log.warn({ err }, 'BOD not acknowledged by Kafka');
        reply.header('retry-after', '5');
        return fail(reply, 503, 'unavailable', 'Kafka did not acknowledge; send again', 'error');
      }
      throw err;
    }
  });
};
