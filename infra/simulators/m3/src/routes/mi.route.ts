import type { FastifyPluginCallback, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { MiExecutor } from '../mi/execute';
import { formatV1Error, formatV1Success } from '../mi/format-v1';
import { v2Body, v2Result, v2TopLevelError, type V2FormatOptions } from '../mi/format-v2';
import { gatewayErrorBody } from '../mi/gateway-error';
import { applyOption, fieldsFromQuery, parseMatrix } from '../mi/request';
import { runBulk } from './mi-bulk';

export interface MiRouteOptions {
  executor: MiExecutor;
  /** Returns the preHandler for gateway (true) or direct (false) paths. */
  guard: (gateway: boolean) => preHandlerAsyncHookHandler;
}

type Req = FastifyRequest<{ Params: { program: string; transaction: string; tenant?: string } }>;

const V2_OPTIONS = ['maxrecs', 'returncols', 'cono', 'divi', 'excludempty', 'righttrim'];

/**
 * MI REST v1 and v2, through the ION API gateway (`/{tenant}/M3/m3api-rest`) and direct (`/m3api-rest`).
 * A call whose answer the MI faults lose is answered HTTP 500 with the gateway's body, its effect kept.
 */
export const miRoutes: FastifyPluginCallback<MiRouteOptions> = (app, opts, done) => {
  const { executor } = opts;

  const v1 = (request: Req, reply: FastifyReply) => {
    const { transaction, options } = parseMatrix(request.params.transaction);
    const outcome = executor.execute({
      program: request.params.program,
      transaction,
      options,
      fields: fieldsFromQuery(request.query),
    });
    if (outcome.answerLost) return reply.code(500).send(gatewayErrorBody(500));
    // MI v1 answers HTTP 200 for business and MI errors alike (FORMAT-NOTES 15, 17).
    return reply.send(
      outcome.kind === 'ok' ? formatV1Success(outcome.meta, outcome.records, options) : formatV1Error(outcome.error),
    );
  };

  const v2 = (request: Req, reply: FastifyReply) => {
    const { transaction, options } = parseMatrix(request.params.transaction);
    const fmt: V2FormatOptions = { ...options, rightTrim: true };
    const query = (request.query ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(query)) {
      if (!V2_OPTIONS.includes(k.toLowerCase())) continue;
      if (k.toLowerCase() === 'righttrim') fmt.rightTrim = String(v) !== 'false';
      else applyOption(fmt, k.toLowerCase(), String(v));
    }
    const fields = fieldsFromQuery(
      Object.fromEntries(Object.entries(query).filter(([k]) => !V2_OPTIONS.includes(k.toLowerCase()))),
    );
    const outcome = executor.execute({ program: request.params.program, transaction, options: fmt, fields });
    if (outcome.answerLost) return reply.code(500).send(gatewayErrorBody(500));
    if (outcome.kind === 'error' && outcome.error.type !== 'ServerReturnedNOK') {
      return reply.code(400).send(v2TopLevelError(transaction, outcome.error));
    }
    return reply.send(v2Body([v2Result(transaction, outcome, fmt, fields)]));
  };

  for (const [prefix, gateway] of [
    ['/:tenant/M3/m3api-rest', true],
    ['/m3api-rest', false],
  ] as const) {
    const preHandler = opts.guard(gateway);
    app.route({ method: ['GET', 'POST'], url: `${prefix}/execute/:program/:transaction`, preHandler, handler: v1 });
    app.route({ method: ['GET', 'POST'], url: `${prefix}/v2/execute/:program/:transaction`, preHandler, handler: v2 });
    app.post(`${prefix}/v2/execute`, { preHandler }, (request, reply) => runBulk(executor, request, reply));
  }
  done();
};
