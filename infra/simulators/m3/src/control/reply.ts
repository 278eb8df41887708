import type { FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import { FieldError } from './field-patch';

/** An item, warehouse or other record the control call names does not exist: HTTP 404. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Runs a control call: FieldError → 400 `{error, field}`, NotFoundError → 404 `{error}`. */
export function run(reply: FastifyReply, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FieldError) return reply.code(400).send({ error: err.message, field: err.field });
    if (err instanceof NotFoundError) return reply.code(404).send({ error: err.message });
    throw err;
  }
}

/** A body parsed by a zod schema, or a FieldError naming the first bad field. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new FieldError(path || undefined, path ? `${path}: ${issue?.message ?? ''}` : (issue?.message ?? 'bad body'));
}
