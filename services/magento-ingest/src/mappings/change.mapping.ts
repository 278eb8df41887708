// The change-data envelope every entity produces (m3mage.cdc.Magento<Entity>Change, ARCHITECTURE §3): op, the
// before and after images, and where the change came from.
import type { Op, Source as ChangeSource } from '@m3mage/schemas/types';

/** The before and after images of a change. */
export interface Images<R> {
  before: R | null;
  after: R | null;
}

export interface ChangeContext {
  op: Op;
  eventId: string;
  occurredAt: number;
  receivedAt: number;
  now: number;
}

export interface Change<R> {
  op: Op;
  before: R | null;
  after: R | null;
  source: ChangeSource;
  tsMs: number;
}

/** `entity` is the registry noun (source.entity), `key` the record key, `version` its updated_at. */
export function changeEnvelope<R>(
  entity: string,
  images: Images<R>,
  key: string,
  version: string,
  c: ChangeContext,
): Change<R> {
  return {
    op: c.op,
    before: images.before,
    after: images.after,
    source: {
      system: 'MAGENTO',
      entity,
      id: key,
      version,
      eventId: c.eventId,
      occurredAt: c.occurredAt,
      receivedAt: c.receivedAt,
    },
    tsMs: c.now,
  };
}
