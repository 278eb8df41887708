// Fixed values the mappings send to M3 (one place for the business to review them).
export const settings = Object.freeze({
  /** CRS610MI Add CUTM: the template customer new web customers are copied from. */
  customerTemplate: 'TEMPLATE',
  /** OIS100MI AddBatchHead ORTP for web orders. */
  orderType: 'A01',
  /** Carrier title on a Magento track when M3 names no carrier. */
  defaultCarrierTitle: 'M3 delivery',
  /**
   * Invoice with `capture: true`: an authorized gateway payment (braintree…) is captured when M3 invoices, so
   * it is paid and then posted to M3's ledger; an offline method (checkmo…) is paid on register either way.
   */
  captureOnInvoice: true,
});
