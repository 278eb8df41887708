// The few Confluent-API calls the registry client library does not make the way we need.
import { AppError } from '../core';

export type Compatibility = 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FULL' | 'NONE';

export async function setSubjectCompatibility(
  registryUrl: string,
  subject: string,
  compatibility: Compatibility,
): Promise<void> {
  const res = await fetch(`${registryUrl}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility }),
  });
  if (!res.ok) {
    throw new AppError('INTERNAL', `registry refused compatibility ${compatibility} for ${subject}: ${res.status}`, {
      details: { body: await res.text() },
    });
  }
}
