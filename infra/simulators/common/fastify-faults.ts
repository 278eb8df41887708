import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaultInjector } from './profile';
import type { CallRecorder } from './recorder';

export interface InstallFaultsOptions {
  faults: FaultInjector;
  recorder: CallRecorder;
  /** URLs exempt from faults (default: the control API, `/_control/...`). */
  skip?: (url: string) => boolean;
  /** URLs not recorded (default: the control API). */
  skipRecord?: (url: string) => boolean;
  /** The body the simulated system sends with an injected error status. */
  errorBody: (status: number) => unknown;
  /** Clock for RecordedCall.at (default Date.now). */
  now?: () => number;
}

export const isControlUrl = (url: string): boolean => url.startsWith('/_control');

/** Applies the fault profile to every non-skipped route (onRequest) and records every call (onSend). */
export function installFaults(app: FastifyInstance, opts: InstallFaultsOptions): void {
  const skip = opts.skip ?? isControlUrl;
  const skipRecord = opts.skipRecord ?? isControlUrl;
  const now = opts.now ?? Date.now;

  app.addHook('onRequest', async (request, reply) => {
    if (skip(request.url)) return;
    const verdict = await opts.faults.decide();
    if (verdict.kind === 'ok') return;
    if (verdict.retryAfterSeconds !== undefined) void reply.header('retry-after', String(verdict.retryAfterSeconds));
    return reply.code(verdict.status).send(opts.errorBody(verdict.status));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!skipRecord(request.url)) {
      opts.recorder.record({
        at: now(),
        method: request.method,
        path: request.url.split('?')[0] ?? request.url,
        query: flattenQuery(request),
        headers: flattenHeaders(request.headers),
        body: request.body,
        status: reply.statusCode,
      });
    }
    return payload;
  });
}

function flattenQuery(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const q = request.query;
  if (q && typeof q === 'object') {
    for (const [k, v] of Object.entries(q as Record<string, unknown>))
      out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

function flattenHeaders(h: FastifyRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
