// `GET /timeline/:key?from=&to=`: the timeline of one document as JSON (the same document as
// `npm run timeline -- <key> --json`), for the console and other tools. A bad window answers 400 with the
// reason; no records in the window is a timeline with no steps (200), its `message` saying so.
import type { FastifyPluginAsync } from 'fastify';
import { noRecords } from './format';
import type { Timeline } from './lookup';
import { timelineQuery, UsageError, type TimelineQuery } from './options';

export interface TimelineRouteOptions {
  /** lookupTimeline bound to a session (see server.ts). */
  lookup: (q: TimelineQuery) => Promise<Timeline>;
  now?: () => number;
}

interface TimelineRequest {
  Params: { key: string };
  Querystring: { from?: string; to?: string };
}

export const timelineRoute: FastifyPluginAsync<TimelineRouteOptions> = async (app, opts) => {
  app.get<TimelineRequest>('/timeline/:key', async (req, reply) => {
    let q: TimelineQuery;
    try {
      q = timelineQuery({ key: req.params.key, from: req.query.from, to: req.query.to }, opts.now);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      return reply.code(400).send({ error: 'TIMELINE_BAD_REQUEST', message: err.message });
    }
    const timeline = await opts.lookup(q);
    return timeline.steps.length === 0 ? { ...timeline, message: noRecords(timeline) } : timeline;
  });
};
