// How each sender is answered (FORMAT-NOTES §H 46–52; docs/adr/0012-answers-per-sender.md). One policy per
// sender, from the verdict of the shared endpoint:
// - Adobe Commerce webhooks are synchronous and never redelivered; Commerce reads the op JSON of an HTTP 200
//   only, and a failed call (any other status, or {"op":"exception"}) aborts the store action of a required
//   hook. This product only ingests, so no hook may block a store action: every answer is 200
//   {"op":"success"}. When the record was not made durable the reason is in header x-ingest-outcome, the
//   request is counted in pipeline_ingest_left_to_poller_total (alerted) and the poller is its safety net.
// - Adobe I/O Events retries every non-2xx for 24 hours and marks a failing registration unstable: an event
//   type not handled here, a record Magento does not have and a record that cannot be mapped are 200
//   "ignored" (the latter two left to the poller, which reads and dead-letters them); 503 only while the event
//   cannot be made durable.
// - Generic (Mageplaza-style) webhooks read the status: precise 4xx, 503 to be retried, 401 with the
//   `WWW-Authenticate` challenges of the configured schemes.
import type { IngestResult } from '../ingest/delivery';
import type { Answer, AnswerPolicy, RejectReason, Rejection } from './endpoint';

const RETRY_AFTER_S = '5';

/** Refusals I/O Events gets a 2xx for: retrying them for a day would change nothing. */
const IO_IGNORED: ReadonlySet<RejectReason> = new Set<RejectReason>(['unsupported_event', 'not_found', 'unmappable']);

/** The answer of a sender that reads HTTP statuses: the refusal's own status, retry-after on a retryable 5xx. */
function statusAnswer(r: Rejection): Answer {
  const headers: Record<string, string | string[]> = {};
  if (r.status >= 500 && r.reason !== 'internal') headers['retry-after'] = RETRY_AFTER_S;
  if (r.status === 401 && r.challenges.length > 0) headers['www-authenticate'] = [...r.challenges];
  return { status: r.status, body: { error: r.reason, message: r.message }, headers };
}

/** An accepted delivery: its outcome and the record key under the entity's name for it (`incrementId`, `customerId`). */
const accepted = (r: IngestResult): Answer => ({ status: 200, body: { status: r.outcome, [r.answerKey]: r.key } });

/** A message as a header value: printable ASCII only (Fastify refuses control characters), bounded. */
const headerText = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 512);

export const commerceAnswers: AnswerPolicy = (v) => {
  if (v.accepted) return { status: 200, body: { op: 'success' } };
  const r = v.refusal;
  return {
    status: 200,
    body: { op: 'success' },
    headers: { 'x-ingest-outcome': headerText(`${r.reason}: ${r.message}`) },
    // An event not handled here is not a record to catch up on.
    leftToPoller: r.reason !== 'unsupported_event',
  };
};

export const ioEventsAnswers: AnswerPolicy = (v) => {
  if (v.accepted) return accepted(v.result);
  const r = v.refusal;
  if (IO_IGNORED.has(r.reason))
    return {
      status: 200,
      body: { status: 'ignored', reason: r.reason, message: r.message },
      leftToPoller: r.reason !== 'unsupported_event',
    };
  return statusAnswer(r);
};

export const genericAnswers: AnswerPolicy = (v) => (v.accepted ? accepted(v.result) : statusAnswer(v.refusal));
