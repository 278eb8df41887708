import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import type { MiMetadata } from '../mi/metadata';
import type { MiRecord } from '../mi/request';
import { changeItem } from '../state/items';
import { seededRandom } from '../state/random';
import { ensureBalance } from '../state/stock';
import type { M3State } from '../state/store';
import { FieldError, itemPatch, salesPrice } from './item-fields';
import { run } from './reply';

export interface ItemRouteOptions {
  state: M3State;
  metadata: MiMetadata;
}

const priceSchema = z
  .object({ SAPR: z.union([z.number(), z.string()]), CUCS: z.string().min(1).max(3).optional() })
  .strict();
const burstSchema = z
  .object({
    count: z.number().int().min(1),
    seed: z.number().int().optional(),
    fields: z
      .array(z.enum(['ITDS', 'FUDS', 'SAPR']))
      .min(1)
      .optional(),
  })
  .strict();

/** `name #n` within the field length: a burst marks what it changed, replacing an earlier burst's mark. */
function marked(value: string, n: number, length: number): string {
  const mark = ` #${n}`;
  return value.replace(/ #\d+$/, '').slice(0, length - mark.length) + mark;
}

/**
 * Item maintenance as an M3 user does it in MMS001 (basic data) and on the price panel (SAPR): every change
 * bumps LMDT/LMTS and publishes the ItemMaster BOD. The burst changes many items at once, for consumers that
 * must keep up with a flood of changes in one millisecond.
 */
export const itemRoutes: FastifyPluginCallback<ItemRouteOptions> = (app, { state, metadata }, done) => {
  const basic = metadata.get('MMS200MI', 'GetItmBasic');
  if (!basic) throw new Error('MMS200MI/GetItmBasic metadata missing');

  app.put<{ Params: { itno: string } }>('/_control/items/:itno', (req, reply) =>
    run(reply, () => {
      const itno = req.params.itno;
      if ([...itno].length > 15) throw new FieldError('ITNO', 'ITNO is too long, max length 15');
      const patch = itemPatch(state, basic, req.body);
      const isNew = !state.items.has(itno);
      const item = changeItem(state, itno, patch);
      if (isNew) for (const w of state.warehouses.keys()) ensureBalance(state, w, itno);
      return item;
    }),
  );

  app.put<{ Params: { itno: string } }>('/_control/items/:itno/price', (req, reply) => {
    const body = priceSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: body.error.message });
    const item = state.items.get(req.params.itno);
    if (!item) return reply.code(404).send({ error: 'item not found' });
    return run(reply, () => {
      const sapr = salesPrice(body.data.SAPR, Number(item.PDCC ?? '2'));
      const patch: MiRecord = { SAPR: sapr, SAPB: sapr, SPDT: state.today() };
      if (body.data.CUCS) patch.CUCS = body.data.CUCS;
      return changeItem(state, req.params.itno, patch);
    });
  });

  /** Changes `count` distinct items chosen by `seed` (same seed, same items); returns their ITNOs in change order. */
  app.post('/_control/items/burst', (req, reply) => {
    const body = burstSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: body.error.message });
    const { count, seed = 1, fields = ['ITDS'] } = body.data;
    const keys = state.itemKeys.all();
    if (count > keys.length) return reply.code(400).send({ error: `only ${keys.length} items exist`, field: 'count' });
    const random = seededRandom(seed);
    const n = state.next('burst', 1);
    // Partial Fisher-Yates: the first `count` places of a seeded shuffle (the same items whatever is changed).
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(random() * (keys.length - i));
      [keys[i], keys[j]] = [keys[j] ?? '', keys[i] ?? ''];
    }
    const itnos = keys.slice(0, count);
    const steps = seededRandom((seed ^ (n * 0x9e3779b1)) >>> 0);
    for (const itno of itnos) {
      const item = state.items.get(itno) ?? {};
      const patch: MiRecord = {};
      if (fields.includes('ITDS')) patch.ITDS = marked(item.ITDS ?? '', n, 30);
      if (fields.includes('FUDS')) patch.FUDS = marked(item.FUDS ?? '', n, 60);
      if (fields.includes('SAPR')) {
        const sapr = String(Number((Number(item.SAPR ?? '0') + (1 + Math.floor(steps() * 100)) / 100).toFixed(2)));
        Object.assign(patch, { SAPR: sapr, SAPB: sapr, SPDT: state.today() });
      }
      changeItem(state, itno, patch);
    }
    return { burst: n, itnos };
  });
  done();
};
