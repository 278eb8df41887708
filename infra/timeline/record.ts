// A record of the timeline: where it was read (the searched topic), its coordinates and headers, and its
// value decoded with the Avro serde (a DeadLetter on DLQ topics, the original value on retry topics).
import type { ValueSerde } from '@m3mage/runtime';
import type { FetchedRecord } from '../topics/read-ranges';
import type { SearchedTopic } from './sources';

export interface TimelineRecord extends Omit<FetchedRecord, 'value'> {
  searched: SearchedTopic;
  /** The decoded value; null for a tombstone or when it could not be decoded (see `problem`). */
  value: unknown;
  problem?: string;
}

export async function decodeRecord(
  serde: Pick<ValueSerde, 'decode'>,
  searched: SearchedTopic,
  r: FetchedRecord,
): Promise<TimelineRecord> {
  const base = { ...r, searched };
  if (r.value === null) return { ...base, value: null };
  try {
    return { ...base, value: await serde.decode(r.value) };
  } catch (err) {
    return { ...base, value: null, problem: `value not readable: ${(err as Error).message}` };
  }
}
