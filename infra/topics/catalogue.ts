// THE topic catalogue (ARCHITECTURE.md §3): every topic the product uses. Nothing else invents topic names.
// Retry and dead-letter topics are derived per consumer group (derive.ts). Change a line here, then run
// `npm run topics:apply` (creates what is missing, reports drift, never deletes).

const DAY = 86_400_000;

/**
 * Every topic name, typed. Services and tests name a topic only through this table (`TOPIC.cdcMagentoOrder`),
 * never as a string: the keys are the names in camelCase without the version. This module imports nothing,
 * so any service can import `@m3mage/topics/catalogue` without the admin tooling.
 */
export const TOPIC = {
  cdcMagentoOrder: 'cdc.magento.order.v1',
  cdcMagentoCustomer: 'cdc.magento.customer.v1',
  cdcM3SalesOrder: 'cdc.m3.sales-order.v1',
  cdcM3Shipment: 'cdc.m3.shipment.v1',
  cdcM3Invoice: 'cdc.m3.invoice.v1',
  cdcM3Item: 'cdc.m3.item.v1',
  cdcM3Warehouse: 'cdc.m3.warehouse.v1',
  cdcM3Stock: 'cdc.m3.stock.v1',
  cdcM3Customer: 'cdc.m3.customer.v1',
  cmdM3Customer: 'cmd.m3.customer.v1',
  cmdM3CustomerOrder: 'cmd.m3.customer-order.v1',
  cmdM3GlJournal: 'cmd.m3.gl-journal.v1',
  cmdMagentoOrder: 'cmd.magento.order.v1',
  cmdMagentoProduct: 'cmd.magento.product.v1',
  cmdMagentoSource: 'cmd.magento.source.v1',
  cmdMagentoSourceItem: 'cmd.magento.source-item.v1',
  cmdMagentoCustomer: 'cmd.magento.customer.v1',
  xrefOrder: 'xref.order.v1',
  xrefCustomer: 'xref.customer.v1',
  magentoIngestDlq: 'magento-ingest.dlq',
  m3IonIngestDlq: 'm3-ion-ingest.dlq',
  stateMagentoIngestVersions: 'state.magento-ingest.versions.v1',
  stateMagentoIngestPoller: 'state.magento-ingest.poller.v1',
  stateM3IonIngestVariations: 'state.m3-ion-ingest.variations.v1',
  stateM3IonIngestPoller: 'state.m3-ion-ingest.poller.v1',
  stateMagentoWriterProducts: 'state.magento-writer.products.v1',
  stateMagentoWriterInventory: 'state.magento-writer.inventory.v1',
  stateMagentoWriterCustomers: 'state.magento-writer.customers.v1',
  stateM3WriterBatchOrders: 'state.m3-writer.batch-orders.v1',
  stateM3WriterCustomers: 'state.m3-writer.customers.v1',
  stateTransformerEmitted: 'state.transformer.emitted.v1',
  stateBackfill: 'state.backfill.checkpoints.v1',
} as const;

export type TopicName = (typeof TOPIC)[keyof typeof TOPIC];

export type CleanupPolicy = 'delete' | 'compact';

export interface TopicSpec {
  /** A catalogue name, or a derived one (retry tier, dead letters, a namespace prefix). */
  name: string;
  partitions: number;
  cleanup: CleanupPolicy;
  /** retention.ms for delete topics; -1 keeps forever. */
  retentionMs: number;
  /** Full Avro name of the value (schemas/), registered under `<name>-value`. */
  valueSchema: string;
  /** What the plain-string key is. */
  key: string;
  description: string;
  /**
   * Each record is the whole new value of its key (an absolute quantity, not a delta): a consumer may skip
   * a record when a newer one of the same key is in the same fetch (conflation, runtime `conflate`).
   */
  conflatable?: boolean;
}

export interface GroupSpec {
  /** Consumer group id = the service that consumes. */
  id: string;
  consumes: readonly string[];
  /** Delay of each retry tier, in ms; tier n is `<id>.retry.<n>`. */
  retryDelaysMs: number[];
}

/** The dead-letter value record (schemas/platform/dead-letter.avsc). */
export const deadLetterSchema = 'm3mage.platform.DeadLetter';

export const topics: readonly TopicSpec[] = [
  {
    name: TOPIC.cdcMagentoOrder,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 14 * DAY,
    valueSchema: 'm3mage.cdc.MagentoOrderChange',
    key: 'Magento increment id',
    description: 'Magento order changes (webhooks, events, poller)',
  },
  {
    name: TOPIC.cdcMagentoCustomer,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.cdc.MagentoCustomerChange',
    key: 'Magento customer id',
    description:
      'Magento customer changes (events, webhooks, poller), newest per customer; a delete is op d then a tombstone (personal data does not outlive the customer)',
  },
  {
    name: TOPIC.cdcM3SalesOrder,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 14 * DAY,
    valueSchema: 'm3mage.cdc.M3SalesOrderChange',
    key: 'M3 ORNO',
    description: 'M3 customer order status changes (SyncSalesOrder)',
  },
  {
    name: TOPIC.cdcM3Shipment,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 14 * DAY,
    valueSchema: 'm3mage.cdc.M3DeliveryChange',
    key: 'M3 ORNO',
    description: 'M3 deliveries with packages and tracking (SyncShipment)',
  },
  {
    name: TOPIC.cdcM3Invoice,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 14 * DAY,
    valueSchema: 'm3mage.cdc.M3InvoiceChange',
    key: 'M3 ORNO',
    description: 'M3 customer invoices (SyncInvoice)',
  },
  {
    name: TOPIC.cdcM3Item,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 14 * DAY,
    valueSchema: 'm3mage.cdc.M3ItemChange',
    key: 'M3 ITNO',
    description: 'M3 item changes with their sales price (Sync.ItemMaster BODs, MMS200MI LstItmByChgDate poll)',
  },
  {
    name: TOPIC.cdcM3Warehouse,
    partitions: 1,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.cdc.M3WarehouseChange',
    key: 'M3 WHLO',
    description: 'M3 warehouses (MMS005MI LstWarehouses poll), newest per warehouse',
  },
  {
    name: TOPIC.cdcM3Stock,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.cdc.M3BalanceChange',
    key: 'ITNO@WHLO',
    description:
      'M3 item-warehouse balances (MMS200MI LstItmWhsByWhgr, or the MWS070MI change feed re-read with GetItmWhsBal), newest per key',
    conflatable: true,
  },
  {
    name: TOPIC.cdcM3Customer,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.cdc.M3CustomerChange',
    key: 'M3 CUNO',
    description:
      'M3 customer changes (Sync.CustomerPartyMaster BODs or the CRS610MI LstByNumber poll), newest per customer',
  },
  {
    name: TOPIC.cmdM3Customer,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.UpsertCustomer',
    key: 'e-mail (lower case)',
    description: 'Find-or-create / update an M3 customer (CRS610MI)',
  },
  {
    name: TOPIC.cmdM3CustomerOrder,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.CreateCustomerOrder',
    key: 'Magento increment id',
    description: 'Create an M3 customer order (OIS100MI batch), idempotent by CUOR',
  },
  {
    name: TOPIC.cmdM3GlJournal,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.PostPaymentJournal',
    key: 'Magento increment id',
    description: 'Post a captured payment to the M3 general ledger',
  },
  {
    name: TOPIC.cmdMagentoOrder,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.MagentoOrderCommand',
    key: 'Magento increment id',
    description: 'Ship / invoice / comment a Magento order (one topic: writes per order serialized)',
  },
  {
    name: TOPIC.cmdMagentoProduct,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.UpsertProduct',
    key: 'Magento sku',
    description: 'Create or update a Magento product with the attributes M3 owns',
  },
  {
    name: TOPIC.cmdMagentoSource,
    partitions: 1,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.UpsertSource',
    key: 'MSI source_code',
    description: 'Create a missing MSI source from an M3 warehouse (linked to the stocks), update the fields M3 owns',
  },
  {
    name: TOPIC.cmdMagentoSourceItem,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.commands.SetSourceItem',
    key: 'sku@source_code',
    description: 'Quantity and status of a product at an MSI source (conflated, written in batches of source items)',
    conflatable: true,
  },
  {
    name: TOPIC.cmdMagentoCustomer,
    partitions: 6,
    cleanup: 'delete',
    retentionMs: 7 * DAY,
    valueSchema: 'm3mage.commands.UpdateMagentoCustomer',
    key: 'Magento customer id',
    description: 'Write the fields M3 owns (telephone, group) to a Magento customer',
  },
  {
    name: TOPIC.xrefOrder,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.xref.OrderXref',
    key: 'Magento increment id',
    description: 'Magento increment id ⇄ M3 ORNO',
  },
  {
    name: TOPIC.xrefCustomer,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.xref.CustomerXref',
    key: 'e-mail (lower case)',
    description: 'Magento customer e-mail ⇄ M3 CUNO',
  },
  {
    name: TOPIC.magentoIngestDlq,
    partitions: 1,
    cleanup: 'delete',
    retentionMs: 30 * DAY,
    valueSchema: deadLetterSchema,
    key: 'Magento increment id',
    description:
      'Orders magento-ingest read from Magento but cannot map (a reference to the order and the reason, stage map); fixed in Magento, the next version flows',
  },
  {
    name: TOPIC.m3IonIngestDlq,
    partitions: 1,
    cleanup: 'delete',
    retentionMs: 30 * DAY,
    valueSchema: deadLetterSchema,
    key: 'M3 ITNO',
    description:
      'M3 records m3-ion-ingest polled but cannot read (the MI record and the reason, stage map); fixed in M3, the next change flows',
  },
  {
    name: TOPIC.stateBackfill,
    partitions: 1,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.BackfillCheckpoint',
    key: 'job id (entity@system:…, replay:<topic>:…/<partition>, dlq:<service>:…/<partition>)',
    description:
      'Checkpoint of each `npm run backfill`, `replay --live` and `dlq -- replay` job: the last key or offset done and the counts so far (--resume)',
  },
  {
    name: TOPIC.stateMagentoIngestVersions,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: 'order:<increment id>',
    description: 'Last ingested updated_at per Magento document (de-duplication of repeated deliveries)',
  },
  {
    name: TOPIC.stateMagentoIngestPoller,
    partitions: 1,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.PollerCheckpoint',
    key: 'poller name',
    description: 'Checkpoint of the Magento change poller',
  },
  {
    name: TOPIC.stateM3IonIngestVariations,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: '<noun>:<document id>',
    description: 'Last applied ION variationID per BOD document',
  },
  {
    name: TOPIC.stateM3IonIngestPoller,
    partitions: 1,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.PollerCheckpoint',
    key: 'poller name',
    description: 'Checkpoints of the M3 MI pollers (items by change stamp, the stock transaction feed)',
  },
  {
    name: TOPIC.stateMagentoWriterProducts,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: 'product:<sku>',
    description:
      'Last M3 change stamp applied per Magento product (a replayed or late command never overwrites newer data)',
  },
  {
    name: TOPIC.stateMagentoWriterInventory,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: 'source:<code> or source-item:<sku>@<code>',
    description:
      'Last M3 change stamp applied per MSI source and source item (a replayed or late command never overwrites newer data)',
  },
  {
    name: TOPIC.stateMagentoWriterCustomers,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: 'customer:<Magento customer id>',
    description: 'Last M3 customer version applied to Magento per customer (newest wins)',
  },
  {
    name: TOPIC.stateM3WriterBatchOrders,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.BatchOrderEntry',
    key: 'CUOR (Magento increment id)',
    description:
      'M3 batch orders being entered (temporary ORNO per CUOR): a retry or restart resumes the same batch order; tombstoned once confirmed or deleted',
  },
  {
    name: TOPIC.stateM3WriterCustomers,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: 'customer:<Magento customer id>',
    description:
      'Last Magento account version applied to M3 per customer (newest wins: a replayed or late account change never overwrites newer data)',
  },
  {
    name: TOPIC.stateTransformerEmitted,
    partitions: 6,
    cleanup: 'compact',
    retentionMs: -1,
    valueSchema: 'm3mage.state.DocumentVersion',
    key: '<command>:<increment id>',
    description: 'Digest of the last command sent per order (loop prevention: an unchanged command is not sent again)',
  },
];

/** Every consumer group (= the service that consumes), with what it reads and its retry tiers. */
export const GROUP = {
  transformer: {
    id: 'transformer',
    consumes: [
      TOPIC.cdcMagentoOrder,
      TOPIC.cdcMagentoCustomer,
      TOPIC.cdcM3SalesOrder,
      TOPIC.cdcM3Shipment,
      TOPIC.cdcM3Invoice,
      TOPIC.cdcM3Item,
      TOPIC.cdcM3Warehouse,
      TOPIC.cdcM3Stock,
      TOPIC.cdcM3Customer,
    ],
    retryDelaysMs: [1_000, 10_000, 60_000],
  },
  m3Writer: {
    id: 'm3-writer',
    consumes: [TOPIC.cmdM3Customer, TOPIC.cmdM3CustomerOrder, TOPIC.cmdM3GlJournal],
    retryDelaysMs: [1_000, 10_000, 60_000],
  },
  magentoWriter: {
    id: 'magento-writer',
    consumes: [
      TOPIC.cmdMagentoOrder,
      TOPIC.cmdMagentoProduct,
      TOPIC.cmdMagentoSource,
      TOPIC.cmdMagentoSourceItem,
      TOPIC.cmdMagentoCustomer,
    ],
    retryDelaysMs: [1_000, 10_000, 60_000],
  },
} as const satisfies Record<string, GroupSpec>;

export const groups: readonly GroupSpec[] = Object.values(GROUP);

/** Of these topics, the ones whose records a consumer may conflate per key (`conflatable` in the catalogue). */
export function conflatableTopics(names: readonly string[]): string[] {
  return names.filter((n) => topics.some((t) => t.name === n && t.conflatable === true));
}
