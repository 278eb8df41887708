// `list`: the dead letters of some services' DLQs, read in parallel; a DLQ topic that does not exist is
// reported as such (records undefined) instead of failing the others.
import type { AvroSerde, KafkaClient } from '@m3mage/runtime';
import type { ListedService } from './format';
import { DlqTopicMissingError, readDeadLetters, type ReadOptions } from './read';
import type { DlqSource } from './sources';

export async function listDeadLetters(
  deps: { client: KafkaClient; serde: Pick<AvroSerde, 'decode'> },
  sources: readonly DlqSource[],
  opts: ReadOptions = {},
): Promise<ListedService[]> {
  return Promise.all(
    sources.map(async (s) => {
      try {
        return { ...s, records: await readDeadLetters(deps.client, deps.serde, s.topic, opts) };
      } catch (err) {
        if (err instanceof DlqTopicMissingError) return { ...s, records: undefined };
        throw err;
      }
    }),
  );
}
