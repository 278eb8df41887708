// m3mage.commands.MagentoOrderCommand (schemas/commands/magento-order-command.avsc) as avsc decodes it:
// the action union is wrapped in its branch's full name.
export interface CommandMeta {
  commandId: string;
  idempotencyKey: string;
  correlationId: string;
  causationId: string;
  issuedAt: number;
}

export interface ItemQty {
  sku: string;
  qty: string;
}

export interface ShipOrder {
  m3DeliveryNo: string;
  items: ItemQty[];
  tracks: { trackNumber: string; title: string; carrierCode: string }[];
  notify: boolean;
}

export interface InvoiceOrder {
  m3InvoiceNo: string;
  items: ItemQty[];
  capture: boolean;
  notify: boolean;
}

export interface AddOrderComment {
  status: string | null;
  comment: string;
  m3Status: string;
  notifyCustomer: boolean;
}

export type OrderAction =
  | { 'm3mage.commands.ShipOrder': ShipOrder }
  | { 'm3mage.commands.InvoiceOrder': InvoiceOrder }
  | { 'm3mage.commands.AddOrderComment': AddOrderComment };

export interface MagentoOrderCommand {
  meta: CommandMeta;
  incrementId: string;
  action: OrderAction;
}
