import { defineTable } from '../kit';

export interface StatusRule {
  /** Magento order status to set with the comment; null keeps the current status. */
  status: string | null;
  comment: string;
  notifyCustomer: boolean;
}

/** What an M3 order status (highest line status ORST) tells the Magento order. */
export const orderStatus = defineTable<StatusRule | null>({
  name: 'orderStatus',
  description:
    'Comment (and optionally status) added to the Magento order when the M3 order reaches a status. Statuses not listed add nothing; shipment and invoice are sent by their own flows.',
  file: 'services/transformer/src/mappings/tables/order-status.ts',
  keyLabel: 'M3 status',
  valueLabel: 'Magento comment',
  entries: {
    '20': { status: null, comment: 'Order received by M3 (status 20).', notifyCustomer: false },
    '22': { status: null, comment: 'Stock allocated in M3 (status 22).', notifyCustomer: false },
    '33': { status: null, comment: 'Picking list released in M3 (status 33).', notifyCustomer: false },
    '44': { status: null, comment: 'Picked in M3 (status 44).', notifyCustomer: false },
    '66': { status: null, comment: 'Delivered from M3 (status 66).', notifyCustomer: false },
    '77': { status: null, comment: 'Invoiced in M3 (status 77).', notifyCustomer: false },
  },
  otherwise: { kind: 'value', value: null },
});
