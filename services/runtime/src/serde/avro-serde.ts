// Avro values through the schema registry's Confluent-compatible API (Apicurio: /apis/ccompat/v7).
// Subjects are `<topic>-value` with BACKWARD compatibility; schema ids are cached per topic and the
// parsed Avro types are cached per id, so the hot path makes no HTTP call and no extra copies.
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { AppError } from '../core';
import { setSubjectCompatibility } from './ccompat';
import type { ValueSerde } from './types';
import { frame, HEADER_LENGTH, schemaIdOf } from './wire-format';

interface AvroType {
  toBuffer(value: unknown): Buffer;
  fromBuffer(bytes: Buffer): unknown;
}

/** An Avro schema as parsed JSON (an .avsc file's content). */
export type AvroSchemaJson = { type: 'record'; name: string; namespace?: string; fields: unknown[] };

export interface AvroSerdeOptions {
  /** e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  registryUrl: string;
  /** Pre-built client (tests, custom auth); default: one pointed at registryUrl. */
  registry?: SchemaRegistry;
}

export interface AvroSerde extends ValueSerde {
  /** Register `schema` under `<topic>-value` (BACKWARD) and use it for `encode(topic, …)`. Returns the id. */
  register(topic: string, schema: AvroSchemaJson): Promise<number>;
  /** The schema id used for a topic, looking up the subject's latest version when not registered here. */
  schemaId(topic: string): Promise<number>;
}

export const valueSubject = (topic: string): string => `${topic}-value`;

const isCompatibilityMismatch = (err: unknown): boolean =>
  err instanceof Error && err.name === 'ConfluentSchemaRegistryCompatibilityError';

export function createAvroSerde(opts: AvroSerdeOptions): AvroSerde {
  const registry = opts.registry ?? new SchemaRegistry({ host: opts.registryUrl });
  const ids = new Map<string, Promise<number>>();
  const types = new Map<number, Promise<AvroType>>();
  const typeOf = (id: number): Promise<AvroType> => {
    let t = types.get(id);
    if (!t) {
      t = registry.getSchema(id);
      types.set(id, t);
      t.catch(() => types.delete(id));
    }
    return t;
  };

  async function registerOnce(topic: string, schema: AvroSchemaJson): Promise<number> {
    const subject = valueSubject(topic);
    const confluent = { type: SchemaType.AVRO, schema: JSON.stringify(schema) } as const;
    const options = { subject, compatibility: COMPATIBILITY.BACKWARD };
    try {
      return (await registry.register(confluent, options)).id;
    } catch (err) {
      // The subject exists with another compatibility level (Apicurio answers the global default for
      // subjects without a rule): set ours explicitly, then register.
      if (!isCompatibilityMismatch(err)) throw err;
      await setSubjectCompatibility(opts.registryUrl, subject, 'BACKWARD');
      return (await registry.register(confluent, options)).id;
    }
  }

  function remember(topic: string, id: Promise<number>): Promise<number> {
    ids.set(topic, id);
    id.catch(() => ids.delete(topic)); // a failed lookup is not cached
    return id;
  }

  const schemaId = (topic: string): Promise<number> =>
    ids.get(topic) ?? remember(topic, registry.getLatestSchemaId(valueSubject(topic)));

  return {
    register: (topic, schema) => remember(topic, registerOnce(topic, schema)),
    schemaId,
    async encode(topic, value) {
      const id = await schemaId(topic);
      const type = await typeOf(id);
      try {
        return frame(id, type.toBuffer(value));
      } catch (err) {
        throw new AppError('VALIDATION', `value does not match the schema of ${topic}: ${String(err)}`, {
          cause: err,
          details: { topic, schemaId: id },
        });
      }
    },
    async decode(bytes) {
      const id = schemaIdOf(bytes);
      if (id === undefined) {
        throw new AppError('SCHEMA_DECODE', 'value is not in the Confluent wire format (magic byte 0 + schema id)');
      }
      try {
        return (await typeOf(id)).fromBuffer(bytes.subarray(HEADER_LENGTH));
      } catch (err) {
        throw new AppError('SCHEMA_DECODE', `cannot decode value with schema ${id}: ${String(err)}`, {
          cause: err,
          details: { schemaId: id },
        });
      }
    },
  };
}
