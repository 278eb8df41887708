import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { setBalance } from '../state/stock';
import { stockBurst } from '../state/stock-burst';
import type { M3State } from '../state/store';
import { balanceRecord } from '../transactions/balance-record';
import { FieldError } from './field-patch';
import { NotFoundError, parseBody, run } from './reply';

/** STQT/ALQT are N17 with up to 6 decimals: 11 integer digits. */
const quantity = z.number().min(0).max(99_999_999_999);
const stockSchema = z.object({ whlo: z.string(), itno: z.string(), quantity }).strict();
const balanceSchema = z
  .object({ STQT: quantity.optional(), ALQT: quantity.optional() })
  .strict()
  .refine((b) => b.STQT !== undefined || b.ALQT !== undefined, { message: 'give STQT, ALQT or both' });
const burstSchema = z
  .object({
    changes: z.number().int().min(1).max(1_000_000),
    keys: z.number().int().min(1),
    seed: z.number().int().optional(),
    warehouses: z.array(z.string()).min(1).optional(),
    publish: z.boolean().optional(),
  })
  .strict();

function known(state: M3State, whlo: string, itno?: string): void {
  if (!state.warehouses.has(whlo)) throw new NotFoundError(`warehouse ${whlo} not found`);
  if (itno !== undefined && !state.items.has(itno)) throw new NotFoundError(`item ${itno} not found`);
}

/**
 * Stock as M3 users change it (physical inventory MMS300, allocation): every on-hand change is a stock transaction
 * (MWS070MI), publishes InventoryCount (not the burst) and makes a status-50 item without stock 80.
 */
export const stockRoutes: FastifyPluginCallback<{ state: M3State }> = (app, { state }, done) => {
  /** The older form: sets on-hand only; answers the stored balance. */
  app.put('/_control/stock', (req, reply) =>
    run(reply, () => {
      const { whlo, itno, quantity: STQT } = parseBody(stockSchema, req.body);
      known(state, whlo, itno);
      return setBalance(state, whlo, itno, { STQT });
    }),
  );

  /** Absolute STQT and/or ALQT (balance created if missing); answers the GetItmWhsBal record. */
  app.put<{ Params: { whlo: string; itno: string } }>('/_control/balances/:whlo/:itno', (req, reply) =>
    run(reply, () => {
      const q = parseBody(balanceSchema, req.body);
      const { whlo, itno } = req.params;
      known(state, whlo, itno);
      const b = setBalance(state, whlo, itno, {
        ...(q.STQT !== undefined ? { STQT: q.STQT } : {}),
        ...(q.ALQT !== undefined ? { ALQT: q.ALQT } : {}),
      });
      return balanceRecord(state, b);
    }),
  );

  /** `changes` counts over `keys` balances, no BOD per count (`publish: true`: one per key at the end). */
  app.post('/_control/stock/burst', (req, reply) =>
    run(reply, () => {
      const body = parseBody(burstSchema, req.body);
      const warehouses = [...new Set(body.warehouses ?? [...state.warehouses.keys()])].sort();
      for (const w of warehouses) known(state, w);
      const pairs = state.items.size * warehouses.length;
      if (body.keys > pairs) throw new FieldError('keys', `keys: only ${pairs} item@warehouse pairs exist`);
      if (body.keys > body.changes) throw new FieldError('keys', 'keys: at most `changes` (each key changes once)');
      return stockBurst(state, {
        changes: body.changes,
        keys: body.keys,
        seed: body.seed ?? 1,
        warehouses,
        publish: body.publish ?? false,
      });
    }),
  );
  done();
};
