import type { FastifyError, FastifyInstance } from 'fastify';
import { MagentoError, errors } from './errors';

export interface ErrorHandlingOptions {
  /** Developer mode shows the real message of unexpected errors (and a `trace`), as Magento does. */
  developerMode: boolean;
}

/** Answers every error in Magento's shape; unknown routes get Magento's "Request does not match any route.". */
export function installErrorHandling(app: FastifyInstance, opts: ErrorHandlingOptions): void {
  app.setErrorHandler((err: FastifyError | MagentoError, request, reply) => {
    const e = toMagentoError(err, opts.developerMode);
    if (e.status >= 500) request.log.error({ err }, 'simulated Magento internal error');
    return reply.code(e.status).send(e.toBody());
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errors.routeNotFound().toBody()));
}

function toMagentoError(err: FastifyError | MagentoError, developerMode: boolean): MagentoError {
  if (err instanceof MagentoError) return err;
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return errors.decoding();
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return errors.decoding();
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new MagentoError(413, 'Request entity too large.');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new MagentoError(415, 'Server cannot understand Content-Type HTTP header media type %1', [err.message]);
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500)
    return errors.badRequest(err.message);
  return developerMode ? new MagentoError(500, err.message) : errors.internal();
}
