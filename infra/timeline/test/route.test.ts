// The HTTP surface: the query checked as the CLI checks it (400 with the reason), the lookup's timeline
// answered as JSON, and an empty window said in a message. The lookup here is a plain function (the real one
// runs against the broker in timeline.it.test.ts).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { formatTimeline } from '../format';
import type { Timeline } from '../lookup';
import type { TimelineQuery } from '../options';
import { timelineRoute } from '../route';

const now = () => Date.parse('2030-06-15T12:00:00.000Z');
const empty = (q: TimelineQuery): Timeline => ({
  key: q.key,
  namespace: '',
  from: new Date(q.fromMs).toISOString(),
  to: new Date(q.toMs).toISOString(),
  keys: [{ key: q.key, role: 'asked' }],
  steps: [],
  outcome: { text: '', orno: null, incrementId: null, confirmedAt: null, deadLetters: [] },
  read: [{ topic: 'ns.t', partition: 1, start: '4', end: '4', fetched: 0 }],
  missingTopics: [],
});

async function app() {
  const asked: TimelineQuery[] = [];
  const server = Fastify();
  await server.register(timelineRoute, {
    lookup: async (q) => {
      asked.push(q);
      return empty(q);
    },
    now,
  });
  return { server, asked };
}

describe('GET /timeline/:key', () => {
  it('looks up the key in the window asked for (default the last 7 days)', async () => {
    const { server, asked } = await app();
    const res = await server.inject({ method: 'GET', url: '/timeline/anna%40example.com?from=2030-06-01T00:00:00Z' });
    expect(res.statusCode).toBe(200);
    expect(asked).toEqual([{ key: 'anna@example.com', fromMs: Date.parse('2030-06-01T00:00:00Z'), toMs: now() }]);
    expect(res.json()).toMatchObject({
      key: 'anna@example.com',
      steps: [],
      message: 'no records for anna@example.com between 2030-06-01T00:00:00.000Z and 2030-06-15T12:00:00.000Z',
    });
    await server.inject({ method: 'GET', url: '/timeline/000000123' });
    expect(asked[1]).toEqual({ key: '000000123', fromMs: now() - 7 * 86_400_000, toMs: now() });
  });

  it.each([
    ['/timeline/1?from=2030-06-02T00:00:00Z&to=2030-06-01T00:00:00Z', 'is after --to'],
    ['/timeline/1?to=soon', '--to must be an ISO 8601 time'],
    ['/timeline/%20', 'say which document'],
  ])('answers 400 with the reason for %s', async (url, message) => {
    const { server, asked } = await app();
    const res = await server.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'TIMELINE_BAD_REQUEST', message: expect.stringContaining(message) as string });
    expect(asked).toEqual([]);
  });
});

describe('the text of an empty timeline', () => {
  it('says there are no records between the window’s ends, and what was read', () => {
    const t = empty({
      key: 'SKU-1@WH1',
      fromMs: Date.parse('2030-06-01T00:00:00Z'),
      toMs: Date.parse('2030-06-02T00:00:00Z'),
    });
    expect(formatTimeline(t)).toBe(
      'no records for SKU-1@WH1 between 2030-06-01T00:00:00.000Z and 2030-06-02T00:00:00.000Z\n' +
        'read 0 partition ranges (0 records fetched, 0 of the key)',
    );
  });
});
