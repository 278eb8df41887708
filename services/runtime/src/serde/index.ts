export {
  createAvroSerde,
  valueSubject,
  type AvroSchemaJson,
  type AvroSerde,
  type AvroSerdeOptions,
} from './avro-serde';
export { readAvsc } from './avsc-file';
export { setSubjectCompatibility, type Compatibility } from './ccompat';
export type { ValueSerde } from './types';
export { frame, schemaIdOf, MAGIC_BYTE } from './wire-format';
