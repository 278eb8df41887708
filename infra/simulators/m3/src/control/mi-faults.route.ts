import type { FastifyPluginCallback } from 'fastify';
import { miFaultsSchema, type MiFaultSwitch } from '../mi/faults';

/** `GET/PUT /_control/mi-faults`: MI faults (locked answers, lost answers, Confirm errors), replaced as a whole. */
export const miFaultRoutes: FastifyPluginCallback<{ faults: MiFaultSwitch }> = (app, { faults }, done) => {
  app.get('/_control/mi-faults', () => faults.get());
  app.put('/_control/mi-faults', (request, reply) => {
    const parsed = miFaultsSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: 'invalid MI faults', issues: parsed.error.issues });
    faults.set(parsed.data);
    return faults.get();
  });
  done();
};
