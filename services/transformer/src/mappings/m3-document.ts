// What every M3 → Magento mapping gets: the M3 document and the Magento increment id it belongs to.
export interface ForMagentoOrder<T> {
  incrementId: string;
  document: T;
}
