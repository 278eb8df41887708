// A real local HTTP server (fastify on 127.0.0.1:0) that records what arrives, for HTTP client tests.
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

export interface Arrival {
  url: string;
  method: string;
  remotePort: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | FastifyReply;

export interface TestServer {
  url: string;
  arrivals: Arrival[];
  inFlight: number;
  peakInFlight: number;
  /** Replace the handler for every route. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startTestServer(initial: Handler): Promise<TestServer> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  let handler = initial;
  const server: TestServer = {
    url: '',
    arrivals: [],
    inFlight: 0,
    peakInFlight: 0,
    handle: (h) => {
      handler = h;
    },
    close: () => app.close(),
  };
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (req, reply) => {
      server.arrivals.push({
        url: req.url,
        method: req.method,
        remotePort: req.socket.remotePort ?? 0,
        headers: req.headers,
        body: req.body,
      });
      server.inFlight += 1;
      server.peakInFlight = Math.max(server.peakInFlight, server.inFlight);
      try {
        return await handler(req, reply);
      } finally {
        server.inFlight -= 1;
      }
    },
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  server.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return server;
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
