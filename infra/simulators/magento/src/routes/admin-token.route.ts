import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../http/errors';
import type { RestDeps } from './deps';

/** `POST /V1/integration/admin/token` → the token as a bare JSON string (4 h lifetime). */
export const adminTokenRoutes: FastifyPluginAsync<RestDeps> = async (app, { tokens, credentials }) => {
  app.post<{ Body: { username?: unknown; password?: unknown } | null }>(
    '/integration/admin/token',
    async (req, reply) => {
      const { username, password } = req.body ?? {};
      if (typeof username !== 'string' || username === '') throw errors.required('username');
      if (typeof password !== 'string' || password === '') throw errors.required('password');
      if (!same(username, credentials.admin.username) || !same(password, credentials.admin.password))
        throw errors.signInIncorrect();
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(tokens.issue(1)));
    },
  );
};

function same(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
