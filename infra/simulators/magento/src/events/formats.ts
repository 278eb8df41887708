import { dbStyle, ioValue } from './db-values';
import type { DomainEvent } from './domain-events';
import { selectFields } from './fields';
import { hooksFor, type HookCall } from './hooks';
import { hmacSignature, type EventSigner } from './signing';
import { DEFAULT_EVENTS, type Subscriber } from './subscribers';

export interface OutgoingMessage {
  headers: Record<string, string>;
  body: string;
}

export interface FormatContext {
  eventId: string;
  signer: EventSigner;
  /** Adobe I/O event provider id (the `urn:uuid:` in `source`). */
  providerId: string;
  /** Where the public key can be fetched (control API URL path). */
  publicKeyPath: string;
}

const values = (sub: Subscriber, fallback: 'db' | 'json', v: Record<string, unknown>): unknown =>
  (sub.values ?? fallback) === 'db' ? dbStyle(v) : v;
const filtered = (sub: Subscriber, v: Record<string, unknown>): Record<string, unknown> =>
  sub.fields && sub.fields.length > 0 ? selectFields(v, sub.fields) : v;

/** The I/O event's object, beside the event's further arguments when it has some (`{customer, account_controller}`). */
const ioPayload = (e: DomainEvent): Record<string, unknown> => {
  const value = ioValue(e.entity, e.snapshot);
  return e.args ? { [e.entity]: value, ...e.args } : value;
};

/**
 * Adobe I/O Events: CloudEvents 1.0 envelope; `data.value` is the nested entity (ioValue) or only its
 * subscribed `<fields>`, with DB-style strings (FORMAT-NOTES 43–44, 50).
 */
export function ioEvent(e: DomainEvent, sub: Subscriber, c: FormatContext): OutgoingMessage {
  const type = `com.adobe.commerce.observer.${e.name}`;
  const envelope = {
    specversion: '1.0',
    id: c.eventId,
    source: `urn:uuid:${c.providerId}`,
    type,
    datacontenttype: 'application/json',
    time: new Date(e.at).toISOString(),
    eventid: c.eventId,
    event_id: c.eventId,
    recipient_client_id: sub.id,
    recipientclientid: sub.id,
    data: {
      key: c.eventId,
      value: values(sub, 'db', filtered(sub, ioPayload(e))),
      source: `${c.providerId}.Stage`,
      _metadata: {
        commerceEdition: 'Adobe Commerce',
        commerceVersion: '2.4.7',
        eventsClientVersion: '1.9.0',
        storeId: '1',
        websiteId: '1',
        storeGroupId: '1',
      },
    },
  };
  const body = JSON.stringify(envelope);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-adobe-event-code': type,
      'x-adobe-event-id': c.eventId,
      'x-adobe-provider': c.providerId,
      'x-adobe-digital-signature-1': c.signer.rawBodySignature(body),
      'x-adobe-public-key1-path': c.publicKeyPath,
      ...sub.headers,
    },
  };
}

/**
 * Adobe Commerce webhooks: an observer hook sends `{subject, eventName, data:{<entity>:{…}}}`, a plugin hook
 * the method's arguments (hooks.ts); hook `<fields>` keep only the listed paths. RSA-SHA256 over the base64
 * body (FORMAT-NOTES 39, 42, 50).
 */
export function commerceWebhook(hook: HookCall, sub: Subscriber, c: FormatContext): OutgoingMessage {
  const body = JSON.stringify(filtered(sub, hook.payload));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-adobe-commerce-webhook-signature': c.signer.commerceWebhookSignature(body),
      ...sub.headers,
    },
  };
}

/** Generic JSON webhook: `{event, id, occurredAt, entity, data}` with `x-webhook-signature` and/or Basic auth. */
export function genericWebhook(e: DomainEvent, sub: Subscriber, c: FormatContext): OutgoingMessage {
  const occurredAt = new Date(e.at).toISOString();
  const body = JSON.stringify({
    event: e.name,
    id: c.eventId,
    occurredAt,
    entity: e.entity,
    data: values(sub, 'json', e.snapshot),
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-webhook-id': c.eventId,
    'x-webhook-event': e.name,
    'x-webhook-timestamp': occurredAt,
  };
  if (sub.secret) headers['x-webhook-signature'] = hmacSignature(sub.secret, body);
  if (sub.basicAuth)
    headers.authorization = `Basic ${Buffer.from(`${sub.basicAuth.username}:${sub.basicAuth.password}`).toString('base64')}`;
  return { body, headers: { ...headers, ...sub.headers } };
}

/** One delivery to make: the hook or event name for the log and the message. */
export interface PlannedMessage {
  name: string;
  eventId: string;
  msg: OutgoingMessage;
}

/** What `e` sends to `sub`: one message per subscribed hook it triggers (none when it is not subscribed). */
export function messagesFor(
  e: DomainEvent,
  sub: Subscriber,
  context: (eventId: string) => FormatContext,
  newId: () => string,
): PlannedMessage[] {
  const subscribed = sub.events ?? DEFAULT_EVENTS;
  if (sub.mode === 'commerce-webhook') {
    const data = (v: Record<string, unknown>): unknown => values(sub, 'json', v);
    return hooksFor(e, subscribed, sub.webhookType ?? 'after', data).map((hook) => {
      const eventId = newId();
      return { name: hook.name, eventId, msg: commerceWebhook(hook, sub, context(eventId)) };
    });
  }
  if (!subscribed.includes(e.name) && !subscribed.includes(`observer.${e.name}`)) return [];
  const eventId = newId();
  const format = sub.mode === 'io-events' ? ioEvent : genericWebhook;
  return [{ name: e.name, eventId, msg: format(e, sub, context(eventId)) }];
}

const OK_OPS = new Set(['success', 'add', 'replace', 'remove']);

/** Whether the subscriber's answer counts as delivered. Commerce webhooks need 200 with `{"op":"success"}` (or add/replace/remove ops); `exception` fails. */
export function isSuccess(mode: Subscriber['mode'], status: number, text: string): boolean {
  if (mode !== 'commerce-webhook') return status >= 200 && status < 300;
  if (status !== 200) return false;
  try {
    const parsed = JSON.parse(text) as unknown;
    const ops = Array.isArray(parsed) ? parsed : [parsed];
    return ops.length > 0 && ops.every((o) => OK_OPS.has(String((o as { op?: unknown } | null)?.op)));
  } catch {
    return false;
  }
}
