// Which KAFKA_NAMESPACE the DLQ commands read: the environment's, else the one `npm start` last ran with
// (.stack/sandbox/sandbox.json), so `npm run dlq -- list` next to a running sandbox reads its dead letters.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stackDir } from '../../stack/connection';

export interface NamespaceChoice {
  namespace: string;
  /** Where it came from, for the line the command prints. */
  from: 'KAFKA_NAMESPACE' | 'sandbox' | 'none';
}

export function dlqNamespace(env: NodeJS.ProcessEnv = process.env): NamespaceChoice {
  if (env.KAFKA_NAMESPACE !== undefined) return { namespace: env.KAFKA_NAMESPACE, from: 'KAFKA_NAMESPACE' };
  try {
    const info = JSON.parse(readFileSync(resolve(stackDir(env), 'sandbox', 'sandbox.json'), 'utf8')) as {
      namespace?: unknown;
    };
    if (typeof info.namespace === 'string' && info.namespace !== '')
      return { namespace: info.namespace, from: 'sandbox' };
  } catch {
    // no sandbox has run here: no namespace
  }
  return { namespace: '', from: 'none' };
}
