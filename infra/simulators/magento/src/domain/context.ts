import type { DomainEvents } from '../events/domain-events';
import type { MagentoState } from '../state/store';

/** What every domain operation needs; injected, never imported as a singleton. */
export interface DomainContext {
  state: MagentoState;
  now: () => number;
  events: DomainEvents;
}
