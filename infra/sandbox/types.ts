// The simulator surfaces the sandbox uses (the simulators' own types, re-exported for one import site).
export type { M3Simulator } from '@m3mage/simulators/m3';
import type { MagentoSimulator } from '@m3mage/simulators/magento';
export type MagentoSimulatorLike = Pick<MagentoSimulator, 'state'>;
