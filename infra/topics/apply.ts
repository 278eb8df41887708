// `npm run topics:apply`: creates the catalogue's missing topics and reports drift, never destroying data.
// Exits 0 when every topic exists (drift is reported), 1 on errors; `--check` only reports (exit 3 if missing/drift).
// KAFKA_NAMESPACE (as the services use it) prefixes every topic name.
import { readConnection } from '../stack/connection';
import { createTopics, readTopics, topicAdmin } from './admin';
import { allTopics, namespaced } from './derive';
import { formatPlan, planTopics } from './plan';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const conn = readConnection();
  if (!conn) {
    console.error('[topics] no broker configured: run `npm run stack:up` or set KAFKA_BROKERS');
    return 1;
  }
  const desired = namespaced(allTopics(), process.env.KAFKA_NAMESPACE);
  const admin = topicAdmin(conn.brokers, 'topics-apply');
  await admin.connect();
  try {
    const plan = planTopics(
      desired,
      await readTopics(
        admin,
        desired.map((t) => t.name),
      ),
    );
    if (!check) await createTopics(admin, plan.create);
    console.log(formatPlan(plan, !check));
    return check && (plan.create.length > 0 || plan.drift.length > 0) ? 3 : 0;
  } finally {
    await admin.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[topics] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
