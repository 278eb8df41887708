// Small helpers the route payload parsers share.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { EntityRef } from '../entities/entity';
import type { EventRoute } from '../entities/registry';
import type { Delivery } from '../ingest/delivery';
import type { Source } from '../mappings/values';
import { Rejection, unsupported } from './endpoint';

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

export function refOf(route: EventRoute, payload: Source, where: string): EntityRef {
  const ref = route.ref(payload);
  if (!ref) throw new Rejection(400, 'invalid', `${where} has neither ${route.refFields}`);
  return ref;
}

/** The route of a handled event name (endpoint.ts checked it is handled). */
export function routeOf(table: ReadonlyMap<string, EventRoute>, event: string): EventRoute {
  const route = table.get(event);
  if (!route) throw unsupported(event, [...table.keys()]);
  return route;
}

/** The event object inside a container (`data.value`, `data`): under its own key when the event wraps it. */
export function unwrap(route: EventRoute, container: Source): Source {
  const inner = route.wrapped ? container[route.object] : undefined;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Source) : container;
}

/** The delivery of a route's payload (`where` names its place in the body for the 400 without ids). */
export function deliveryOf(
  route: EventRoute,
  payload: Source,
  where: string,
  d: Pick<Delivery, 'source' | 'eventName' | 'eventId' | 'occurredAt' | 'receivedAt'>,
): Delivery {
  return { ...d, entity: route.entity, kind: route.kind, ref: refOf(route, payload, where), payload };
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
