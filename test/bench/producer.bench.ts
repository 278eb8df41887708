// Producer benchmark: small Avro records through the runtime producer, every delivery promise awaited.
// Batched: 100k records sent at once (linger/size batching). One-at-a-time: each send awaited before the
// next (the naive pattern), on a smaller sample because it is ~10x slower. Rounds are interleaved in one
// run; medians and min–max are printed. Run: npx tsx test/bench/producer.bench.ts [rounds]
import { pino } from 'pino';
import { createKafkaClient } from '../../services/runtime/src/kafka/client';
import { createProducer, type Producer } from '../../services/runtime/src/kafka/producer';
import { createAvroSerde } from '../../services/runtime/src/serde/avro-serde';
import { testStack, uniqueName } from '../support/env';

const BATCHED = 100_000;
const SEQUENTIAL = 5_000;
const rounds = Number(process.argv[2] ?? 3);

const logger = pino({ level: 'warn' });
const { brokers, registryUrl } = testStack();
const client = createKafkaClient({ clientId: 'bench-producer', brokers, logger });
const serde = createAvroSerde({ registryUrl });
const topic = uniqueName('bench.producer');

const admin = client.kafka.admin();
await admin.connect();
await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
await admin.disconnect();
await serde.register(topic, {
  type: 'record',
  name: 'BenchEvent',
  namespace: 'm3mage.bench',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'qty', type: 'int' },
  ],
});
// Batched sends use the default linger (5 ms); the one-at-a-time baseline gets lingerMs 0, its best case.
const producer: Producer = createProducer({ client, serde, logger });
const unbatched: Producer = createProducer({ client, serde, logger, lingerMs: 0 });
await Promise.all([producer.connect(), unbatched.connect()]);

const record = (i: number) => ({
  topic,
  key: `sku-${i % 5000}`,
  value: { sku: `sku-${i % 5000}`, qty: i },
  meta: { correlationId: `c${i}`, eventType: 'BenchEvent', sourceSystem: 'M3' as const },
});

async function batched(n: number): Promise<number> {
  const t = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => producer.send(record(i))));
  return n / ((performance.now() - t) / 1000);
}

async function oneAtATime(n: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i += 1) await unbatched.send(record(i));
  return n / ((performance.now() - t) / 1000);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

await Promise.all([batched(5_000), unbatched.send(record(0))]); // warm-up: connections, metadata, schema cache
const b: number[] = [];
const s: number[] = [];
for (let r = 0; r < rounds; r += 1) {
  b.push(await batched(BATCHED));
  s.push(await oneAtATime(SEQUENTIAL));
  console.log(`round ${r + 1}: batched ${fmt(b[r] as number)} msg/s, one-at-a-time ${fmt(s[r] as number)} msg/s`);
}
await Promise.all([producer.close(), unbatched.close()]);

console.log(`\nproducer benchmark (${brokers.join(',')}, acks=all, idempotent, Avro, ${rounds} interleaved rounds)`);
console.log(`batched       ${BATCHED.toLocaleString('en-US')} records/round, Promise.all over per-record deliveries:`);
console.log(`  median ${fmt(median(b))} msg/s (min ${fmt(Math.min(...b))}, max ${fmt(Math.max(...b))})`);
console.log(
  `one-at-a-time ${SEQUENTIAL.toLocaleString('en-US')} records/round (smaller sample), each send awaited, lingerMs 0:`,
);
console.log(`  median ${fmt(median(s))} msg/s (min ${fmt(Math.min(...s))}, max ${fmt(Math.max(...s))})`);
console.log(`ratio batched / one-at-a-time: ${(median(b) / median(s)).toFixed(1)}x`);
