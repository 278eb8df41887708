/** A change inside the simulated store, before it is shaped for any subscriber. */
export type EntityKind = 'order' | 'shipment' | 'invoice' | 'customer' | 'customer_address' | 'product';

/** Magento observer event names the simulator fires. */
export const EVENT_NAMES = [
  'sales_order_place_after',
  'sales_order_save_after',
  'sales_order_shipment_save_after',
  'sales_order_invoice_save_after',
  // Customer model (event prefix `customer`) and address model (`customer_address`), Customer/Model/*.
  'customer_save_after',
  'customer_save_commit_after',
  'customer_register_success',
  'customer_delete_after',
  'customer_delete_commit_after',
  'customer_address_save_after',
  'customer_address_save_commit_after',
  'catalog_product_save_after',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface DomainEvent {
  name: EventName;
  entity: EntityKind;
  entityId: number | string;
  /** The entity in its REST shape at the time of the change (a deep copy). */
  snapshot: Record<string, unknown>;
  at: number;
  /**
   * The event's further arguments beside its object, e.g. `customer_register_success` dispatches
   * `{customer, account_controller}`: observer payloads then carry `{<entity>: …, ...args}`.
   */
  args?: Record<string, unknown>;
}

export type DomainEventListener = (e: DomainEvent) => void;

/** Synchronous fan-out of domain events; the dispatcher subscribes and sends them out asynchronously. */
export class DomainEvents {
  private listeners: DomainEventListener[] = [];
  private muted = false;

  on(l: DomainEventListener): void {
    this.listeners.push(l);
  }

  /** Runs `fn` without firing events (seeding loads "existing" data). */
  silently<T>(fn: () => T): T {
    const was = this.muted;
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = was;
    }
  }

  emit(
    name: EventName,
    entity: EntityKind,
    entityId: number | string,
    value: object,
    at: number,
    args?: Record<string, unknown>,
  ): void {
    if (this.muted) return;
    const snapshot = structuredClone(value) as Record<string, unknown>;
    const e: DomainEvent = { name, entity, entityId, snapshot, at, ...(args ? { args } : {}) };
    for (const l of this.listeners) l(e);
  }
}
