import { defineTable } from '../kit';

export interface ItemStatusRule {
  /** false: not for sale yet; never created in Magento, an existing product is disabled. */
  publish: boolean;
  /** Magento status: 1 enabled, 2 disabled. */
  status: 1 | 2;
  /** Magento visibility: 1 not visible individually, 4 catalog and search. */
  visibility: 1 | 2 | 3 | 4;
}

const notReleased: ItemStatusRule = { publish: false, status: 2, visibility: 1 };
const forSale: ItemStatusRule = { publish: true, status: 1, visibility: 4 };
const discontinued: ItemStatusRule = { publish: true, status: 2, visibility: 4 };

/** M3 item status (MMS001 STAT) → Magento status and visibility (MASTER-DATA-NOTES §1, "Item status"). */
export const itemStatus = defineTable<ItemStatusRule>({
  name: 'itemStatus',
  description:
    'What an M3 item status means in the store. 00–10 are not released (no product is created; an existing one is disabled); 15–50 are for sale (50 "to be discontinued" sells until its stock is gone, then M3 sets 80 by itself); 80, 90 and 99 are discontinued: the product is disabled, never deleted, so its history and URLs stay.',
  file: 'services/transformer/src/mappings/tables/item-status.ts',
  keyLabel: 'M3 status (STAT)',
  valueLabel: 'Magento status / visibility',
  entries: {
    '00': notReleased,
    '05': notReleased,
    '10': notReleased,
    '15': forSale,
    '20': forSale,
    '30': forSale,
    '50': forSale,
    '80': discontinued,
    '90': discontinued,
    '99': discontinued,
  },
  otherwise: { kind: 'reject', hint: 'add the status to the table' },
});
