// What a backfill reads: a source pages one entity of one system in key order, after a key (exclusive), and
// says of each row what became of it. A row is a snapshot record for the change topic, a row older than the
// version the pipeline already applied for its key (live changes win: it is not produced), or a row that
// cannot be read (the reason, and its dead letter when the row is data: a key asked for that the source does not have has none). The runner (runner.ts) throttles, produces, checkpoints.
import type { OutgoingRecord } from '@m3mage/runtime';

export type SnapshotRow =
  | { key: string; kind: 'record'; record: OutgoingRecord }
  | { key: string; kind: 'older' }
  | { key: string; kind: 'failed'; reason: string; deadLetter?: OutgoingRecord };

export interface SnapshotSource {
  /** e.g. `items@m3`. */
  name: string;
  /** Catalogue name of the change topic the records go to (their consumers are the live pipeline). */
  topic: string;
  /** Catalogue names of every topic the source writes (change topic, dead letters), for schema registration. */
  writes: readonly string[];
  /** How many rows there are to read, when the source can tell cheaply (the progress bar's total). */
  total?(): Promise<number | undefined>;
  /** Pages of rows in key order, each strictly after `after` (null: from the first key). */
  pages(after: string | null): AsyncIterable<SnapshotRow[]>;
  close?(): Promise<void>;
}
