// What m3-writer tells the M3 connector's MI client about its own transactions: which may be sent twice
// (repeat-policy.ts) and what a NOK means for a command (nok-policy.ts).
import type { MiPolicy } from '@m3mage/connectors/m3';
import { applyNokPolicy } from './nok-policy';
import { isRepeatable } from './repeat-policy';

export const writerMiPolicy: MiPolicy = Object.freeze({ repeatable: isRepeatable, refine: applyNokPolicy });
