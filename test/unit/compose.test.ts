// No Docker engine runs here, so docker-compose.yml is checked against the code: every service has an entry
// with the environment its config schema requires, ports agree, Prometheus scrapes every service.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ZodObject, ZodRawShape } from 'zod';

const root = resolve(import.meta.dirname, '../..');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
}
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const prometheus = parse(readFileSync(resolve(root, 'infra/prometheus/prometheus.yml'), 'utf8')) as {
  scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
};
const scrapeTargets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));

const serviceDirs = readdirSync(resolve(root, 'services')).filter(
  (d) => d !== 'runtime' && existsSync(resolve(root, 'services', d, 'src/config.ts')),
);

function requiredKeys(schema: ZodObject<ZodRawShape>): string[] {
  return Object.entries(schema.shape)
    .filter(
      ([, field]) =>
        !(field as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success,
    )
    .map(([k]) => k);
}

const published = (svc: ComposeService): string[] => (svc.ports ?? []).map((p) => String(p).split(':').pop()!);

describe('docker-compose.yml', () => {
  it('runs Kafka in KRaft mode with listeners that agree with the published port', () => {
    const kafka = compose.services.kafka!;
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.ports).toContain('9092:9092');
    expect(kafka.environment?.KAFKA_ADVERTISED_LISTENERS).toContain('EXTERNAL://localhost:9092');
    expect(kafka.environment?.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
  });

  it('wires Kafka UI to the broker and the registry', () => {
    const ui = compose.services['kafka-ui']!;
    const internal = /INTERNAL:\/\/kafka:(\d+)/.exec(
      compose.services.kafka!.environment!.KAFKA_ADVERTISED_LISTENERS!,
    )![1];
    expect(ui.environment?.KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS).toBe(`kafka:${internal}`);
    expect(ui.environment?.KAFKA_CLUSTERS_0_SCHEMAREGISTRY).toBe('http://registry:8080/apis/ccompat/v7');
    expect(published(compose.services.registry!)).toContain('8080');
  });

  it('offers Confluent Schema Registry as an alternative profile', () => {
    expect(compose.services['registry-confluent']?.profiles).toEqual(['confluent']);
  });

  it('runs the simulators on the ports their env names', () => {
    for (const [name, portKey] of [
      ['sim-m3', 'M3_SIM_PORT'],
      ['sim-magento', 'MAGENTO_SIM_PORT'],
    ] as const) {
      const svc = compose.services[name]!;
      expect(published(svc), name).toContain(svc.environment?.[portKey]);
      expect(existsSync(resolve(root, svc.command!.at(-1)!)), `${name} entry point`).toBe(true);
    }
  });

  it.each(serviceDirs.length ? serviceDirs : ['(no service built yet)'])('has an entry for service %s', async (dir) => {
    if (!serviceDirs.includes(dir)) return expect(serviceDirs).toEqual([]);
    const svc = compose.services[dir];
    expect(svc, `docker-compose.yml has no entry for ${dir}`).toBeDefined();
    const mod = (await import(resolve(root, 'services', dir, 'src/config.ts'))) as {
      configSchema: ZodObject<ZodRawShape>;
    };
    const env = svc!.environment ?? {};
    for (const key of requiredKeys(mod.configSchema)) expect(Object.keys(env), `${dir} needs ${key}`).toContain(key);
    const port = env.HTTP_PORT ?? '8080';
    expect(published(svc!)).toContain(port);
    expect(scrapeTargets).toContain(`${dir}:${port}`);
    expect(svc!.command?.join(' ')).toContain(`services/${dir}/src/main.ts`);
  });
});
