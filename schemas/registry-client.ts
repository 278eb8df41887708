// The registry's Confluent-compatible REST API (Apicurio /apis/ccompat/v7, or Confluent Schema Registry).
// Only what registration and compatibility checks need; records are encoded by the runtime's serde.

export type Compatibility = 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FULL' | 'NONE';

export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode?: number,
  ) {
    super(message);
  }
}

export interface RegistryClient {
  setCompatibility(subject: string, level: Compatibility): Promise<void>;
  register(subject: string, schema: object): Promise<number>;
  isCompatible(subject: string, schema: object): Promise<boolean>;
  latest(subject: string): Promise<{ id: number; version: number; schema: string } | undefined>;
  subjects(): Promise<string[]>;
}

export function registryClient(baseUrl: string, fetchImpl: typeof fetch = fetch): RegistryClient {
  const base = baseUrl.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetchImpl(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const e = (parsed ?? {}) as { message?: string; error_code?: number };
      throw new RegistryError(`${method} ${path} → ${res.status}: ${e.message ?? text}`, res.status, e.error_code);
    }
    return parsed as T;
  }
  const subj = (s: string): string => encodeURIComponent(s);
  return {
    async setCompatibility(subject, level) {
      await call('PUT', `/config/${subj(subject)}`, { compatibility: level });
    },
    async register(subject, schema) {
      const r = await call<{ id: number }>('POST', `/subjects/${subj(subject)}/versions`, {
        schema: JSON.stringify(schema),
        schemaType: 'AVRO',
      });
      return r.id;
    },
    async isCompatible(subject, schema) {
      try {
        const r = await call<{ is_compatible: boolean }>(
          'POST',
          `/compatibility/subjects/${subj(subject)}/versions/latest`,
          {
            schema: JSON.stringify(schema),
            schemaType: 'AVRO',
          },
        );
        return r.is_compatible;
      } catch (err) {
        if (err instanceof RegistryError && err.status === 404) return true;
        throw err;
      }
    },
    async latest(subject) {
      try {
        return await call<{ id: number; version: number; schema: string }>(
          'GET',
          `/subjects/${subj(subject)}/versions/latest`,
        );
      } catch (err) {
        if (err instanceof RegistryError && err.status === 404) return undefined;
        throw err;
      }
    },
    subjects: () => call<string[]>('GET', '/subjects'),
  };
}

/** Registers `schema` under `subject` with the given compatibility; an incompatible schema is refused. */
export async function registerWithCompatibility(
  client: RegistryClient,
  subject: string,
  schema: object,
  level: Compatibility = 'BACKWARD',
): Promise<number> {
  await client.setCompatibility(subject, level);
  if (!(await client.isCompatible(subject, schema))) {
    throw new RegistryError(`schema for ${subject} is not ${level} compatible with the registered one`, 409);
  }
  return client.register(subject, schema);
}
