// The entity registry: the entities magento-ingest takes (order, customer) and, derived from what each one
// declares, the event names every channel dispatches by. I/O Events name an event by its CloudEvent type
// (`com.adobe.commerce.observer.<event>`), Commerce webhooks by the hook (`observer.<event>`,
// `plugin.magento.<path>`, `plugin.<path>`), generic webhooks by the observer event itself.
import type { Source } from '../mappings/values';
import type { Entity, EntityRef } from './entity';

export const IO_TYPE_PREFIX = 'com.adobe.commerce.observer.';

/** What one event name leads to: the entity, a change or a delete, and where its payload names the record. */
export interface EventRoute {
  entity: Entity;
  kind: 'change' | 'delete';
  /** The observer event name (a plugin hook: the hook as subscribed). */
  eventName: string;
  /** Commerce observer hooks: the key of the event object in `data`. */
  object: string;
  /** I/O Events and generic webhooks: the object is under its own key when present (see EventDef.wrapped). */
  wrapped: boolean;
  /** Commerce plugin hooks: the body keys that may hold the object, first found wins. */
  args?: readonly string[];
  ref(o: Source): EntityRef | undefined;
  /** The id fields `ref` reads, for the 400 when there are none. */
  refFields: string;
}

export interface Registry {
  entities: readonly Entity[];
  /** By CloudEvent type. */
  io: ReadonlyMap<string, EventRoute>;
  /** By Commerce webhook hook name. */
  commerce: ReadonlyMap<string, EventRoute>;
  /** By observer event name. */
  generic: ReadonlyMap<string, EventRoute>;
}

export function createRegistry(entities: readonly Entity[]): Registry {
  const io = new Map<string, EventRoute>();
  const commerce = new Map<string, EventRoute>();
  const generic = new Map<string, EventRoute>();
  const add = (table: Map<string, EventRoute>, name: string, route: EventRoute): void => {
    const taken = table.get(name);
    if (taken) throw new Error(`event ${name} is declared by both ${taken.entity.name} and ${route.entity.name}`);
    table.set(name, route);
  };
  for (const entity of entities) {
    for (const e of entity.events) {
      const route: EventRoute = {
        entity,
        kind: e.kind,
        eventName: e.name,
        object: e.object,
        wrapped: e.wrapped ?? false,
        ref: e.ref ?? ((o) => entity.ref(o)),
        refFields: e.refFields ?? entity.refFields,
      };
      add(io, `${IO_TYPE_PREFIX}${e.name}`, route);
      add(commerce, `observer.${e.name}`, route);
      add(generic, e.name, route);
    }
    for (const p of entity.plugins)
      for (const hook of [`plugin.magento.${p.path}`, `plugin.${p.path}`])
        add(commerce, hook, {
          entity,
          kind: 'change',
          eventName: hook,
          object: p.args.at(-1) ?? entity.name,
          wrapped: false,
          args: p.args,
          ref: p.ref ?? ((o) => entity.ref(o)),
          refFields: p.refFields ?? entity.refFields,
        });
  }
  return { entities, io, commerce, generic };
}

/** The names a table handles, in registry order (orders first), for "handled: …" in refusals. */
export const handledNames = (table: ReadonlyMap<string, EventRoute>): readonly string[] =>
  Object.freeze([...table.keys()]);
