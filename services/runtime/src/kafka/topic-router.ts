// One consumer group, several topics: the handler for each topic (the catalogue topic name; a message back
// from a retry tier carries the topic it was first read from). Every topic the group consumes must have a
// handler, checked when the router is built, so a catalogue change that adds a topic fails at boot rather
// than dead-lettering its records; a record of any other topic is dead-lettered with what the service handles.
import { AppError } from '../core';
import type { Handler, HandlerResult } from './handler';

export interface TopicRouter extends Handler<unknown> {
  readonly topics: readonly string[];
}

export function routeByTopic(
  service: string,
  routes: Readonly<Record<string, Handler<never>>>,
  /** The topics of the service's group (GROUP.<service>.consumes): each needs a route. */
  consumes?: readonly string[],
): TopicRouter {
  const table = new Map(Object.entries(routes) as [string, Handler<unknown>][]);
  const missing = (consumes ?? []).filter((t) => !table.has(t));
  if (missing.length > 0) {
    throw new AppError('CONFIG_INVALID', `${service} consumes ${missing.join(', ')} but has no handler for it`);
  }
  const topics = [...table.keys()];
  const route = (async (msg): Promise<HandlerResult> => {
    const handler = table.get(msg.topic);
    if (handler) return handler(msg);
    return {
      outcome: 'dead-letter',
      error: new AppError(
        'INTERNAL',
        `${service} has no handler for topic ${msg.topic}; it handles ${topics.join(', ')}`,
      ),
    };
  }) as TopicRouter;
  Object.defineProperty(route, 'topics', { value: topics });
  return route;
}
