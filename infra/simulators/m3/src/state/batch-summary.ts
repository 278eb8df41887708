import type { M3State } from './store';

export interface OpenBatchOrder {
  tempOrno: string;
  CUOR: string;
  CUNO: string;
  status: '10' | '15';
  /** Number of lines added. */
  lines: number;
  /** Epoch ms (simulator clock) of AddBatchHead. */
  createdAt: number;
}

export interface BatchOrderSummary {
  /** Status 10. */
  entered: number;
  /** Status 15: Confirm found errors. */
  withErrors: number;
  /** Status 90. */
  released: number;
  /** Every batch order not released: orphans once a run has drained. */
  open: OpenBatchOrder[];
}

/** Batch orders by status, and the unreleased ones (`GET /_control/state/batch-orders/summary`). */
export function batchOrderSummary(state: M3State): BatchOrderSummary {
  const summary: BatchOrderSummary = { entered: 0, withErrors: 0, released: 0, open: [] };
  for (const b of state.batchOrders.values()) {
    if (b.status === '90') {
      summary.released++;
      continue;
    }
    if (b.status === '10') summary.entered++;
    else summary.withErrors++;
    summary.open.push({
      tempOrno: b.tempOrno,
      CUOR: b.head.CUOR ?? '',
      CUNO: b.head.CUNO ?? '',
      status: b.status,
      lines: b.lines.length,
      createdAt: b.createdAt,
    });
  }
  summary.open.sort((a, b) => a.tempOrno.localeCompare(b.tempOrno));
  return summary;
}
