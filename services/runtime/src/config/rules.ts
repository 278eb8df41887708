// Cross-key rules: applied by loadConfig whenever the schema has the keys a rule is about.
import { HTTP_SERVER_DEFAULTS } from './fragments';

export interface ConfigProblem {
  key: string;
  problem: string;
  expected: string;
}

export interface ConfigRule {
  readonly keys: readonly string[];
  check(values: Readonly<Record<string, unknown>>): ConfigProblem[];
}

const present = (v: unknown): boolean => v !== undefined && v !== '';

export const configRules: readonly ConfigRule[] = Object.freeze([
  {
    keys: ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'],
    check: (v) =>
      present(v['KAFKA_SASL_MECHANISM'])
        ? (['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
            .filter((k) => !present(v[k]))
            .map((key) => ({ key, problem: 'missing (KAFKA_SASL_MECHANISM is set)', expected: 'required with SASL' }))
        : [],
  },
  {
    keys: ['SCHEMA_REGISTRY_USERNAME', 'SCHEMA_REGISTRY_PASSWORD'],
    check: (v) => {
      const user = present(v['SCHEMA_REGISTRY_USERNAME']);
      const pass = present(v['SCHEMA_REGISTRY_PASSWORD']);
      if (user === pass) return [];
      const key = user ? 'SCHEMA_REGISTRY_PASSWORD' : 'SCHEMA_REGISTRY_USERNAME';
      return [{ key, problem: 'missing (basic auth needs both)', expected: 'set both or neither' }];
    },
  },
  {
    // Node refuses a headers timeout longer than the request timeout (the headers are part of the request).
    keys: ['HTTP_HEADERS_TIMEOUT_MS', 'HTTP_REQUEST_TIMEOUT_MS'],
    check: (v) => {
      const headers = Number(v['HTTP_HEADERS_TIMEOUT_MS'] ?? HTTP_SERVER_DEFAULTS.headersMs);
      const request = Number(v['HTTP_REQUEST_TIMEOUT_MS'] ?? HTTP_SERVER_DEFAULTS.requestMs);
      if (!(headers > request)) return [];
      return [
        {
          key: 'HTTP_HEADERS_TIMEOUT_MS',
          problem: 'longer than HTTP_REQUEST_TIMEOUT_MS',
          expected: '≤ HTTP_REQUEST_TIMEOUT_MS',
        },
      ];
    },
  },
]);
