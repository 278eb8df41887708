import type { MiHandler } from '../mi/execute';
import type { M3State } from '../state/store';
import type { TransactionTable } from './common';
import { crs025mi } from './crs025mi';
import { crs035mi } from './crs035mi';
import { crs610mi } from './crs610mi';
import { gls200mi } from './gls200mi';
import { gls840mi } from './gls840mi';
import { mms005mi } from './mms005mi';
import { mms060mi } from './mms060mi';
import { mms200mi } from './mms200mi';
import { mms200miPrice } from './mms200mi-price';
import { mms200miWhs } from './mms200mi-whs';
import { ois100miBatch, type ConfirmFaults } from './ois100mi-batch';
import { ois100miBatchQuery } from './ois100mi-batch-query';
import { ois017mi } from './ois017mi';
import { ois100miQuery } from './ois100mi-query';
import { ois350mi } from './ois350mi';
import { mws070mi } from './mws070mi';
import { mws410mi } from './mws410mi';

/** Every implemented transaction, keyed `PROGRAM/Transaction`. */
export function buildHandlers(state: M3State, faults: ConfirmFaults): Map<string, MiHandler> {
  const programs: Record<string, TransactionTable[]> = {
    CRS610MI: [crs610mi(state)],
    CRS025MI: [crs025mi(state)],
    CRS035MI: [crs035mi(state)],
    MMS200MI: [mms200mi(state), mms200miWhs(state), mms200miPrice(state)],
    MMS060MI: [mms060mi(state)],
    MMS005MI: [mms005mi(state)],
    OIS017MI: [ois017mi(state)],
    OIS100MI: [ois100miBatch(state, faults), ois100miBatchQuery(state), ois100miQuery(state)],
    OIS350MI: [ois350mi(state)],
    MWS070MI: [mws070mi(state)],
    MWS410MI: [mws410mi(state)],
    GLS840MI: [gls840mi(state)],
    GLS200MI: [gls200mi(state)],
  };
  const handlers = new Map<string, MiHandler>();
  for (const [program, tables] of Object.entries(programs)) {
    for (const table of tables) for (const [name, h] of Object.entries(table)) handlers.set(`${program}/${name}`, h);
  }
  return handlers;
}
