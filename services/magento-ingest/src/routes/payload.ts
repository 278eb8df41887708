// Small helpers the route payload parsers share.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { orderRef, type OrderRef } from '../ingest/delivery';
import type { Source } from '../mappings/values';
import { Rejection } from './endpoint';

export const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
};

/** A content id for deliveries without an event id: repeated deliveries of the same body share it. */
export const bodyId = (raw: Buffer): string => `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;

export function validate<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issues = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  throw new Rejection(400, 'invalid', `not a valid ${what}: ${issues}`);
}

export function refOf(order: Source, where: string): OrderRef {
  const ref = orderRef(order);
  if (!ref) throw new Rejection(400, 'invalid', `${where} has neither entity_id nor increment_id`);
  return ref;
}

/** ISO-8601 → epoch ms, or the fallback. */
export function timeOf(iso: string | undefined, fallback: number): number {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isFinite(t) ? t : fallback;
}

/** A string field of a body not validated yet (the event name, read before the shape is checked). */
export function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
