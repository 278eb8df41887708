// `npm run schemas:register`: registers every catalogued topic's value schema under `<topic>-value`
// with BACKWARD compatibility. Services register theirs on start too; this is for ops and CI.
import { loadSchemas } from '@m3mage/schemas';
import { registerWithCompatibility, registryClient } from '@m3mage/schemas/registry-client';
import { readConnection } from '../stack/connection';
import { allTopics } from './derive';

async function main(): Promise<number> {
  const conn = readConnection();
  if (!conn) {
    console.error('[schemas] no registry configured: run `npm run stack:up` or set SCHEMA_REGISTRY_URL');
    return 1;
  }
  const schemas = loadSchemas();
  const client = registryClient(conn.registryUrl);
  for (const t of allTopics()) {
    if (!schemas.names().includes(t.valueSchema)) continue; // retry topics carry the original bytes
    const subject = `${process.env.KAFKA_NAMESPACE ?? ''}${t.name}-value`;
    const id = await registerWithCompatibility(client, subject, schemas.resolve(t.valueSchema));
    console.log(`registered ${subject} → ${t.valueSchema} (id ${id})`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[schemas] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
