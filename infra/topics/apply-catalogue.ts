// The catalogue (under a namespace) applied to a broker: what was missing is created, drift is reported.
import { createTopics, readTopics, topicAdmin } from './admin';
import { allTopics, namespaced } from './derive';
import { planTopics, type TopicPlan } from './plan';

export async function applyCatalogue(
  brokers: string[],
  opts: { namespace?: string; checkOnly?: boolean; clientId?: string } = {},
): Promise<TopicPlan> {
  const desired = namespaced(allTopics(), opts.namespace);
  const admin = topicAdmin(brokers, opts.clientId ?? 'topics-apply');
  await admin.connect();
  try {
    const plan = planTopics(
      desired,
      await readTopics(
        admin,
        desired.map((t) => t.name),
      ),
    );
    if (!opts.checkOnly) await createTopics(admin, plan.create);
    return plan;
  } finally {
    await admin.disconnect();
  }
}
