// Pure: what to create and what has drifted, from the desired catalogue and what the broker has.
import type { TopicSpec } from './catalogue';

export interface ActualTopic {
  partitions: number;
  configs: Record<string, string | undefined>;
}

export interface Drift {
  topic: string;
  setting: string;
  want: string;
  have: string;
}

export interface TopicPlan {
  create: TopicSpec[];
  drift: Drift[];
  ok: string[];
}

export function desiredConfigs(t: TopicSpec): Record<string, string> {
  return t.cleanup === 'compact'
    ? { 'cleanup.policy': 'compact' }
    : { 'cleanup.policy': 'delete', 'retention.ms': String(t.retentionMs) };
}

export function planTopics(desired: readonly TopicSpec[], actual: ReadonlyMap<string, ActualTopic>): TopicPlan {
  const plan: TopicPlan = { create: [], drift: [], ok: [] };
  for (const t of desired) {
    const have = actual.get(t.name);
    if (!have) {
      plan.create.push(t);
      continue;
    }
    const before = plan.drift.length;
    if (have.partitions !== t.partitions) {
      plan.drift.push({
        topic: t.name,
        setting: 'partitions',
        want: String(t.partitions),
        have: String(have.partitions),
      });
    }
    for (const [k, v] of Object.entries(desiredConfigs(t))) {
      if (have.configs[k] !== v)
        plan.drift.push({ topic: t.name, setting: k, want: v, have: have.configs[k] ?? '(unset)' });
    }
    if (plan.drift.length === before) plan.ok.push(t.name);
  }
  return plan;
}

export function formatPlan(plan: TopicPlan, created: boolean): string {
  const lines: string[] = [];
  for (const t of plan.create)
    lines.push(`${created ? 'created' : 'missing'}  ${t.name} (${t.partitions} partitions, ${t.cleanup})`);
  for (const d of plan.drift)
    lines.push(`DRIFT    ${d.topic}: ${d.setting} is ${d.have}, catalogue says ${d.want} (not changed)`);
  lines.push(
    `${plan.ok.length} topics as catalogued, ${plan.create.length} ${created ? 'created' : 'missing'}, ${plan.drift.length} drifted settings`,
  );
  return lines.join('\n');
}
