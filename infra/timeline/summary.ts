// Pure: the one-line summary of a record and the facts the outcome is built from — the change op, the
// command name, M3 status, the error code, message and stage of a retry or dead letter, the attempt, and the
// replay (redrive) marker that `npm run dlq -- replay` writes.
import { RetryHeader, StandardHeader, type DeadLetter, type Headers } from '@m3mage/runtime';
import { ReplayHeader } from '../topics/dlq/replay';
import type { TimelineRecord } from './record';

export interface StepFacts {
  op?: string;
  command?: string;
  status?: string;
  errorCode?: string;
  errorMessage?: string;
  errorStage?: string;
  attempt?: number;
  /** `<dlq topic>:<partition>:<offset>` of a dead letter (what a redriven copy names in x-replayed-from). */
  deadLetter?: string;
  replayedFrom?: string;
  replayedAt?: string;
  /** Cross-reference facts: the M3 order and the Magento increment id a record names. */
  orno?: string;
  incrementId?: string;
  cuno?: string;
  /** When M3 confirmed the order (xref). */
  confirmedAt?: string;
  /** An M3 delivery or invoice number. */
  document?: string;
}

export interface Summary {
  summary: string;
  facts: StepFacts;
}

export const MESSAGE_CHARS = 160;
const OPS: Record<string, string> = { c: 'create', u: 'update', d: 'delete', r: 'snapshot' };
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().slice(0, MESSAGE_CHARS);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const iso = (ms: unknown): string => {
  const d = new Date(ms instanceof Date ? ms : Number(ms));
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
};
const positive = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** An Avro union of records decodes wrapped (`{ 'm3mage.commands.ShipOrder': {…} }`): its short name and body. */
function unionBranch(v: unknown): { name: string; body: Record<string, unknown> } | undefined {
  const o = obj(v);
  const entries = o ? Object.entries(o) : [];
  const [first] = entries;
  if (entries.length !== 1 || !first) return undefined;
  return { name: first[0].split('.').pop() ?? first[0], body: obj(first[1]) ?? {} };
}

/** A change record: op, entity and id, and what the entity says about its state. */
function change(value: Record<string, unknown>, facts: StepFacts): string {
  const doc = obj(value.after) ?? obj(value.before) ?? {};
  const source = obj(value.source) ?? {};
  const op = str(value.op) ?? '?';
  facts.op = op;
  const parts = [`${OPS[op] ?? op} ${str(source.entity) ?? 'document'} ${str(source.id) ?? ''}`.trim()];
  if (str(source.version)) parts.push(`version ${str(source.version)}`);
  const status = str(doc.status) ?? (str(doc.orsl) ? `${str(doc.orsl)}/${str(doc.orst) ?? '?'}` : undefined);
  if (status) {
    facts.status = status;
    parts.push(`status ${status}`);
  }
  const orno = str(doc.orno);
  const cuor = str(doc.cuor);
  if (orno) facts.orno = orno;
  if (cuor) facts.incrementId = cuor;
  const number = str(doc.dlix) ?? str(doc.ivno);
  if (number) {
    facts.document = number;
    parts.push(`${doc.dlix !== undefined ? 'delivery' : 'invoice'} ${number}`);
  }
  const packages = Array.isArray(doc.packages) ? doc.packages.map(obj) : [];
  const tracking = packages.map((p) => str(p?.trackingNumber)).filter((t) => t !== undefined);
  if (tracking.length) parts.push(`tracking ${tracking.join(', ')}`);
  if (orno && orno !== str(source.id)) parts.push(`ORNO ${orno}`);
  return parts.join(', ');
}

/** A command: its name (and action), the idempotency key. */
function command(value: Record<string, unknown>, headers: Headers, facts: StepFacts): string {
  const meta = obj(value.meta) ?? {};
  const action = unionBranch(value.action);
  const name = action?.name ?? headers[StandardHeader.eventType] ?? 'command';
  facts.command = name;
  const parts = [name];
  const target = str(action?.body.m3DeliveryNo) ?? str(action?.body.m3InvoiceNo) ?? str(action?.body.m3Status);
  if (target) parts.push(target);
  if (str(meta.idempotencyKey)) parts.push(`idempotency ${str(meta.idempotencyKey)}`);
  return parts.join(' ');
}

function xref(value: Record<string, unknown>, facts: StepFacts): string {
  const orno = str(value.orno);
  const incrementId = str(value.incrementId);
  const email = str(value.email);
  if (orno) facts.orno = orno;
  if (incrementId) facts.incrementId = incrementId;
  const cuno = str(value.cuno);
  if (cuno) facts.cuno = cuno;
  if (value.confirmedAt !== undefined) facts.confirmedAt = iso(value.confirmedAt);
  const at = facts.confirmedAt === undefined ? '' : `, confirmed ${facts.confirmedAt}`;
  if (orno) return `M3 order ${orno} for ${incrementId ?? '?'} (customer ${str(value.cuno) ?? '?'})${at}`;
  return `M3 customer ${str(value.cuno) ?? '?'} for ${email ?? incrementId ?? '?'}`;
}

function failure(headers: Headers, facts: StepFacts): string {
  const code = headers[RetryHeader.errorCode];
  const message = headers[RetryHeader.errorMessage];
  if (code) facts.errorCode = code;
  if (message) facts.errorMessage = oneLine(message);
  const stage = headers[RetryHeader.errorStage];
  if (stage) facts.errorStage = stage;
  return `${code ?? 'error'}${facts.errorStage ? ` (${facts.errorStage})` : ''}${message ? `: ${oneLine(message)}` : ''}`;
}

function retry(r: TimelineRecord, facts: StepFacts): string {
  const value = obj(r.value);
  const original = value ? ` ${body(r, value, facts)};` : '';
  const parked = r.headers[RetryHeader.parked] === 'true';
  const why = parked ? 'parked behind an earlier record of the key' : `after ${failure(r.headers, facts)}`;
  return `retry tier ${r.searched.tier ?? '?'} of ${r.searched.group ?? '?'}, attempt ${facts.attempt ?? 1}:${original} ${why}`;
}

function deadLetter(r: TimelineRecord, facts: StepFacts): string {
  facts.deadLetter = `${r.topic}:${r.partition}:${r.offset}`;
  const l = r.value as DeadLetter | null;
  if (!l) return `dead letter: ${r.problem ?? 'no value'}`;
  facts.errorCode = l.errorCode;
  facts.errorMessage = oneLine(l.errorMessage);
  facts.errorStage = l.stage;
  facts.attempt = l.attempts;
  const from =
    l.originalPartition < 0 ? l.originalTopic : `${l.originalTopic}[${l.originalPartition}]@${l.originalOffset}`;
  return (
    `dead-lettered by ${l.service} (${l.stage}) after ${l.attempts} attempt${l.attempts === 1 ? '' : 's'}: ` +
    `${l.errorCode}: ${facts.errorMessage}; from ${from}`
  );
}

function body(r: TimelineRecord, value: Record<string, unknown>, facts: StepFacts): string {
  if (value.op !== undefined && value.source !== undefined) return change(value, facts);
  if (value.meta !== undefined) return command(value, r.headers, facts);
  if (value.orno !== undefined || value.cuno !== undefined) return xref(value, facts);
  return r.headers[StandardHeader.eventType] ?? 'record';
}

export function summarize(r: TimelineRecord): Summary {
  const facts: StepFacts = {};
  const attempt = positive(r.headers[StandardHeader.attempt]);
  if (attempt !== undefined) facts.attempt = attempt;
  const value = obj(r.value);
  let summary: string;
  if (r.searched.kind === 'dead-letter') summary = deadLetter(r, facts);
  else if (r.searched.kind === 'retry') summary = retry(r, facts);
  else if (!value) summary = r.problem ?? 'tombstone (the key was deleted)';
  else summary = body(r, value, facts);
  const replayedFrom = r.headers[ReplayHeader.replayedFrom];
  if (replayedFrom && r.searched.kind !== 'dead-letter') {
    facts.replayedFrom = replayedFrom;
    const at = r.headers[ReplayHeader.replayedAt];
    if (at) facts.replayedAt = at;
    summary += ` — redriven from ${replayedFrom}${at ? ` at ${at}` : ''}`;
  }
  if (attempt !== undefined && attempt > 1 && r.searched.kind !== 'retry' && r.searched.kind !== 'dead-letter')
    summary += ` (attempt ${attempt})`;
  return { summary, facts };
}
