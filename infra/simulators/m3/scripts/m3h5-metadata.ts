/**
 * MI metadata the 14.x reference file lacks, written out by hand from GaryWayneSmith/M3H5 (auto-generated
 * 20240605 from M3 metadata): `M3H5Lib.Api/<PROGRAM>Resource.cs` gives each transaction's description and
 * inputs (mandatory ones marked "Required"), `M3H5Lib.Api/<PROGRAM>/<Transaction>Response.cs` its outputs with
 * FieldType and Length. M3H5 publishes no input lengths: inputs take the output length of the same field name
 * (null when no output has it: not length-checked). Item, category and price transactions: ./m3h5-metadata-items.ts.
 */
type FieldType = 'A' | 'N' | 'D';

interface Input {
  name: string;
  description: string;
  required: boolean;
  type: FieldType;
  length: number | null;
}
interface Output {
  name: string;
  type: FieldType;
  length: number;
  description: string;
}
export interface InlineTransaction {
  description: string;
  inputs: Input[];
  outputs: Output[];
}

export const req = (name: string, description: string, type: FieldType, length: number | null): Input => ({
  name,
  description,
  required: true,
  type,
  length,
});
export const opt = (name: string, description: string, type: FieldType, length: number | null): Input => ({
  ...req(name, description, type, length),
  required: false,
});
export const out = (name: string, type: FieldType, length: number, description: string): Output => ({
  name,
  type,
  length,
  description,
});
const CONO_IN = opt('CONO', 'Company', 'N', 3);

/**
 * GLS840MI (Generic GL interface) is not in the 14.x file. Transactions and mandatory inputs from
 * `GLS840MIResource.cs` ("Version Release: 15.x"). Lengths are not published there: KEY1/INTN/DESC/LINE/PARM
 * lengths below are the simulator's assumptions.
 */
export const GLS840MI: Record<string, InlineTransaction> = {
  AddBatchHead: {
    description: 'Add data to FGLINH',
    inputs: [
      req('CONO', 'Company', 'N', 3),
      req('KEY1', 'Key value', 'A', 30),
      req('INTN', 'Interface', 'A', 15),
      req('DESC', 'Description', 'A', 40),
      opt('DIVI', 'Division', 'A', 3),
      opt('USID', 'User', 'A', 10),
    ],
    outputs: [],
  },
  AddBatchLine: {
    description: 'Add data to FGLINL',
    inputs: [
      req('CONO', 'Company', 'N', 3),
      req('KEY1', 'Key value', 'A', 30),
      req('LINE', 'Line number', 'N', 7),
      req('PARM', 'Parameter value', 'A', 500),
      opt('DIVI', 'Division', 'A', 3),
    ],
    outputs: [],
  },
  CtrlBatch: {
    description: 'Run option 6 from GLS840',
    inputs: [req('CONO', 'Company', 'N', 3), req('KEY1', 'Key value', 'A', 30), opt('DIVI', 'Division', 'A', 3)],
    outputs: [],
  },
  UpdBatch: {
    description: 'Run option 9 from GLS840',
    inputs: [req('CONO', 'Company', 'N', 3), req('KEY1', 'Key value', 'A', 30), opt('DIVI', 'Division', 'A', 3)],
    outputs: [],
  },
};

/**
 * OIS100MI batch-order transactions the 14.x file lists in `all_transactions` without their fields, from
 * `OIS100MIResource.cs` (each "Version Release: 14.x") and the `*Response.cs` files. Only the outputs the
 * simulator fills are listed (M3H5 has more, e.g. AGNT, SMCD, PROJ, OTBA). Types and lengths are M3H5's, which
 * differ from other OIS100MI transactions in two places: LstBatchLine reports PONR/POSX as A5/A3 (AddBatchLine:
 * N5/N3), and LstErrMsgOrder publishes LEVL A2 and MDTA A132 ("Error message").
 */
export const OIS100MI_BATCH: Record<string, InlineTransaction> = {
  DelBatchHead: {
    description: 'Delete batch order head record',
    inputs: [req('ORNO', 'Order number', 'A', 10), CONO_IN],
    outputs: [],
  },
  LstBatchHead: {
    description: 'Retrieve customer order head information',
    inputs: [
      req('CUNO', 'Customer number', 'A', 10),
      CONO_IN,
      opt('ORSL', 'Order status from', 'A', 2),
      opt('ORST', 'Order status to', 'A', 2),
    ],
    outputs: [
      out('ORNO', 'A', 10, 'Order number'),
      out('ORTP', 'A', 3, 'Order type'),
      out('RLDT', 'D', 10, 'Requested delivery date'),
      out('STAT', 'A', 2, 'Order status'),
      out('FACI', 'A', 3, 'Facility'),
      out('CUOR', 'A', 20, 'Customers order number'),
      out('MODL', 'A', 3, 'Method of delivery'),
      out('TEDL', 'A', 3, 'Term of delivery'),
      out('YREF', 'A', 30, 'Reference at customer'),
      out('ORDT', 'D', 10, 'Order date'),
      out('ORSL', 'A', 2, 'Lowest status - Customer'),
      out('ORST', 'A', 2, 'Highest status - Customer'),
      out('ORNR', 'A', 10, 'Order number'),
    ],
  },
  LstBatchLine: {
    description: 'List all order lines for given batch order',
    inputs: [req('ORNO', 'Temporary ordernumber', 'A', 10), CONO_IN],
    outputs: [
      out('ITNO', 'A', 15, 'Item number'),
      out('ITDS', 'A', 30, 'Item description'),
      out('ORQT', 'A', 16, 'Ordered quantity'),
      out('WHLO', 'A', 3, 'Warehouse'),
      out('CUPO', 'A', 7, 'Customer order line number'),
      out('DWDT', 'D', 10, 'Requested delivery date'),
      out('SAPR', 'A', 18, 'Salesprice'),
      out('PONR', 'A', 5, 'Line number'),
      out('POSX', 'A', 3, 'Line suffix'),
      out('ATNR', 'N', 17, 'Attribute number'),
    ],
  },
  GetBatchHead: {
    description: 'Retrieve batch order head information',
    inputs: [req('ORNO', 'Order number', 'A', 10), CONO_IN],
    outputs: [
      out('ORNO', 'A', 10, 'Order number'),
      out('ORTP', 'A', 3, 'Order type'),
      out('ORDT', 'D', 10, 'Order date'),
      out('STAT', 'A', 2, 'Order status'),
      out('FACI', 'A', 3, 'Facility'),
      out('CUOR', 'A', 20, 'Customers order number'),
      out('MODL', 'A', 3, 'Method of delivery'),
      out('TEDL', 'A', 3, 'Term of delivery'),
      out('YREF', 'A', 30, 'Reference at customer'),
      out('CUCD', 'A', 3, 'Currency code'),
      out('RLDT', 'D', 10, 'Requested delivery date'),
      out('ORSL', 'A', 2, 'Lowest status - Order'),
      out('ORST', 'A', 2, 'Highest status - Order'),
    ],
  },
  LstErrMsgOrder: {
    description: 'List error messages on order',
    inputs: [req('ORNO', 'Temporary order number', 'A', 10), CONO_IN],
    outputs: [
      out('LEVL', 'A', 2, 'Lowes level'),
      out('MDTA', 'A', 132, 'Error message'),
      out('TX60', 'A', 60, 'Error text'),
      out('MSID', 'A', 7, 'Message ID'),
    ],
  },
};
