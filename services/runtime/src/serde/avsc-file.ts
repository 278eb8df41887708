// Load an .avsc file (one record per file, schemas/<domain>/<name>.avsc).
import { readFileSync } from 'node:fs';
import type { AvroSchemaJson } from './avro-serde';

export function readAvsc(path: string): AvroSchemaJson {
  return JSON.parse(readFileSync(path, 'utf8')) as AvroSchemaJson;
}
