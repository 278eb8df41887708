// One chaos phase: a burst of orders placed in Magento while a fault does its worst, then the wait for the
// positive end (every order confirmed, the pipeline drained) and the figures of the row. A phase never
// throws on a missing order: it reports it (lost), and the test asserts on the figures.
import type { Sandbox } from '../../infra/sandbox/sandbox';
import {
  confirmed,
  confirmedOnce,
  deadLetterCount,
  m3CustomerCount,
  m3OrderCount,
  confirmationComments,
  openBatchOrders,
  waitDrained,
  waitFor,
} from './support';

export interface ChaosContext {
  sb: Sandbox;
  brokers: string[];
  namespace: string;
  /** Orders per burst. */
  orders: number;
  /** Long mode (`npm run chaos`): the faults held for their full duration. */
  full: boolean;
  log(line: string): void;
}

export interface Row {
  scenario: string;
  placed: number;
  confirmedOnce: number;
  lost: number;
  duplicates: number;
  deadLetters: number;
  orphans: number;
  drainMs: number;
  /** Kill scenarios: restart of the killed service → its /health/ready. */
  readyMs?: number;
  /** What the fault observed (e.g. partitions paused), for the note and the test. */
  evidence?: Record<string, number>;
  note?: string;
}

/** What a fault sees of its burst: placing the orders, and how far they got. */
export interface Burst {
  ctx: ChaosContext;
  ids: string[];
  /** Places `n` more orders (default: what is left of the burst). */
  place(n?: number): string[];
  /** Orders of the burst with an M3 order ('m3') or with their confirmation back in Magento ('magento'). */
  progress(stage: 'm3' | 'magento'): number;
  /** Waits until `n` orders reached the stage. */
  reach(stage: 'm3' | 'magento', n: number, timeoutMs?: number): Promise<void>;
}

export type FaultOutcome = Pick<Row, 'readyMs' | 'evidence' | 'note'>;

export type Fault = (b: Burst) => Promise<FaultOutcome | void>;

export interface BurstSpec {
  scenario: string;
  fault: Fault;
  /** Wait for the orders after the fault ended (default 5 min). */
  timeoutMs?: number;
  /** Extra end condition and duplicate count (e.g. shipments and invoices) on top of the order entry. */
  extra?: { done(id: string): boolean; duplicates(ids: string[]): number };
  /** Evidence read after the drain (e.g. what the simulators delivered), merged into the fault's. */
  evidence?: () => Promise<Record<string, number>>;
}

export function burstOf(ctx: ChaosContext): Burst {
  const ids: string[] = [];
  const stageOf = (stage: 'm3' | 'magento') => {
    const counts = m3OrderCount(ctx.sb);
    return ids.filter((id) => (stage === 'm3' ? counts.has(id) : confirmed(ctx.sb, counts, id))).length;
  };
  return {
    ctx,
    ids,
    place(n = ctx.orders - ids.length) {
      const placed = ctx.sb.magento.placeOrders(Math.max(0, n)).map((o) => o.increment_id);
      ids.push(...placed);
      return placed;
    },
    progress: stageOf,
    async reach(stage, n, timeoutMs = 300_000) {
      await waitFor(
        `${n} orders at ${stage}`,
        () => stageOf(stage),
        (c) => c >= n,
        timeoutMs,
      );
    },
  };
}

/** Duplicates among the burst: M3 orders per CUOR, confirmations per order, M3 customers per e-mail. */
function orderDuplicates(sb: Sandbox, ids: string[]): number {
  const counts = m3OrderCount(sb);
  const customers = m3CustomerCount(sb);
  const emails = new Set(ids.map((id) => sb.magento.state.orderByIncrementId(id)?.customer_email.toLowerCase()));
  let n = 0;
  for (const id of ids) {
    const ornos = counts.get(id) ?? [];
    n += Math.max(0, ornos.length - 1);
    for (const orno of ornos) n += Math.max(0, confirmationComments(sb, id, orno) - 1);
  }
  for (const mail of emails) if (mail) n += Math.max(0, (customers.get(mail) ?? 0) - 1);
  return n;
}

export async function runBurst(ctx: ChaosContext, spec: BurstSpec): Promise<Row> {
  const { sb, brokers, namespace } = ctx;
  const lettersBefore = await deadLetterCount(brokers, namespace);
  const started = performance.now();
  const b = burstOf(ctx);
  const notes: string[] = [];
  let outcome: FaultOutcome | void = undefined;
  try {
    outcome = await spec.fault(b);
  } catch (err) {
    notes.push(`fault: ${(err as Error).message}`);
  }
  b.place();
  const done = (id: string, counts: Map<string, string[]>): boolean =>
    confirmed(sb, counts, id) && (spec.extra?.done(id) ?? true);
  try {
    await waitFor(
      `${b.ids.length} orders done`,
      () => {
        const counts = m3OrderCount(sb);
        return b.ids.filter((id) => !done(id, counts));
      },
      (left) => left.length === 0,
      spec.timeoutMs ?? 300_000,
      (left) => `${left.length} left: ${left.slice(0, 5).join(', ')}`,
    );
    await waitDrained(sb, brokers, namespace, 120_000);
  } catch (err) {
    notes.push((err as Error).message.slice(0, 300));
  }
  const drainMs = performance.now() - started;
  const evidence = { ...outcome?.evidence, ...(await spec.evidence?.()) };
  const counts = m3OrderCount(sb);
  const once = b.ids.filter((id) => confirmedOnce(sb, counts, id) && (spec.extra?.done(id) ?? true));
  const ids = new Set(b.ids);
  if (outcome?.note) notes.push(outcome.note);
  return {
    scenario: spec.scenario,
    placed: b.ids.length,
    confirmedOnce: once.length,
    lost: b.ids.filter((id) => !done(id, counts)).length,
    duplicates: orderDuplicates(sb, b.ids) + (spec.extra?.duplicates(b.ids) ?? 0),
    deadLetters: (await deadLetterCount(brokers, namespace)) - lettersBefore,
    orphans: (await openBatchOrders(sb)).filter((o) => ids.has(o.CUOR.trim())).length,
    drainMs,
    ...(outcome?.readyMs !== undefined ? { readyMs: outcome.readyMs } : {}),
    ...(Object.keys(evidence).length ? { evidence } : {}),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}
