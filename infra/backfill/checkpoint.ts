// The checkpoint of a backfill job in Kafka (state.backfill.checkpoints.v1, compacted, key = job id): written after every
// page whose records the broker acknowledged, so a run killed at any moment resumes after the last key it
// saved and at most one page is produced again — the same records with the same versions, which the
// pipeline's guards take as duplicates (no second effect).
import {
  createCompactedTable,
  type AvroSchemaJson,
  type AvroSerde,
  type CompactedTable,
  type KafkaClient,
  type Logger,
  type Producer,
} from '@m3mage/runtime';
import type { BackfillCheckpoint } from '@m3mage/schemas/types';
import { schemaForTopic, TOPIC } from '@m3mage/topics';

export type Checkpoint = BackfillCheckpoint;

export interface CheckpointStore {
  get(job: string): Checkpoint | undefined;
  save(c: Checkpoint): Promise<void>;
}

export const readCheckpoint = (v: unknown): Checkpoint | undefined => {
  const r = v as Partial<Checkpoint> | null;
  return typeof r?.job === 'string' && (r.status === 'RUNNING' || r.status === 'DONE') ? (r as Checkpoint) : undefined;
};

export function tableCheckpoints(table: CompactedTable<Checkpoint>): CheckpointStore {
  return {
    get: (job) => table.get(job),
    save: (c) =>
      table.set(c.job, c, c, {
        correlationId: c.job,
        eventType: 'BackfillCheckpoint',
        sourceSystem: c.from === 'magento' ? 'MAGENTO' : 'M3',
      }),
  };
}

/**
 * The checkpoint table of a namespace, writable through `producer` (a producer that does not namespace: it
 * writes to the broker-side name): its schema registered, then read to the end. Stop `table` when done.
 */
export async function openCheckpoints(deps: {
  client: KafkaClient;
  serde: AvroSerde;
  logger: Logger;
  producer: Producer;
  namespace: string;
  groupPrefix: string;
}): Promise<{ store: CheckpointStore; table: CompactedTable<Checkpoint> }> {
  const topic = `${deps.namespace}${TOPIC.stateBackfill}`;
  await deps.serde.register(topic, schemaForTopic(TOPIC.stateBackfill) as AvroSchemaJson);
  const table = createCompactedTable<Checkpoint>({
    client: deps.client,
    topic,
    serde: deps.serde,
    logger: deps.logger,
    groupPrefix: deps.groupPrefix,
    producer: deps.producer,
    producerTopic: topic,
    accept: readCheckpoint,
  });
  await table.start();
  return { store: tableCheckpoints(table), table };
}

export function memoryCheckpoints(): CheckpointStore & { saved: Checkpoint[] } {
  const rows = new Map<string, Checkpoint>();
  const saved: Checkpoint[] = [];
  return {
    saved,
    get: (job) => rows.get(job),
    save: async (c) => {
      rows.set(c.job, c);
      saved.push(c);
    },
  };
}
