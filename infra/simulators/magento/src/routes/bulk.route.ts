import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../http/errors';
import { ACL, type RestDeps } from './deps';

/** `POST|PUT|DELETE /rest[/{store}]/async/bulk/V1/*` → `{bulk_uuid, request_items, errors}` (202). */
export const bulkSubmitRoutes: FastifyPluginAsync<RestDeps> = async (app, { auth, bulk }) => {
  const pre = { preHandler: auth.require(ACL.bulk) };
  const submit = async (
    req: { method: string; params: unknown; body: unknown },
    reply: { code: (n: number) => unknown },
  ) => {
    const { '*': path, store } = req.params as { '*': string; store?: string };
    reply.code(202);
    return bulk.submit(req.method, path, req.body, store);
  };
  app.post('/*', pre, submit);
  app.put('/*', pre, submit);
  app.delete('/*', pre, submit);
};

/** `GET /V1/bulk/{uuid}/status` and `/detailed-status`. */
export const bulkStatusRoutes: FastifyPluginAsync<RestDeps> = async (app, { auth, bulk }) => {
  const pre = { preHandler: auth.require(ACL.bulk) };
  const find = (uuid: string) => {
    const b = bulk.get(uuid);
    if (!b) throw errors.noSuchEntity('bulkUuid', uuid);
    return b;
  };
  app.get<{ Params: { uuid: string } }>('/bulk/:uuid/status', pre, async (req) => {
    const { operations, ...rest } = find(req.params.uuid);
    return {
      ...rest,
      operations_list: operations.map((o) => ({
        id: o.id,
        status: o.status,
        result_message: o.result_message,
        error_code: o.error_code,
      })),
    };
  });
  app.get<{ Params: { uuid: string } }>('/bulk/:uuid/detailed-status', pre, async (req) => {
    const { operations, ...rest } = find(req.params.uuid);
    return { ...rest, operations_list: operations };
  });
};
