// `npm run topics:apply`: creates the catalogue's missing topics and reports drift, never destroying data.
// Exits 0 when every topic exists (drift is reported), 1 on errors; `--check` only reports (exit 3 if missing/drift).
// KAFKA_NAMESPACE (as the services use it) prefixes every topic name.
import { readConnection } from '../stack/connection';
import { applyCatalogue } from './apply-catalogue';
import { formatPlan } from './plan';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const conn = readConnection();
  if (!conn) {
    console.error('[topics] no broker configured: run `npm run stack:up` or set KAFKA_BROKERS');
    return 1;
  }
  const plan = await applyCatalogue(conn.brokers, {
    checkOnly: check,
    ...(process.env.KAFKA_NAMESPACE ? { namespace: process.env.KAFKA_NAMESPACE } : {}),
  });
  console.log(formatPlan(plan, !check));
  return check && (plan.create.length > 0 || plan.drift.length > 0) ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[topics] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
