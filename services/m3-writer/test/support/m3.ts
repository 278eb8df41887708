// The M3 connector's test rig with the writer's MI policy (repeat rules, NOK policy).
import type { M3SimulatorOptions } from '@m3mage/simulators/m3';
import { grantsSeen, m3Rig as connectorRig, type M3Rig } from '@m3mage/connectors/testing/m3';
import { writerMiPolicy } from '../../src/clients/mi-policy';

export { grantsSeen, type M3Rig };

export const m3Rig = (opts: M3SimulatorOptions = {}, refreshMarginMs = 60_000): Promise<M3Rig> =>
  connectorRig(opts, { refreshMarginMs, policy: writerMiPolicy });
