import { createHash, randomUUID } from 'node:crypto';
import { magentoDate } from '../http/dates';
import { MagentoError } from '../http/errors';

/** Bulk operation status codes (Magento\AsynchronousOperations OperationInterface). */
export const OPERATION_STATUS = {
  COMPLETE: 1,
  RETRIABLY_FAILED: 2,
  NOT_RETRIABLY_FAILED: 3,
  OPEN: 4,
  REJECTED: 5,
} as const;

export interface BulkOperation {
  id: number;
  topic_name: string;
  status: number;
  result_message: string | null;
  error_code: number | null;
  serialized_data: string;
  result_serialized_data: string | null;
}

export interface Bulk {
  bulk_id: string;
  description: string;
  start_time: string;
  user_id: number;
  user_type: number;
  operation_count: number;
  operations: BulkOperation[];
}

/** Runs one operation against the synchronous REST API; returns HTTP status and parsed body. */
export type OperationExecutor = (
  method: string,
  path: string,
  payload: unknown,
  /** Store code of the bulk request (`/rest/{store}/async/bulk/V1`), if any: operations run in that store. */
  storeCode?: string,
) => Promise<{ status: number; body: unknown }>;

export interface BulkProcessorOptions {
  now: () => number;
  execute: OperationExecutor;
}

/**
 * Async bulk (`/rest/async/bulk/V1/...`): accepts an array of request bodies, answers a bulk uuid at once and
 * runs the operations afterwards, one by one, as Magento's consumer would.
 */
export class BulkProcessor {
  private readonly bulks = new Map<string, Bulk>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: BulkProcessorOptions) {}

  submit(method: string, path: string, items: unknown, storeCode?: string) {
    if (!Array.isArray(items) || items.length === 0)
      throw new MagentoError(400, 'Request body must be an array of operations.');
    const uuid = randomUUID();
    const topic = `async.V1.${path.replace(/\//g, '.')}.${method}`;
    const operations: BulkOperation[] = items.map((item, id) => ({
      id,
      topic_name: topic,
      status: OPERATION_STATUS.OPEN,
      result_message: null,
      error_code: null,
      serialized_data: JSON.stringify(item),
      result_serialized_data: null,
    }));
    this.bulks.set(uuid, {
      bulk_id: uuid,
      description: `Topic ${topic}`,
      start_time: magentoDate(this.opts.now()),
      user_id: 1,
      user_type: 2,
      operation_count: operations.length,
      operations,
    });
    this.queue = this.queue.then(() => this.run(method, path, items as unknown[], operations, storeCode));
    return {
      bulk_uuid: uuid,
      request_items: operations.map((o) => ({
        id: o.id,
        data_hash: createHash('sha256').update(o.serialized_data).digest('hex'),
        status: 'accepted',
      })),
      errors: false,
    };
  }

  get(uuid: string): Bulk | undefined {
    return this.bulks.get(uuid);
  }

  /** Resolves when every accepted operation has run. */
  idle(): Promise<void> {
    return this.queue;
  }

  clear(): void {
    this.bulks.clear();
  }

  private async run(
    method: string,
    path: string,
    items: unknown[],
    ops: BulkOperation[],
    storeCode: string | undefined,
  ): Promise<void> {
    for (const [i, op] of ops.entries()) {
      const item = items[i];
      try {
        const res = await this.opts.execute(method, resolvePath(path, item), item, storeCode);
        const ok = res.status >= 200 && res.status < 300;
        op.status = ok
          ? OPERATION_STATUS.COMPLETE
          : res.status >= 500
            ? OPERATION_STATUS.RETRIABLY_FAILED
            : OPERATION_STATUS.NOT_RETRIABLY_FAILED;
        op.result_message = ok ? 'Service execution success ' : messageOf(res.body);
        op.error_code = ok ? null : res.status;
        op.result_serialized_data = ok ? JSON.stringify(res.body) : null;
      } catch (err) {
        op.status = OPERATION_STATUS.RETRIABLY_FAILED;
        op.result_message = err instanceof Error ? err.message : String(err);
      }
    }
  }
}

/** `by<Param>` placeholders (e.g. `products/bySku`) take their value from the operation's body. */
export function resolvePath(path: string, item: unknown): string {
  return path
    .split('/')
    .map((seg) => {
      const m = /^by([A-Z]\w*)$/.exec(seg);
      if (!m?.[1]) return seg;
      const value = findParam(item, m[1]);
      return typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(value) : seg;
    })
    .join('/');
}

function findParam(item: unknown, name: string): unknown {
  const wanted = [name[0]!.toLowerCase() + name.slice(1), name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()];
  const search = (o: unknown, depth: number): unknown => {
    if (!o || typeof o !== 'object' || depth > 2) return undefined;
    for (const w of wanted) if (w in o) return (o as Record<string, unknown>)[w];
    for (const v of Object.values(o)) {
      const found = search(v, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(item, 0);
}

function messageOf(body: unknown): string {
  const message = body && typeof body === 'object' && 'message' in body ? body.message : undefined;
  return typeof message === 'string' ? message : JSON.stringify(body);
}
