// The self-contained Avro value schema of a catalogued topic (for producers registering `<topic>-value`).
import { loadSchemas, type AvroSchema, type SchemaCatalogue } from '@m3mage/schemas';
import { allTopics } from './derive';

let cached: SchemaCatalogue | undefined;

export function schemaForTopic(topic: string, schemas: SchemaCatalogue = (cached ??= loadSchemas())): AvroSchema {
  const spec = allTopics().find((t) => t.name === topic);
  if (!spec) throw new Error(`topic ${topic} is not in the topic catalogue (infra/topics/catalogue.ts)`);
  if (!schemas.names().includes(spec.valueSchema))
    throw new Error(`topic ${topic} carries ${spec.valueSchema}, which has no schema`);
  return schemas.resolve(spec.valueSchema);
}
