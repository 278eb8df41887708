import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { isDate } from '../state/dates';
import type { M3State } from '../state/store';
import type { PriceList } from '../state/types';
import { FieldError, salesPrice } from './item-fields';

const bodySchema = z
  .object({
    LVDT: z.string().optional(),
    TX15: z.string().max(15).optional(),
    CUNO: z.string().max(10).optional(),
    prices: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  })
  .strict();

const head = (l: PriceList) => ({
  PRRF: l.PRRF,
  CUCD: l.CUCD,
  CUNO: l.CUNO,
  FVDT: l.FVDT,
  LVDT: l.LVDT,
  TX15: l.TX15,
  prices: l.prices.size,
});

function check(params: { prrf: string; cucd: string; fvdt: string }, lvdt: string | undefined): void {
  if ([...params.prrf].length > 10) throw new FieldError('PRRF', 'PRRF is too long, max length 10');
  if ([...params.cucd].length > 3) throw new FieldError('CUCD', 'CUCD is too long, max length 3');
  if (!isDate(params.fvdt)) throw new FieldError('FVDT', 'FVDT must be a yyyyMMdd date');
  if (lvdt !== undefined && (!isDate(lvdt) || lvdt < params.fvdt)) {
    throw new FieldError('LVDT', 'LVDT must be a yyyyMMdd date not before FVDT');
  }
}

/**
 * Sales price maintenance as in OIS017: creates or changes one price list (head + base prices; a null price
 * takes the item off the list). Standard M3 publishes no BOD for price lists and the item (MITMAS) is not
 * changed, so nothing is published: clients see the change through OIS017MI only.
 */
export const priceListRoutes: FastifyPluginCallback<{ state: M3State }> = (app, { state }, done) => {
  app.put<{ Params: { prrf: string; cucd: string; fvdt: string } }>(
    '/_control/price-lists/:prrf/:cucd/:fvdt',
    (req, reply) => {
      const body = bodySchema.safeParse(req.body ?? {});
      if (!body.success) return reply.code(400).send({ error: body.error.message });
      const { prrf, cucd, fvdt } = req.params;
      const cuno = body.data.CUNO ?? '';
      try {
        check(req.params, body.data.LVDT);
        const key = state.priceListKey(prrf, cucd, cuno, fvdt);
        const old = state.priceLists.get(key);
        if (!old && body.data.LVDT === undefined) throw new FieldError('LVDT', 'LVDT is needed for a new price list');
        const prices = new Map(old?.prices);
        for (const [itno, raw] of Object.entries(body.data.prices ?? {})) {
          const item = state.items.get(itno);
          if (!item) throw new FieldError(itno, `Item ${itno} does not exist`);
          if (raw === null) prices.delete(itno);
          else prices.set(itno, salesPrice(raw, Number(item.PDCC ?? '2'), itno));
        }
        const list: PriceList = {
          PRRF: prrf,
          CUCD: cucd,
          CUNO: cuno,
          FVDT: fvdt,
          LVDT: body.data.LVDT ?? old?.LVDT ?? '',
          TX15: body.data.TX15 ?? old?.TX15 ?? '',
          prices,
        };
        state.priceLists.set(key, list);
        return head(list);
      } catch (err) {
        if (err instanceof FieldError) return reply.code(400).send({ error: err.message, field: err.field });
        throw err;
      }
    },
  );
  app.get('/_control/state/price-lists', () => [...state.priceLists.values()].map(head));
  done();
};
