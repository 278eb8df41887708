// S5's backfill, run as ops run it: `infra/backfill/cli.ts --entity items --from m3` as its own process on the
// sandbox's namespace, its wall time taken here and its own figures read from the summary it prints on stdout
// (read, produced, skipped as older, failed, time, rows/s); and the end-to-end view, every released and priced
// item of M3 becoming a Magento product, stamped by the simulator's catalog_product_save_after.
import type { Sandbox } from '../../../infra/sandbox/sandbox';
import { spawnTool, toolEnv, type ToolRun } from '../../e2e/support';

export interface CliSummary {
  /** Exit code, or the signal that ended it (SIGTERM: stopped at the deadline). */
  exit: number | string;
  wallMs: number;
  read: number | null;
  produced: number | null;
  skippedOlder: number | null;
  failed: number | null;
  /** As the CLI reports them: its own time and rows/s. */
  reportedS: number | null;
  reportedRowsPerS: number | null;
}

const figure = (stdout: string, re: RegExp): number | null => {
  const m = re.exec(stdout);
  return m ? Number(m[1]) : null;
};

export function parseSummary(stdout: string): Omit<CliSummary, 'exit' | 'wallMs'> {
  return {
    read: figure(stdout, /^\s*read\s+(\d+)/m),
    produced: figure(stdout, /^\s*produced\s+(\d+)/m),
    skippedOlder: figure(stdout, /^\s*skipped as older\s+(\d+)/m),
    failed: figure(stdout, /^\s*failed\s+(\d+)/m),
    reportedS: figure(stdout, /^\s*time\s+([\d.]+) s/m),
    reportedRowsPerS: figure(stdout, /^\s*time\s+[\d.]+ s, (\d+) rows\/s/m),
  };
}

export interface BackfillRun {
  tool: ToolRun;
  /** Resolves when the CLI has exited, with its summary. */
  done: Promise<CliSummary>;
  /** performance.now() when it exited; undefined while it runs. */
  endedAt(): number | undefined;
}

export function startBackfill(sb: Sandbox, namespace: string, extraArgs: string[]): BackfillRun {
  const t0 = performance.now();
  let ended: number | undefined;
  const tool = spawnTool(
    'infra/backfill/cli.ts',
    ['--entity', 'items', '--from', 'm3', ...extraArgs],
    toolEnv(sb, namespace),
  );
  const done = tool.exit.then((exit) => {
    ended = performance.now();
    return { exit, wallMs: Math.round(ended - t0), ...parseSummary(tool.stdout) };
  });
  return { tool, done, endedAt: () => ended };
}

/**
 * A product in Magento (services/transformer/src/mappings/tables/item-status.ts, as backfill.it.test.ts): released
 * (20–50 enabled, 80–99 disabled) and priced (SAPR > 0; Magento cannot create a product without a price).
 */
const forSale = (i: Record<string, unknown>): boolean =>
  !['00', '05', '10'].includes(String(i.STAT)) && Number(i.SAPR ?? 0) > 0;

export interface ProductWatch {
  expected: number;
  created(): number;
  /** performance.now() of the last expected product's creation; undefined until all are there. */
  allAt(): number | undefined;
}

/** Watches every released, priced M3 item that is not yet a Magento product become one (its first save). */
export function watchProducts(sb: Sandbox): ProductWatch {
  const pending = new Set(
    [...sb.m3.state.items.values()]
      .filter(forSale)
      .map((i) => String(i.ITNO))
      .filter((sku) => !sb.magento.state.products.has(sku)),
  );
  const expected = pending.size;
  let allAt: number | undefined;
  sb.magento.events.domain.on((e) => {
    if (e.name !== 'catalog_product_save_after' || !pending.delete(String(e.snapshot.sku))) return;
    if (pending.size === 0) allAt = performance.now();
  });
  return { expected, created: () => expected - pending.size, allAt: () => allAt };
}
