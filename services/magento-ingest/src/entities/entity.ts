// The contract of one entry of the entity registry (registry.ts): everything the channels, the ingest pipeline
// and the poller need to know about one kind of Magento record. Adding an entity is a new `<noun>.entity.ts`
// with one of these, a mapping with golden files and a schema; nothing in the routes, the ingest or the poller
// changes (README, "Adding an entity").
import type { ChangedQuery, ChangedList } from '../clients/keyset';
import type { ChangeValue } from '../ingest/delivery';
import type { ChangeContext, Images } from '../mappings/change.mapping';
import type { MapReport, Source } from '../mappings/values';

export type EntityName = 'order' | 'customer';

/** How a payload names its record: the REST id, the record key where the payload has it, its updated_at. */
export interface EntityRef {
  /** The id REST reads by (order entity_id, customer id). */
  id?: number;
  /** The record key of the change topic (order increment id, customer id), when the payload has it. */
  key?: string;
  /** updated_at as the payload states it (Magento format), when it is the record's own. */
  updatedAt?: string;
}

/** One Magento observer event carrying the entity (`observer.<name>`, `com.adobe.commerce.observer.<name>`). */
export interface EventDef {
  name: string;
  kind: 'change' | 'delete';
  /** The event object: the key of `data` in a Commerce observer payload (`{data:{customer:{…}}}`). */
  object: string;
  /**
   * The event carries more arguments than its object (`customer_register_success`: `{customer,
   * account_controller}`): in I/O Events' `data.value` and a generic webhook's `data` the object is then
   * under its own key (used when present).
   */
  wrapped?: boolean;
  /** How this event's object names the entity, when it is not the entity itself (an address names its customer). */
  ref?: (o: Source) => EntityRef | undefined;
  /** The id fields `ref` reads, for the 400 when there are none. */
  refFields?: string;
}

/** A Commerce webhook plugin hook: `plugin.magento.<path>` (PaaS) and `plugin.<path>` (SaaS, FORMAT-NOTES 38). */
export interface PluginDef {
  /** Interface path and method, e.g. `customer.api.customer_repository.save`. */
  path: string;
  /** The body keys that may hold the object, first found wins (`result` of an after-plugin, then the argument). */
  args: readonly string[];
  ref?: (o: Source) => EntityRef | undefined;
  refFields?: string;
}

/** What a dead letter of magento-ingest points at: the record in Magento, never a copy of it. */
export interface Reference {
  /** The dead letter's key. */
  key: string;
  /** `magento-rest:<restPath>/<restId>`. */
  restId: number | null;
  updatedAt: string | null;
  /** The dead letter's value: ids and updated_at only (no personal or card data). */
  body: Record<string, unknown>;
}

/** One registry entry. R is the record its mapping yields (an Avro record of schemas/magento). */
export interface Entity<R extends object = object> {
  /** The noun: `source.entity`, the version key prefix (`<name>:<key>`), log and message wording. */
  readonly name: EntityName;
  readonly topic: string;
  readonly eventType: string;
  /** The record key's name in answers, e.g. `{status, incrementId}`. */
  readonly answerKey: string;
  /** The REST id's name in messages (`entity_id`, `id`). */
  readonly idName: string;
  /** `/V1/orders`: where REST reads it (dead letters' originalTopic, metric labels). */
  readonly restPath: string;
  /** What the 404 answer adds after "not ingested". */
  readonly notFoundNote: string;
  readonly events: readonly EventDef[];
  readonly plugins: readonly PluginDef[];
  /** The id fields `ref` reads, for the 400 when there are none. */
  readonly refFields: string;
  ref(o: Source): EntityRef | undefined;
  /** The record in full: the payload when it is complete, else Magento REST (throws MAGENTO_NOT_FOUND). */
  read(ref: EntityRef, payload: Source | undefined): Promise<unknown>;
  /** Throws MAPPING_UNMAPPABLE naming the field. */
  map(raw: unknown, report: MapReport): R;
  key(record: R): string;
  /** Its updated_at: newest wins (ties by content hash). */
  version(record: R): string;
  change(images: Images<R>, key: string, version: string, c: ChangeContext): ChangeValue;
  reference(raw: unknown): Reference;
  readonly poll: {
    /** The checkpoint key in state.magento-ingest.poller.v1. */
    name: string;
    page(query: ChangedQuery, pageSize: number): Promise<ChangedList>;
    /** The keyset position of a listed record: its updated_at as listed ('' when absent) and its id. */
    row(raw: unknown): { updatedAt: string; id: number };
  };
}
