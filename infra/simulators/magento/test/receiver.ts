import Fastify from 'fastify';

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

/** A webhook endpoint on 127.0.0.1:0 keeping raw bodies; `respond` decides each answer. */
export async function startReceiver(
  respond: (n: number) => { status: number; body: unknown } = () => ({ status: 200, body: { op: 'success' } }),
) {
  const app = Fastify();
  const received: Received[] = [];
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/hook', async (req, reply) => {
    received.push({ headers: req.headers, raw: req.body as string });
    const r = respond(received.length);
    return reply.code(r.status).send(r.body);
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}/hook`, received, close: () => app.close() };
}
