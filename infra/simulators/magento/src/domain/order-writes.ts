import type { MagentoState } from '../state/store';
import type { Order } from '../state/types';

export interface OrderWriteGuardOptions {
  state: MagentoState;
  now: () => number;
  /** How long a write holds the order row (simulated DB transaction). 0 disables the hazard window. */
  holdMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** MySQL's answer to two transactions saving the same order row at once. */
export const DEADLOCK_MESSAGE =
  'SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction';

/**
 * Magento's concurrency hazard: a write (ship, invoice, status comment) holds the order for `holdMs`; a second
 * write on the same order arriving meanwhile fails with a deadlock (a 500 to the client) and the order is
 * recorded as corrupted, so a client that does not serialize writes per order is caught.
 */
export class OrderWriteGuard {
  private readonly inFlight = new Map<number, string>();

  constructor(private readonly opts: OrderWriteGuardOptions) {}

  async run<T>(order: Order, operation: string, write: () => T): Promise<T> {
    const other = this.inFlight.get(order.entity_id);
    if (other !== undefined) {
      this.opts.state.corruptions.set(order.entity_id, {
        orderId: order.entity_id,
        incrementId: order.increment_id,
        at: this.opts.now(),
        operations: [other, operation],
      });
      throw new Error(DEADLOCK_MESSAGE);
    }
    this.inFlight.set(order.entity_id, operation);
    try {
      if (this.opts.holdMs > 0) await this.opts.sleep(this.opts.holdMs);
      return write();
    } finally {
      this.inFlight.delete(order.entity_id);
    }
  }
}
