// A service whose topics are missing refuses to start, naming them and how to create them.
import type { KafkaClient } from '../kafka/client';

export class MissingTopicsError extends Error {
  override name = 'MissingTopicsError';
  constructor(readonly missing: string[]) {
    super(`Topics missing on the broker: ${missing.join(', ')} — create them with \`npm run topics:apply\``);
  }
}

/** Minimal admin surface (kafkajs Admin satisfies it). */
export interface TopicLister {
  listTopics(): Promise<string[]>;
}

export async function assertTopicsExist(admin: TopicLister, names: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(names)].filter((n) => !existing.has(n));
  if (missing.length > 0) throw new MissingTopicsError(missing);
}

/** Connects an admin client of the service, checks, disconnects. */
export async function checkServiceTopics(client: KafkaClient, names: readonly string[]): Promise<void> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    await assertTopicsExist(admin, names);
  } finally {
    await admin.disconnect();
  }
}
