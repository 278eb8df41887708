// A service whose topics are missing refuses to start, saying which and how to create them.
import type { Admin } from 'kafkajs';

export class MissingTopicsError extends Error {
  override name = 'MissingTopicsError';
  constructor(readonly missing: string[]) {
    super(`Topics missing on the broker: ${missing.join(', ')} — create them with \`npm run topics:apply\``);
  }
}

export async function assertTopicsExist(admin: Admin, names: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = names.filter((n) => !existing.has(n));
  if (missing.length > 0) throw new MissingTopicsError(missing);
}
