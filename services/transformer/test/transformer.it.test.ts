// The transformer on the real broker and registry (own KAFKA_NAMESPACE): Avro change data in, Avro commands
// out with their headers; unmappable input in the DLQ with its reason; M3 documents waiting for the xref.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dlqTopic, loadConfig, retryDlqTopics, type AvroSchemaJson, type ServiceContext } from '@m3mage/runtime';
import type { Balance, Change, Customer, Delivery, Item, Order, Warehouse } from '@m3mage/schemas/types';
import { schemaForTopic } from '@m3mage/topics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitCaughtUp } from '../../../test/support/caught-up';
import {
  createTestTopics,
  stackEnv,
  testNamespace,
  testServiceContext,
  waitFor,
} from '../../../test/support/kafka-rig';
import { buildApp, topology } from '../src/app';
import { configSchema, type Config } from '../src/config';
import { GROUP, TOPIC } from '@m3mage/topics/catalogue';

const fixture = <T>(p: string): T =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, 'golden', `${p}.in.json`), 'utf8')) as T;

interface Seen {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: Record<string, unknown>;
}

describe('transformer (real broker + registry)', () => {
  let ctx: ServiceContext<Config>;
  let ns: string;
  const seen: Seen[] = [];
  const run = Date.now().toString(36);

  beforeAll(async () => {
    ns = testNamespace('it-tr');
    const all = [
      ...topology.group.consumes,
      ...topology.produces,
      ...topology.reads,
      ...retryDlqTopics(GROUP.transformer.id, 2),
      ...retryDlqTopics('it-observer', 2),
    ];
    await createTestTopics(all.map((t) => `${ns}${t}`));
    const config = loadConfig(configSchema, {
      env: stackEnv({ KAFKA_NAMESPACE: ns, RETRY_DELAYS_MS: '300,600' }),
      service: 'transformer',
    });
    ctx = await testServiceContext({
      name: 'transformer',
      config,
      ...topology,
      // The test writes the inputs with the same producer.
      produces: [...topology.produces, ...topology.group.consumes, ...topology.reads],
      schemaOf: schemaForTopic,
    });
    buildApp({ ctx });
    ctx.consume<Record<string, unknown>>({
      groupId: 'it-observer',
      topics: [...topology.produces, dlqTopic(GROUP.transformer.id)],
      fromBeginning: true,
      handler: async (m) => {
        seen.push({ topic: m.topic, key: m.key ?? '', headers: m.headers, value: m.value ?? {} });
        return { outcome: 'ack' };
      },
    });
    await ctx.serde
      .register(
        `${ns}${dlqTopic(GROUP.transformer.id)}`,
        schemaForTopic(dlqTopic(GROUP.transformer.id)) as AvroSchemaJson,
      )
      .catch(() => 0);
    await ctx.start();
  });
  afterAll(async () => {
    await ctx?.stop();
  });

  const change = <T>(entity: string, id: string, after: T): Change<T> => ({
    op: 'c',
    before: null,
    after,
    source: {
      system: entity === 'order' ? 'MAGENTO' : 'M3',
      entity,
      id,
      version: '1',
      eventId: `evt-${id}`,
      occurredAt: Date.now(),
      receivedAt: Date.now(),
    },
    tsMs: Date.now(),
  });
  const produce = <T>(topic: string, key: string, value: Change<T>) =>
    ctx.producer.send({
      topic,
      key,
      value,
      meta: { correlationId: key, eventType: 'Change', sourceSystem: value.source.system },
    });
  it('turns a Magento order into CreateCustomerOrder (Avro) with correlation and causation headers', async () => {
    const inc = `IT${run}1`;
    const order = { ...fixture<Order>('customer-order/guest-multi-line'), incrementId: inc };
    await produce(TOPIC.cdcMagentoOrder, inc, change('order', inc, order));
    await waitFor(
      () => seen.some((s) => s.topic === TOPIC.cmdM3CustomerOrder && s.key === inc),
      30_000,
      'order command',
    );
    const cmd = seen.find((s) => s.topic === TOPIC.cmdM3CustomerOrder && s.key === inc)!;
    expect(cmd.headers).toMatchObject({
      'correlation-id': inc,
      'causation-id': `evt-${inc}`,
      'event-type': 'CreateCustomerOrder',
    });
    expect(cmd.value).toMatchObject({
      incrementId: inc,
      head: { cuor: inc, rldt: '20261128', whlo: null },
      customer: { email: 'guest@example.org', cua2: 'Apartment 5B', cua3: null, magentoCustomerId: null },
      lines: [{ itno: 'MH-00001', orqt: '2', sapr: '19.99' }, { sapr: '0.3333' }, { orqt: '1.5', sapr: '1234567.89' }],
    });
  });

  it('dead-letters an order with an unknown SKU and a missing e-mail, with a reason a person can act on', async () => {
    const inc = `IT${run}2`;
    const base = fixture<Order>('customer-order/unknown-sku');
    const order: Order = {
      ...base,
      incrementId: inc,
      customerEmail: null,
      billingAddress: { ...base.billingAddress!, email: null },
    };
    await produce(TOPIC.cdcMagentoOrder, inc, change('order', inc, order));
    await waitFor(
      () => seen.some((s) => s.topic === dlqTopic(GROUP.transformer.id) && s.value.originalKey === inc),
      30_000,
      'dead letter',
    );
    const dl = seen.find((s) => s.topic === dlqTopic(GROUP.transformer.id) && s.value.originalKey === inc)!.value;
    expect(dl.errorCode).toBe('MAPPING_UNMAPPABLE');
    expect(dl.errorMessage).toContain('customer.email: the order has no customer e-mail');
    expect(dl.errorMessage).toContain("lines[1].itno: unknown SKU 'MAGENTO-ONLY-SKU-WITH-A-LONG-NAME'");
    expect(seen.some((s) => s.topic === TOPIC.cmdM3CustomerOrder && s.key === inc)).toBe(false);
  });

  it('turns a Magento account into UpsertCustomer keyed by e-mail, a delete into DEACTIVATE; its tombstone sends nothing', async () => {
    const id = Number(`9${Date.now() % 1_000_000}`);
    const email = `it.${run}@example.com`;
    const account = { ...fixture<Customer>('customer-account/billing-and-shipping'), id, email };
    const key = String(id);
    const customerChange = (op: 'c' | 'd', c: Customer): Change<Customer> => ({
      ...change('customer', key, c),
      op,
      before: op === 'd' ? c : null,
      after: op === 'd' ? null : c,
      source: { ...change('customer', key, c).source, system: 'MAGENTO', eventId: `evt-${key}-${op}` },
    });
    await produce(TOPIC.cdcMagentoCustomer, key, customerChange('c', account));
    await produce(TOPIC.cdcMagentoCustomer, key, customerChange('d', account));
    await ctx.producer.send({
      topic: TOPIC.cdcMagentoCustomer,
      key,
      value: null,
      meta: { correlationId: key, eventType: 'Tombstone', sourceSystem: 'MAGENTO' },
    });
    const commands = () => seen.filter((s) => s.topic === TOPIC.cmdM3Customer && s.key === email);
    await waitFor(() => commands().length >= 2, 30_000, 'customer commands');
    expect(commands().map((s) => s.value.action)).toEqual(['UPSERT', 'DEACTIVATE']);
    expect(commands()[0]!.headers).toMatchObject({ 'event-type': 'UpsertCustomer', 'correlation-id': email });
    expect(commands()[0]!.value).toMatchObject({
      origin: 'ACCOUNT',
      customer: { email, cunm: 'Anna Berg', magentoCustomerId: id },
      deliveryAddress: { adrt: '1', adid: 'WEB', town: 'Solna' },
    });
    // The tombstone handled too, and everything produced so far observed: still two commands.
    await waitCaughtUp(ctx.kafka, [
      { groupId: `${ns}${GROUP.transformer.id}`, topics: topology.group.consumes.map((t) => `${ns}${t}`) },
      {
        groupId: `${ns}it-observer`,
        topics: [...topology.produces, dlqTopic(GROUP.transformer.id)].map((t) => `${ns}${t}`),
      },
    ]);
    expect(commands()).toHaveLength(2);
  });

  it('holds an M3 delivery without CUOR until xref.order.v1 names its order, then sends ShipOrder', async () => {
    const inc = `IT${run}3`;
    const orno = `9${run.slice(-8)}`;
    const delivery: Delivery = {
      ...fixture<{ document: Delivery }>('ship-order/single-package').document,
      orno,
      cuor: null,
    };
    await produce(TOPIC.cdcM3Shipment, orno, change('shipment', orno, delivery));
    // Handled (held in a retry tier: the group committed past it) and everything produced so far observed.
    await waitCaughtUp(ctx.kafka, [
      { groupId: `${ns}${GROUP.transformer.id}`, topics: topology.group.consumes.map((t) => `${ns}${t}`) },
      {
        groupId: `${ns}it-observer`,
        topics: [...topology.produces, dlqTopic(GROUP.transformer.id)].map((t) => `${ns}${t}`),
      },
    ]);
    expect(seen.some((s) => s.topic === TOPIC.cmdMagentoOrder && s.key === inc)).toBe(false);
    await ctx.producer.send({
      topic: TOPIC.xrefOrder,
      key: inc,
      value: { incrementId: inc, orno, cuno: 'C000001', confirmedAt: Date.now(), commandId: 'x' },
      meta: { correlationId: inc, eventType: 'OrderXref', sourceSystem: 'M3' },
    });
    await waitFor(() => seen.some((s) => s.topic === TOPIC.cmdMagentoOrder && s.key === inc), 30_000, 'ShipOrder');
    const cmd = seen.find((s) => s.topic === TOPIC.cmdMagentoOrder && s.key === inc)!;
    expect(cmd.value).toMatchObject({
      incrementId: inc,
      action: { 'm3mage.commands.ShipOrder': { m3DeliveryNo: delivery.dlix, items: [{ sku: 'MH-00001', qty: '1' }] } },
    });
    expect(cmd.headers).toMatchObject({ 'correlation-id': inc, 'event-type': 'ShipOrder' });
  });

  it('turns an M3 item into UpsertProduct keyed by sku, and sends an unchanged item only once', async () => {
    const itno = `ITM${run}`;
    const item = { ...fixture<Item>('product/released-with-price'), itno };
    await produce(TOPIC.cdcM3Item, itno, change('item', itno, item));
    await produce(TOPIC.cdcM3Item, itno, {
      ...change('item', itno, item),
      source: { ...change('item', itno, item).source, eventId: 'again' },
    });
    await waitFor(
      () => seen.some((s) => s.topic === TOPIC.cmdMagentoProduct && s.key === itno),
      30_000,
      'product command',
    );
    await waitCaughtUp(ctx.kafka, [
      { groupId: `${ns}${GROUP.transformer.id}`, topics: topology.group.consumes.map((t) => `${ns}${t}`) },
      {
        groupId: `${ns}it-observer`,
        topics: [...topology.produces, dlqTopic(GROUP.transformer.id)].map((t) => `${ns}${t}`),
      },
    ]);
    const cmds = seen.filter((s) => s.topic === TOPIC.cmdMagentoProduct && s.key === itno);
    expect(cmds).toHaveLength(1);
    expect(cmds[0]!.value).toMatchObject({ sku: itno, m3Version: item.changeStamp, publish: true });
    expect(cmds[0]!.headers).toMatchObject({ 'event-type': 'UpsertProduct', 'correlation-id': itno });
  });

  it('maps a warehouse to UpsertSource; an unmapped warehouse is dead-lettered with the table to change', async () => {
    const wh = fixture<Warehouse>('source/mapped-warehouse');
    await produce(TOPIC.cdcM3Warehouse, wh.whlo, change('warehouse', `${wh.whlo}-${run}`, wh));
    const unmapped = fixture<Warehouse>('source/unmapped-warehouse');
    await produce(TOPIC.cdcM3Warehouse, unmapped.whlo, change('warehouse', `${unmapped.whlo}-${run}`, unmapped));
    await waitFor(
      () =>
        seen.some((s) => s.topic === TOPIC.cmdMagentoSource && s.key === 'wh_sto') &&
        seen.some((s) => s.topic === dlqTopic(GROUP.transformer.id) && s.value.originalKey === unmapped.whlo),
      30_000,
      'source command and dead letter',
    );
    expect(seen.find((s) => s.topic === TOPIC.cmdMagentoSource && s.key === 'wh_sto')!.value).toMatchObject({
      sourceCode: 'wh_sto',
      name: 'Stockholm warehouse',
      countryId: 'SE',
      stockIds: [1],
    });
    const dl = seen.find((s) => s.topic === dlqTopic(GROUP.transformer.id) && s.value.originalKey === unmapped.whlo)!;
    expect(dl.value.errorMessage).toContain('sourceByWarehouse');
  });

  it('turns balances into SetSourceItem keyed sku@source (newest wins), skips unmapped warehouses', async () => {
    const base = fixture<Balance>('source-item/on-hand-minus-allocated');
    const itno = `STK${run}`;
    const key = `${itno}@100`;
    // Many changes of one key at once: only the last one matters, and it must be the last one sent.
    for (let n = 1; n <= 20; n++)
      await produce(
        TOPIC.cdcM3Stock,
        key,
        change('stock', key, { ...base, itno, onHand: String(n), allocated: '0', changeStamp: String(1000 + n) }),
      );
    await produce(TOPIC.cdcM3Stock, `${itno}@400`, change('stock', `${itno}@400`, { ...base, itno, whlo: '400' }));
    await waitFor(
      () =>
        seen.some(
          (s) => s.topic === TOPIC.cmdMagentoSourceItem && s.key === `${itno}@wh_sto` && s.value.m3Version === '1020',
        ),
      30_000,
      'the newest source item',
    );
    await waitCaughtUp(ctx.kafka, [
      { groupId: `${ns}${GROUP.transformer.id}`, topics: topology.group.consumes.map((t) => `${ns}${t}`) },
      {
        groupId: `${ns}it-observer`,
        topics: [...topology.produces, dlqTopic(GROUP.transformer.id)].map((t) => `${ns}${t}`),
      },
    ]);
    const sent = seen.filter((s) => s.topic === TOPIC.cmdMagentoSourceItem && String(s.key).startsWith(itno));
    expect(sent.at(-1)!.value).toMatchObject({
      sku: itno,
      sourceCode: 'wh_sto',
      quantity: '20',
      status: 1,
      m3Version: '1020',
    });
    expect(sent.every((s) => s.key === `${itno}@wh_sto`)).toBe(true);
    expect(seen.some((s) => s.topic === dlqTopic(GROUP.transformer.id) && s.value.originalKey === `${itno}@400`)).toBe(
      false,
    );
  });
});
