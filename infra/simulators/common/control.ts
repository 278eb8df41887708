import type { FastifyPluginCallback } from 'fastify';
import { faultProfileSchema, type FaultInjector, type FaultProfile } from './profile';
import type { CallRecorder } from './recorder';

export interface ControlPluginOptions {
  faults: FaultInjector;
  recorder: CallRecorder;
  /** Clears the simulator's own state (called by `POST /_control/reset`). */
  reset: () => void | Promise<void>;
}

/**
 * `GET/PUT /_control/profile`, `GET /_control/calls[?pathPrefix=]`, `POST /_control/reset`.
 * Reset clears the recorded calls, sets the fault profile to `{}` and calls `reset()`.
 */
export const controlPlugin: FastifyPluginCallback<ControlPluginOptions> = (app, opts, done) => {
  app.get('/_control/profile', () => opts.faults.getProfile());

  app.put('/_control/profile', (request, reply) => {
    const parsed = faultProfileSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      return reply.code(400).send({ error: 'invalid fault profile', issues: parsed.error.issues });
    }
    opts.faults.setProfile(stripUndefined(parsed.data));
    return opts.faults.getProfile();
  });

  app.get<{ Querystring: { pathPrefix?: string } }>('/_control/calls', (request) => {
    const prefix = request.query.pathPrefix;
    return opts.recorder.list(prefix === undefined ? {} : { pathPrefix: prefix });
  });

  app.post('/_control/reset', async () => {
    opts.recorder.reset();
    opts.faults.setProfile({});
    await opts.reset();
    return { reset: true };
  });
  done();
};

/** zod's optional keys are `T | undefined`; the profile's are absent-or-T. */
function stripUndefined(p: unknown): FaultProfile {
  return JSON.parse(JSON.stringify(p)) as FaultProfile;
}
