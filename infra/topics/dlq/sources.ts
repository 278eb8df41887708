// Which dead-letter topics exist and whose they are: every catalogued topic carrying DeadLetter values
// (the consumer groups' `<group>.dlq`, magento-ingest.dlq and m3-ion-ingest.dlq), named by the service that owns it, under
// the KAFKA_NAMESPACE prefix the services run with.
import { deadLetterSchema, groups } from '../catalogue';
import { allTopics } from '../derive';

export interface DlqSource {
  /** The owning service (= consumer group id, or magento-ingest). */
  service: string;
  /** Broker-side topic name (with the namespace). */
  topic: string;
}

const SUFFIX = '.dlq';

/** The DLQ owners of the catalogue, in catalogue order (the groups first, then the ingest services). */
export function dlqServices(): string[] {
  const dlqs = allTopics().filter((t) => t.valueSchema === deadLetterSchema && t.name.endsWith(SUFFIX));
  const names = dlqs.map((t) => t.name.slice(0, -SUFFIX.length));
  const groupsFirst = (n: string): number => (groups.some((g) => g.id === n) ? 0 : 1);
  return [...names].sort((a, b) => groupsFirst(a) - groupsFirst(b));
}

export function dlqSources(namespace = ''): DlqSource[] {
  return dlqServices().map((service) => ({ service, topic: `${namespace}${service}${SUFFIX}` }));
}

export class UnknownServiceError extends Error {
  constructor(service: string) {
    super(`unknown service "${service}": dead-letter topics belong to ${dlqServices().join(', ')}`);
    this.name = 'UnknownServiceError';
  }
}

/** The DLQ of one service; throws UnknownServiceError for a name that has none. */
export function dlqSource(service: string, namespace = ''): DlqSource {
  const found = dlqSources(namespace).find((s) => s.service === service);
  if (!found) throw new UnknownServiceError(service);
  return found;
}

/** The KAFKA_NAMESPACE a source's topic carries (`sandbox-1.` for sandbox-1.transformer.dlq). */
export const namespaceOf = (s: DlqSource): string => s.topic.slice(0, s.topic.length - `${s.service}${SUFFIX}`.length);
