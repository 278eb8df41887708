// Summaries, time order, hop latencies and the outcome, from records as the reader hands them over.
import { describe, expect, it } from 'vitest';
import { GROUP, TOPIC } from '@m3mage/topics/catalogue';
import { dlqTopic, retryTopic } from '@m3mage/runtime';
import { outcomeOf } from '../outcome';
import type { TimelineRecord } from '../record';
import { documentTopics, ornoTopics, type SearchedTopic } from '../sources';
import { formatHop, toSteps } from '../steps';
import { summarize } from '../summary';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const topic = (name: string): SearchedTopic => {
  const found = documentTopics().find((t) => t.name === name);
  if (!found) throw new Error(`not searched: ${name}`);
  return found;
};
const rec = (
  name: string,
  offset: number,
  at: number,
  value: unknown,
  headers: Record<string, string> = {},
): TimelineRecord => ({
  searched: topic(name),
  topic: `ns.${name}`,
  partition: 2,
  offset: String(offset),
  timestamp: T0 + at,
  key: '000000123',
  value,
  headers,
});
const source = {
  system: 'MAGENTO',
  entity: 'order',
  id: '000000123',
  version: '2030-01-01 10:00:00',
  eventId: 'e1',
  occurredAt: T0,
  receivedAt: T0,
};
const change = rec(
  TOPIC.cdcMagentoOrder,
  7,
  0,
  { op: 'c', before: null, after: { status: 'pending' }, source, tsMs: T0 },
  {
    'event-type': 'MagentoOrderChange',
    'occurred-at': '2030-01-01T09:59:59.000Z',
  },
);
const command = rec(
  TOPIC.cmdM3CustomerOrder,
  3,
  40,
  { meta: { idempotencyKey: 'order:000000123' }, incrementId: '000000123' },
  {
    'event-type': 'CreateCustomerOrder',
    attempt: '1',
  },
);
const failure = {
  'x-error-code': 'HTTP_TIMEOUT',
  'x-error-message': 'M3 did not\nanswer',
  'x-error-stage': 'handler',
  'event-type': 'CreateCustomerOrder',
};
const retry = rec(retryTopic(GROUP.m3Writer.id, 2), 0, 1_540, command.value, { ...failure, attempt: '3' });
const letter = {
  originalTopic: `ns.${TOPIC.cmdM3CustomerOrder}`,
  originalPartition: 2,
  originalOffset: 3,
  originalKey: '000000123',
  originalValue: null,
  originalHeaders: {},
  errorClass: 'validation',
  errorCode: 'M3_MANDATORY_MISSING',
  errorMessage: 'CUNO is mandatory',
  stage: 'retry-exhausted',
  attempts: 4,
  failedAt: T0 + 70_000,
  service: 'm3-writer',
  group: 'm3-writer',
};
const dead = { ...rec(dlqTopic(GROUP.m3Writer.id), 5, 70_000, letter), partition: 0 };
const redriven = rec(TOPIC.cmdM3CustomerOrder, 9, 3_670_000, command.value, {
  'x-replayed-from': `ns.${dlqTopic(GROUP.m3Writer.id)}:0:5`,
  'x-replayed-at': '2030-01-01T11:01:10.000Z',
  attempt: '1',
});
const xref = rec(TOPIC.xrefOrder, 1, 3_671_000, {
  incrementId: '000000123',
  orno: '1000456',
  cuno: 'MG01',
  confirmedAt: T0 + 3_671_000,
  commandId: 'c',
});

describe('summaries', () => {
  it('says what each kind of record is', () => {
    expect(summarize(change)).toEqual({
      summary: 'create order 000000123, version 2030-01-01 10:00:00, status pending',
      facts: { op: 'c', status: 'pending' },
    });
    expect(summarize(command).summary).toBe('CreateCustomerOrder idempotency order:000000123');
    expect(summarize(retry)).toEqual({
      summary:
        'retry tier 2 of m3-writer, attempt 3: CreateCustomerOrder idempotency order:000000123; after HTTP_TIMEOUT (handler): M3 did not answer',
      facts: {
        attempt: 3,
        command: 'CreateCustomerOrder',
        errorCode: 'HTTP_TIMEOUT',
        errorMessage: 'M3 did not answer',
        errorStage: 'handler',
      },
    });
    expect(summarize(dead).summary).toBe(
      'dead-lettered by m3-writer (retry-exhausted) after 4 attempts: M3_MANDATORY_MISSING: CUNO is mandatory; from ns.cmd.m3.customer-order.v1[2]@3',
    );
    expect(summarize(dead).facts.deadLetter).toBe('ns.m3-writer.dlq:0:5');
    expect(summarize(redriven).summary).toContain('— redriven from ns.m3-writer.dlq:0:5 at 2030-01-01T11:01:10.000Z');
    expect(summarize(xref).summary).toBe(
      'M3 order 1000456 for 000000123 (customer MG01), confirmed 2030-01-01T11:01:11.000Z',
    );
  });

  it('names the action of a Magento order command (a wrapped Avro union) and the M3 status of a sales order', () => {
    const ship = rec(TOPIC.cmdMagentoOrder, 0, 0, {
      meta: {},
      action: { 'm3mage.commands.ShipOrder': { m3DeliveryNo: '5001' } },
    });
    expect(summarize(ship)).toMatchObject({ summary: 'ShipOrder 5001', facts: { command: 'ShipOrder' } });
    const so = rec(TOPIC.cdcM3SalesOrder, 0, 0, {
      op: 'u',
      after: { orno: '1000456', cuor: '000000123', orsl: '33', orst: '44' },
      source: { ...source, system: 'M3', entity: 'sales-order', id: '1000456', version: '9' },
    });
    expect(summarize(so)).toMatchObject({
      summary: 'update sales-order 1000456, version 9, status 33/44',
      facts: { orno: '1000456', incrementId: '000000123', status: '33/44' },
    });
  });

  it('says tombstone for a deleted key and why a value could not be read', () => {
    expect(summarize(rec(TOPIC.xrefOrder, 0, 0, null)).summary).toBe('tombstone (the key was deleted)');
    expect(summarize({ ...rec(TOPIC.xrefOrder, 0, 0, null), problem: 'value not readable: bad' }).summary).toBe(
      'value not readable: bad',
    );
  });
});

describe('steps and outcome', () => {
  const steps = toSteps([xref, dead, redriven, command, retry, change]);

  it('orders by record time and measures each hop from the step before', () => {
    expect(steps.map((s) => s.offset)).toEqual(['7', '3', '0', '5', '9', '1']);
    expect(steps.map((s) => s.hopMs)).toEqual([null, 40, 1_500, 68_460, 3_600_000, 1_000]);
    expect(steps[0]).toMatchObject({
      at: '2030-01-01T10:00:00.000Z',
      occurredAt: '2030-01-01T09:59:59.000Z',
      eventType: 'MagentoOrderChange',
    });
    expect(steps.map((s) => formatHop(s.hopMs))).toEqual([
      '—',
      '+40 ms',
      '+1.5 s',
      '+1 min 8 s',
      '+1 h 0 min',
      '+1.0 s',
    ]);
  });

  it('puts records of the same millisecond in pipeline order', () => {
    const same = toSteps([
      { ...xref, timestamp: T0 },
      { ...command, timestamp: T0 },
      { ...change, timestamp: T0 },
    ]);
    expect(same.map((s) => s.kind)).toEqual(['change', 'command', 'xref']);
  });

  it('tells where the order is in M3 and that its dead letter was redriven', () => {
    expect(outcomeOf(steps)).toEqual({
      text:
        'in M3 as ORNO 1000456, confirmed at 2030-01-01T11:01:11.000Z; dead-lettered at 2030-01-01T10:01:10.000Z in m3-writer.dlq ' +
        'with M3_MANDATORY_MISSING: CUNO is mandatory, redriven at 2030-01-01T11:01:10.000Z',
      orno: '1000456',
      incrementId: '000000123',
      confirmedAt: '2030-01-01T11:01:11.000Z',
      deadLetters: [
        {
          at: '2030-01-01T10:01:10.000Z',
          topic: 'm3-writer.dlq',
          errorCode: 'M3_MANDATORY_MISSING',
          errorMessage: 'CUNO is mandatory',
          redrivenAt: '2030-01-01T11:01:10.000Z',
        },
      ],
    });
  });

  it('says not redriven when no copy names the dead letter, and where a document still waits', () => {
    expect(outcomeOf(toSteps([change, command, dead])).text).toBe(
      'dead-lettered at 2030-01-01T10:01:10.000Z in m3-writer.dlq with M3_MANDATORY_MISSING: CUNO is mandatory, not redriven',
    );
    expect(outcomeOf(toSteps([change, command, retry])).text).toBe(
      'waiting in m3-writer.retry.2 (HTTP_TIMEOUT) since 2030-01-01T10:00:01.540Z',
    );
    expect(outcomeOf(toSteps([change])).text).toBe('last seen on cdc.magento.order.v1 at 2030-01-01T10:00:00.000Z');
    expect(outcomeOf([]).text).toBe('');
  });
});

describe('searched topics', () => {
  it('are the cdc, cmd and xref topics, the ingest DLQs and every group’s retry tiers and DLQ — no state topics', () => {
    const names = documentTopics().map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([TOPIC.cdcMagentoOrder, TOPIC.xrefOrder, TOPIC.magentoIngestDlq, TOPIC.m3IonIngestDlq]),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        retryTopic(GROUP.transformer.id, 3),
        dlqTopic(GROUP.m3Writer.id),
        retryTopic(GROUP.magentoWriter.id, 1),
      ]),
    );
    expect(names.filter((n) => n.startsWith('state.'))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('for an ORNO: the topics keyed by ORNO and the retry/DLQ topics of their consumer group', () => {
    expect(ornoTopics().map((t) => t.name)).toEqual([
      TOPIC.cdcM3SalesOrder,
      TOPIC.cdcM3Shipment,
      TOPIC.cdcM3Invoice,
      retryTopic(GROUP.transformer.id, 1),
      retryTopic(GROUP.transformer.id, 2),
      retryTopic(GROUP.transformer.id, 3),
      dlqTopic(GROUP.transformer.id),
    ]);
  });
});
