// S5's live orders: placed in the Magento simulator on a fixed schedule (open loop: a late tick places what
// was due, it never waits for the pipeline), each timed from its placement to the moment the M3 simulator
// confirms an order with its increment id as CUOR (the simulators run in this process, so the hook on M3's
// state changes stamps the confirmation exactly, no polling).
import type { Sandbox } from '../../../infra/sandbox/sandbox';
import { latency, type Latency } from '../common/stats';

export interface OrderLatency extends Latency {
  /** Placed in the window and not confirmed in M3 by the end of the drain. */
  notConfirmed: number;
}

export interface LiveOrders {
  /** Starts placing `ratePerS` orders a second (again after a stop). */
  start(ratePerS: number): void;
  stop(): void;
  /** Latency of the orders placed in [from, to) (performance.now() times). */
  between(from: number, to: number): OrderLatency;
  /** Orders placed in [from, to). */
  placedBetween(from: number, to: number): number;
  placed(): number;
  confirmed(): number;
  /** Increment ids M3 confirmed more than once. */
  duplicates(): number;
  /** Placements the Magento simulator refused (each counted, the schedule goes on). */
  notPlaced(): number;
}

export function liveOrders(sb: Sandbox): LiveOrders {
  const placedAt = new Map<string, number>();
  const confirmedAt = new Map<string, number>();
  let duplicates = 0;
  let notPlaced = 0;
  sb.m3.state.onChange((c) => {
    if (c.noun !== 'SalesOrder' || c.action !== 'Add') return;
    const cuor = String(sb.m3.state.orders.get(c.id)?.head.CUOR ?? '').trim();
    if (!placedAt.has(cuor)) return;
    if (confirmedAt.has(cuor)) duplicates += 1;
    else confirmedAt.set(cuor, performance.now());
  });
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const start = (ratePerS: number) => {
    stop();
    const t0 = performance.now();
    const gapMs = 1000 / ratePerS;
    let n = 0;
    const tick = () => {
      while (t0 + n * gapMs <= performance.now()) {
        n += 1;
        try {
          const [order] = sb.magento.placeOrders(1);
          if (order) placedAt.set(order.increment_id, performance.now());
        } catch {
          notPlaced += 1;
        }
      }
      timer = setTimeout(tick, Math.max(0, t0 + n * gapMs - performance.now()));
    };
    tick();
  };
  const inWindow = (from: number, to: number) => [...placedAt].filter(([, at]) => at >= from && at < to);
  return {
    start,
    stop,
    between(from, to) {
      const orders = inWindow(from, to);
      const done = orders.flatMap(([id, at]) => (confirmedAt.has(id) ? [confirmedAt.get(id)! - at] : []));
      return { ...latency(done.map(Math.round)), notConfirmed: orders.length - done.length };
    },
    placedBetween: (from, to) => inWindow(from, to).length,
    placed: () => placedAt.size,
    confirmed: () => confirmedAt.size,
    duplicates: () => duplicates,
    notPlaced: () => notPlaced,
  };
}
