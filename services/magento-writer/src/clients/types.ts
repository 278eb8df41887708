// Magento REST shapes magento-writer reads (FORMAT-NOTES 31–34), only the fields it uses.
export interface MagentoList<T> {
  items: T[];
  total_count: number;
}

export interface MagentoOrderItem {
  item_id: number;
  sku: string;
  qty_ordered: number;
  qty_shipped?: number;
  qty_invoiced?: number;
  qty_canceled?: number;
  qty_refunded?: number;
  parent_item_id?: number | null;
  product_type?: string;
}

export interface MagentoComment {
  comment: string | null;
}

export interface MagentoOrder {
  entity_id: number;
  increment_id: string;
  state: string;
  status: string;
  items: MagentoOrderItem[];
  status_histories?: MagentoComment[];
}

export interface MagentoShipment {
  entity_id: number;
  order_id: number;
  tracks?: { track_number: string }[];
  comments?: MagentoComment[];
}

export interface MagentoInvoice {
  entity_id: number;
  order_id: number;
  comments?: MagentoComment[];
}

export interface ItemQtyBody {
  order_item_id: number;
  qty: number;
}
