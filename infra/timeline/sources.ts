// Pure: which topics a timeline reads. Every change, command and cross-reference topic of the catalogue, the
// ingest services' dead letters and every consumer group's retry tiers and DLQ (all keyed by the document's
// key); a followed M3 order number (ORNO) is looked up only where records are keyed by ORNO, and in the
// retry and dead-letter topics of the groups that consume those.
import { dlqTopic, retryTopic } from '@m3mage/runtime';
import { deadLetterSchema, derivedTopics, groups, topics, type TopicSpec } from '@m3mage/topics';

/** The catalogue's topic families a document passes through (state.* topics are the services' own). */
const DOCUMENT_FAMILIES = ['cdc.', 'cmd.', 'xref.'];
/** The catalogue's description of keys that are M3 order numbers. */
export const ORNO_KEY = 'M3 ORNO';

export type TopicKind = 'change' | 'command' | 'xref' | 'retry' | 'dead-letter';

export interface SearchedTopic {
  /** Catalogue name (without the namespace). */
  name: string;
  kind: TopicKind;
  /** The consumer group of a retry or DLQ topic. */
  group?: string;
  /** The retry tier (1..n) of a retry topic. */
  tier?: number;
}

function kindOf(t: TopicSpec): SearchedTopic {
  if (t.valueSchema === deadLetterSchema) return { name: t.name, kind: 'dead-letter' };
  if (t.name.startsWith('cdc.')) return { name: t.name, kind: 'change' };
  if (t.name.startsWith('cmd.')) return { name: t.name, kind: 'command' };
  return { name: t.name, kind: 'xref' };
}

function groupTopics(groupIds: ReadonlySet<string>): SearchedTopic[] {
  return groups
    .filter((g) => groupIds.has(g.id))
    .flatMap((g) => [
      ...g.retryDelaysMs.map((_, i) => ({
        name: retryTopic(g.id, i + 1),
        kind: 'retry' as const,
        group: g.id,
        tier: i + 1,
      })),
      { name: dlqTopic(g.id), kind: 'dead-letter' as const, group: g.id },
    ]);
}

const derivedNames = new Set(derivedTopics(groups, topics).map((t) => t.name));

/** Every topic a document key may appear in, in catalogue order. */
export function documentTopics(): SearchedTopic[] {
  const own = topics
    .filter((t) => !derivedNames.has(t.name))
    .filter((t) => DOCUMENT_FAMILIES.some((f) => t.name.startsWith(f)) || t.valueSchema === deadLetterSchema)
    .map(kindOf);
  return [...own, ...groupTopics(new Set(groups.map((g) => g.id)))];
}

/** Where records keyed by an M3 order number are: the ORNO-keyed topics and their groups' retry/DLQ topics. */
export function ornoTopics(): SearchedTopic[] {
  const keyed = topics.filter((t) => t.key === ORNO_KEY);
  const consumers = new Set(
    groups.filter((g) => g.consumes.some((c) => keyed.some((t) => t.name === c))).map((g) => g.id),
  );
  return [...keyed.map(kindOf), ...groupTopics(consumers)];
}
