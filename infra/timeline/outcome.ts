// Pure: where the document stands at the end of its timeline — in M3 as which order (confirmed, its latest
// status, shipped, invoiced), and every dead letter with whether it was redriven (a later record carries
// x-replayed-from naming it). Without either, the last step says where the document is.
import { TOPIC } from '@m3mage/topics/catalogue';
import type { Step } from './steps';

export interface DeadLetterOutcome {
  at: string;
  topic: string;
  errorCode: string | null;
  errorMessage: string | null;
  /** When a copy was replayed from it (`npm run dlq -- replay`); null when it was not redriven. */
  redrivenAt: string | null;
}

export interface Outcome {
  text: string;
  /** The M3 order and Magento increment id the timeline linked. */
  orno: string | null;
  incrementId: string | null;
  confirmedAt: string | null;
  deadLetters: DeadLetterOutcome[];
}

const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];

export function outcomeOf(steps: readonly Step[]): Outcome {
  const xref = last(steps.filter((s) => s.kind === 'xref' && s.facts.orno !== undefined));
  const redrives = steps.filter((s) => s.facts.replayedFrom !== undefined);
  const deadLetters = steps
    .filter((s) => s.kind === 'dead-letter')
    .map((s): DeadLetterOutcome => {
      const copy = redrives.find((r) => r.facts.replayedFrom === s.facts.deadLetter);
      return {
        at: s.at,
        topic: s.topic,
        errorCode: s.facts.errorCode ?? null,
        errorMessage: s.facts.errorMessage ?? null,
        redrivenAt: copy ? (copy.facts.replayedAt ?? copy.at) : null,
      };
    });
  const orno = xref?.facts.orno ?? last(steps.filter((s) => s.facts.orno !== undefined))?.facts.orno ?? null;
  const incrementId =
    xref?.facts.incrementId ?? last(steps.filter((s) => s.facts.incrementId))?.facts.incrementId ?? null;
  const parts: string[] = [];
  if (xref) parts.push(`in M3 as ORNO ${xref.facts.orno}, confirmed at ${xref.facts.confirmedAt ?? xref.at}`);
  const m3 = steps.filter((s) => s.kind === 'change' && s.facts.orno !== undefined);
  const status = last(m3.filter((s) => s.facts.status !== undefined && s.facts.document === undefined));
  if (status) parts.push(`M3 status ${status.facts.status} at ${status.at}`);
  const shipped = m3.filter((s) => s.topic === TOPIC.cdcM3Shipment && s.facts.document);
  if (shipped.length) parts.push(`shipped (delivery ${shipped.map((s) => s.facts.document).join(', ')})`);
  const invoiced = m3.filter((s) => s.topic === TOPIC.cdcM3Invoice && s.facts.document);
  if (invoiced.length) parts.push(`invoiced (invoice ${invoiced.map((s) => s.facts.document).join(', ')})`);
  for (const d of deadLetters) {
    const why = `${d.errorCode ?? 'error'}${d.errorMessage ? `: ${d.errorMessage}` : ''}`;
    parts.push(
      `dead-lettered at ${d.at} in ${d.topic} with ${why}, ${d.redrivenAt ? `redriven at ${d.redrivenAt}` : 'not redriven'}`,
    );
  }
  const final = last(steps);
  if (parts.length === 0 && final)
    parts.push(
      final.kind === 'retry'
        ? `waiting in ${final.topic} (${final.facts.errorCode ?? 'retry'}) since ${final.at}`
        : `last seen on ${final.topic} at ${final.at}`,
    );
  return {
    text: parts.join('; '),
    orno,
    incrementId,
    confirmedAt: xref ? (xref.facts.confirmedAt ?? xref.at) : null,
    deadLetters,
  };
}
