import type { FastifyPluginCallback } from 'fastify';
import type { MiMetadata } from '../mi/metadata';
import type { M3State } from '../state/store';
import { putWarehouse } from '../state/warehouses';
import { FieldError, fieldPatch } from './field-patch';
import { run } from './reply';

export interface WarehouseRouteOptions {
  state: M3State;
  metadata: MiMetadata;
}

const MAINTAINED = new Set(['CONO', 'WHLO', 'LMTS']);
/** The warehouse group is no MMS005MI output: the simulator's own field (A3 assumed, as MMS080MI's WHGR input). */
const WHGR = { name: 'WHGR', type: 'A', length: 3, description: 'Warehouse group' } as const;

/**
 * Warehouse maintenance as in MMS005: `PUT /_control/warehouses/:whlo` creates (WHNM needed) or changes a warehouse.
 * Fields are MMS005MI GetWarehouse output names within their length, plus WHGR; CONO, WHLO and LMTS are the
 * simulator's. Every change moves the warehouse's LMTS (MMS005MI LstWarehouses). A new warehouse has no balances.
 */
export const warehouseRoutes: FastifyPluginCallback<WarehouseRouteOptions> = (app, { state, metadata }, done) => {
  const meta = metadata.get('MMS005MI', 'GetWarehouse');
  if (!meta) throw new Error('MMS005MI/GetWarehouse metadata missing');

  app.put<{ Params: { whlo: string } }>('/_control/warehouses/:whlo', (req, reply) =>
    run(reply, () => {
      const whlo = req.params.whlo;
      if ([...whlo].length > 3) throw new FieldError('WHLO', 'WHLO is too long, max length 3');
      const patch = fieldPatch(meta, req.body, { maintained: MAINTAINED, extra: [WHGR] });
      if (!state.warehouses.has(whlo) && !patch.WHNM?.trim()) {
        throw new FieldError('WHNM', 'WHNM (warehouse name) is needed to create a warehouse');
      }
      return putWarehouse(state, whlo, patch);
    }),
  );
  done();
};
