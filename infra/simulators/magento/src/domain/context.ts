import type { DomainEvents } from '../events/domain-events';
import type { MagentoState } from '../state/store';
import type { StoreTopology } from './stores';

/** What every domain operation needs; injected, never imported as a singleton. */
export interface DomainContext {
  state: MagentoState;
  now: () => number;
  events: DomainEvents;
  /** Websites and store views (fixed for the simulator's lifetime, untouched by a reset). */
  stores: StoreTopology;
}
