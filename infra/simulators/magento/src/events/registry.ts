import {
  DEFAULT_DELIVERY,
  deliveryOptionsSchema,
  subscriberSchema,
  type DeliveryOptions,
  type Subscriber,
} from './subscribers';

/** The simulator's event configuration: subscribers and delivery options, replaceable at run time. */
export class EventConfig {
  private subscribers: Subscriber[] = [];
  private delivery: DeliveryOptions = { ...DEFAULT_DELIVERY };
  private counter = 0;

  constructor(initial: { subscribers?: unknown[]; delivery?: unknown } = {}) {
    this.setSubscribers(initial.subscribers ?? []);
    if (initial.delivery !== undefined) this.setDelivery(initial.delivery);
  }

  getSubscribers(): readonly Subscriber[] {
    return this.subscribers;
  }

  /** Validates (throws a ZodError on bad input) and adds one subscriber; returns it with its id. */
  addSubscriber(input: unknown): Subscriber {
    const parsed = subscriberSchema.parse(input);
    const sub: Subscriber = { ...parsed, id: parsed.id ?? `sub-${++this.counter}` };
    this.subscribers = [...this.subscribers.filter((s) => s.id !== sub.id), sub];
    return sub;
  }

  setSubscribers(list: unknown[]): Subscriber[] {
    this.subscribers = [];
    return list.map((s) => this.addSubscriber(s));
  }

  removeSubscriber(id: string): boolean {
    const before = this.subscribers.length;
    this.subscribers = this.subscribers.filter((s) => s.id !== id);
    return this.subscribers.length < before;
  }

  getDelivery(): DeliveryOptions {
    return this.delivery;
  }

  /** Partial update; unspecified options keep their value. */
  setDelivery(input: unknown): DeliveryOptions {
    this.delivery = deliveryOptionsSchema.parse({ ...this.delivery, ...(input as object) });
    return this.delivery;
  }
}
