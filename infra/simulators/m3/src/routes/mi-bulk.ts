import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MiExecutor } from '../mi/execute';
import { v2Body, v2Result, type V2FormatOptions } from '../mi/format-v2';
import { gatewayErrorBody } from '../mi/gateway-error';
import { applyOption, defaultOptions, type MiRecord } from '../mi/request';

/** FORMAT-NOTES 19: `POST /m3api-rest/v2/execute` with one program and many transactions. */
const bulkSchema = z.object({
  program: z.string().min(1),
  cono: z.union([z.string(), z.number()]).optional(),
  divi: z.string().optional(),
  excludeEmptyValues: z.boolean().optional(),
  rightTrim: z.boolean().optional(),
  maxReturnedRecords: z.number().int().min(0).optional(),
  transactions: z
    .array(
      z.object({
        transaction: z.string().min(1),
        record: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        selectedColumns: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

export function runBulk(executor: MiExecutor, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const parsed = bulkSchema.safeParse(request.body);
  if (!parsed.success) {
    return reply.code(400).send({ message: 'Invalid bulk request', issues: parsed.error.issues.map((i) => i.message) });
  }
  const body = parsed.data;
  const query = (request.query ?? {}) as Record<string, string | undefined>;
  const base = defaultOptions();
  for (const k of ['maxrecs', 'cono', 'divi']) if (query[k] !== undefined) applyOption(base, k, query[k]);
  if (body.cono !== undefined) base.cono = String(body.cono);
  if (body.divi !== undefined) base.divi = body.divi;
  if (body.maxReturnedRecords !== undefined) base.maxrecs = body.maxReturnedRecords;

  let answerLost = false;
  const results = body.transactions.map((t) => {
    const fields: MiRecord = {};
    for (const [k, v] of Object.entries(t.record ?? {})) fields[k.toUpperCase()] = String(v);
    const options: V2FormatOptions = {
      ...base,
      excludempty: body.excludeEmptyValues ?? false,
      rightTrim: body.rightTrim ?? true,
      returncols: t.selectedColumns?.length ? t.selectedColumns.map((c) => c.toUpperCase()) : undefined,
    };
    const outcome = executor.execute({ program: body.program, transaction: t.transaction, options, fields });
    if (outcome.answerLost) answerLost = true;
    return v2Result(t.transaction, outcome, options, fields);
  });
  // Every transaction ran; one lost answer loses the whole response, as a gateway timeout would.
  if (answerLost) return reply.code(500).send(gatewayErrorBody(500));
  return reply.send(v2Body(results));
}
