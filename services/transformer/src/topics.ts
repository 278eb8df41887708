// The catalogue topics the transformer reads and writes (infra/topics/catalogue.ts, group `transformer`).
export const topics = Object.freeze({
  magentoOrder: 'cdc.magento.order.v1',
  m3SalesOrder: 'cdc.m3.sales-order.v1',
  m3Shipment: 'cdc.m3.shipment.v1',
  m3Invoice: 'cdc.m3.invoice.v1',
  customerOrder: 'cmd.m3.customer-order.v1',
  glJournal: 'cmd.m3.gl-journal.v1',
  magentoOrderCommand: 'cmd.magento.order.v1',
  xrefOrder: 'xref.order.v1',
  emitted: 'state.transformer.emitted.v1',
});

export const GROUP_ID = 'transformer';
