// The timeline over HTTP, ready to mount: `timelinePlugin(deps)` registers `GET /timeline/:key` on any fastify
// instance (a service's app or the console), `timelineServer(deps)` is a fastify app of its own (listen
// yourself; close() ends it). Neither reads the environment: pass the session (session.ts).
import Fastify, { type FastifyInstance } from 'fastify';
import { lookupTimeline, type TimelineDeps } from './lookup';
import { timelineRoute, type TimelineRouteOptions } from './route';

export function timelineRouteOptions(deps: TimelineDeps, now?: () => number): TimelineRouteOptions {
  return { lookup: (q) => lookupTimeline(deps, q), ...(now ? { now } : {}) };
}

export async function timelineServer(deps: TimelineDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(timelineRoute, timelineRouteOptions(deps));
  return app;
}
