import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core';
import type { Handler, InboundMessage } from '../../src/kafka/handler';
import { routeByTopic } from '../../src/kafka/topic-router';

const message = (topic: string): InboundMessage => ({
  topic,
  partition: 0,
  offset: '7',
  key: 'k',
  value: { n: 1 },
  headers: {},
  attempt: 1,
});

describe('routeByTopic', () => {
  it('hands each record to the handler of its topic', async () => {
    const seen: string[] = [];
    const handler =
      (name: string): Handler<never> =>
      async (msg) => {
        seen.push(`${name}:${msg.topic}`);
        return { outcome: 'ack' };
      };
    const route = routeByTopic('svc', { 'cmd.a.v1': handler('a'), 'cmd.b.v1': handler('b') });
    expect(await route(message('cmd.b.v1'))).toEqual({ outcome: 'ack' });
    expect(await route(message('cmd.a.v1'))).toEqual({ outcome: 'ack' });
    expect(seen).toEqual(['b:cmd.b.v1', 'a:cmd.a.v1']);
    expect(route.topics).toEqual(['cmd.a.v1', 'cmd.b.v1']);
  });

  it('refuses to build when the group consumes a topic that has no handler', () => {
    const ack: Handler<never> = async () => ({ outcome: 'ack' });
    let thrown: unknown;
    try {
      routeByTopic('svc', { 'cmd.a.v1': ack }, ['cmd.a.v1', 'cmd.c.v1']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('CONFIG_INVALID');
    expect((thrown as AppError).message).toBe('svc consumes cmd.c.v1 but has no handler for it');
  });

  it('dead-letters a record of a topic it does not handle, naming the topics it does', async () => {
    const ack: Handler<never> = async () => ({ outcome: 'ack' });
    const route = routeByTopic('svc', { 'cmd.a.v1': ack }, ['cmd.a.v1']);
    const result = await route(message('cmd.x.v1'));
    expect(result.outcome).toBe('dead-letter');
    const error = (result as { error: AppError }).error;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('svc has no handler for topic cmd.x.v1; it handles cmd.a.v1');
  });
});
