import { observerValue } from './db-values';
import { EVENT_NAMES, type DomainEvent, type EventName } from './domain-events';

/**
 * Commerce webhook methods the simulator can call (FORMAT-NOTES 38–39, 50): `observer.<event>` for every
 * observer event it fires, and `plugin.<vendor>.<module>.api.<interface>.<method>` for the service methods
 * behind them (PaaS spelling with `magento.`; SaaS drops it). A plugin payload carries the method's
 * arguments by name; an `after` hook adds `result` (the webhooks reference: "the payload of an after
 * webhook also contains a result field").
 */
interface PluginMethod {
  /** Interface path and method without `plugin.magento.`, e.g. `sales.api.order_repository.save`. */
  path: string;
  /** The simulator change that runs the method. */
  on: EventName;
  /** Name of the entity argument in the PHP signature (`save(OrderInterface $entity)`). */
  arg: string;
  /** Further arguments with the value REST calls pass. */
  extra?: Record<string, unknown>;
}

const PLUGIN_METHODS: readonly PluginMethod[] = [
  { path: 'sales.api.order_management.place', on: 'sales_order_place_after', arg: 'order' },
  { path: 'sales.api.order_repository.save', on: 'sales_order_save_after', arg: 'entity' },
  { path: 'sales.api.shipment_repository.save', on: 'sales_order_shipment_save_after', arg: 'entity' },
  { path: 'sales.api.invoice_repository.save', on: 'sales_order_invoice_save_after', arg: 'entity' },
  {
    path: 'customer.api.customer_repository.save',
    on: 'customer_save_after',
    arg: 'customer',
    extra: { passwordHash: null },
  },
  // AddressRepositoryInterface::save(AddressInterface $address) (the webhooks' address use cases).
  { path: 'customer.api.address_repository.save', on: 'customer_address_save_after', arg: 'address' },
  {
    path: 'catalog.api.product_repository.save',
    on: 'catalog_product_save_after',
    arg: 'product',
    extra: { saveOptions: false },
  },
];

const pluginPath = (method: string): string | undefined => {
  const m = /^plugin\.(?:magento\.)?(.+)$/.exec(method);
  return m?.[1];
};
const findPlugin = (method: string): PluginMethod | undefined =>
  PLUGIN_METHODS.find((p) => p.path === pluginPath(method));
const observerName = (method: string): EventName | undefined => {
  const name = method.startsWith('observer.') ? method.slice('observer.'.length) : method;
  return (EVENT_NAMES as readonly string[]).includes(name) ? (name as EventName) : undefined;
};

/** Every plugin method name the simulator accepts (both spellings). */
export const PLUGIN_METHOD_NAMES: readonly string[] = PLUGIN_METHODS.flatMap((p) => [
  `plugin.magento.${p.path}`,
  `plugin.${p.path}`,
]);

export const isPluginMethod = (method: string): boolean => findPlugin(method) !== undefined;
/** An observer event, with or without the `observer.` prefix, or a known plugin method. */
export const isKnownHook = (method: string): boolean => observerName(method) !== undefined || isPluginMethod(method);

/** One subscribed hook that a domain event triggers: its name in the delivery log and its payload. */
export interface HookCall {
  /** The observer event name (no prefix, as before) or the plugin method as subscribed. */
  name: string;
  kind: 'observer' | 'plugin';
  payload: Record<string, unknown>;
}

/** The hooks of `subscribed` that `e` triggers, in subscription order (a hook listed twice is called once). */
export function hooksFor(
  e: DomainEvent,
  subscribed: readonly string[],
  type: 'before' | 'after',
  data: (snapshot: Record<string, unknown>) => unknown,
): HookCall[] {
  const calls = new Map<string, HookCall>();
  for (const method of subscribed) {
    if (observerName(method) === e.name) {
      calls.set(e.name, {
        name: e.name,
        kind: 'observer',
        payload: {
          subject: [],
          eventName: e.name,
          data: { [e.entity]: data(observerValue(e.entity, e.snapshot)), ...e.args },
        },
      });
      continue;
    }
    const plugin = findPlugin(method);
    if (plugin?.on !== e.name) continue;
    const entity = data(e.snapshot);
    calls.set(method, {
      name: method,
      kind: 'plugin',
      payload: { subject: [], [plugin.arg]: entity, ...plugin.extra, ...(type === 'after' ? { result: entity } : {}) },
    });
  }
  return [...calls.values()];
}
