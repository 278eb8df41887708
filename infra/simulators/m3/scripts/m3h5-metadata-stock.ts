/**
 * Stock transactions the 14.x reference file lacks. MWS070MI is written out from GaryWayneSmith/M3H5 as
 * ./m3h5-metadata.ts does (`M3H5Lib.Api/MWS070MIResource.cs` for description and inputs,
 * `M3H5Lib.Api/MWS070MI/ListTransByDateResponse.cs` for the outputs, in M3H5's order). MMS200MI LstItmWhsByWhgr
 * has **no public source**: its fields are the simulator's choice (see the comment on it).
 */
import { opt, out, req, type InlineTransaction } from './m3h5-metadata';

/**
 * MWS070MI "Stock transaction history interface" (MITTRA), `MWS070MIResource.cs` ("Version Release: 14.x"):
 * ListTransByDate [WHLO, RGDT "Entry date"] (+CONO, RGTM "Entry time", ITNO "Item"). RGDT is a DateTime (yyyyMMdd),
 * RGTM an int (HHmmss). All 65 outputs as M3H5 publishes them (TMSX "Time suffix" N3, NSTQ "New on-hand balance").
 */
export const MWS070MI: Record<string, InlineTransaction> = {
  ListTransByDate: {
    description: 'List stock transactions by date',
    inputs: [
      req('WHLO', 'Warehouse', 'A', 3),
      req('RGDT', 'Entry date', 'D', 10),
      opt('CONO', 'Company', 'N', 3),
      opt('RGTM', 'Entry time', 'N', 6),
      opt('ITNO', 'Item', 'A', 15),
    ],
    outputs: [
      out('CONO', 'N', 3, 'Company'),
      out('WHLO', 'A', 3, 'Warehouse'),
      out('ITNO', 'A', 15, 'Item number'),
      out('RGDT', 'D', 10, 'Entry date'),
      out('RGTM', 'N', 6, 'Entry time'),
      out('TMSX', 'N', 3, 'Time suffix'),
      out('TRDT', 'D', 10, 'Transaction date'),
      out('TRTM', 'N', 6, 'Transaction time'),
      out('RESP', 'A', 10, 'Responsible'),
      out('TTID', 'A', 3, 'Transaction identity'),
      out('TRTP', 'A', 3, 'Order type'),
      out('TTYP', 'N', 2, 'Stock transaction type'),
      out('SLTP', 'A', 2, 'Stock zone'),
      out('WHSL', 'A', 10, 'Location'),
      out('BANO', 'A', 20, 'Lot number'),
      out('CAMU', 'A', 20, 'Container'),
      out('BREF', 'A', 20, 'Lot reference 1'),
      out('BRE2', 'A', 20, 'Lot reference 2'),
      out('RIDN', 'A', 10, 'Order number'),
      out('RIDO', 'N', 6, 'Order operation'),
      out('RIDL', 'N', 6, 'Order line'),
      out('RIDX', 'N', 3, 'Line suffix'),
      out('RIDI', 'N', 11, 'Delivery number'),
      out('PLSX', 'N', 3, 'Picking list suffix'),
      out('RFTX', 'A', 40, 'Reference text'),
      out('RORC', 'N', 1, 'Reference order category'),
      out('RORN', 'A', 10, 'Reference order number'),
      out('RORL', 'N', 6, 'Reference order line'),
      out('RORX', 'N', 3, 'Line suffix'),
      out('PRMF', 'A', 10, 'Process manufacturing order number'),
      out('RPRT', 'N', 1, 'Representative transaction'),
      out('ECVE', 'A', 4, 'Revision number'),
      out('STAS', 'A', 1, 'Status - balance ID'),
      out('TRQT', 'N', 17, 'Transaction quantity - basic U/M'),
      out('NSTQ', 'N', 17, 'New on-hand balance'),
      out('NSTT', 'N', 17, 'New on-hand balance per transaction date'),
      out('REPN', 'N', 10, 'Receiving number'),
      out('INER', 'N', 1, 'Physical inventory error'),
      out('TUPC', 'N', 1, 'Updating code for transaction'),
      out('TRPR', 'N', 18, 'Inventory accounting price'),
      out('ACRF', 'A', 8, 'User-defined accounting control object'),
      out('ANBR', 'N', 12, 'Accounting number'),
      out('MFCO', 'N', 19, 'Acquisition cost'),
      out('STNO', 'N', 17, 'Total on-hand balance'),
      out('PROJ', 'A', 7, 'Project number'),
      out('ELNO', 'A', 8, 'Project element'),
      out('RSCD', 'A', 3, 'Transaction reason'),
      out('CAWE', 'N', 17, 'Catchweight'),
      out('CNDA', 'D', 10, 'Consumption date'),
      out('ADCU', 'N', 4, 'Expiration time adjustment - days'),
      out('NHAI', 'A', 15, 'Next item number'),
      out('NHSN', 'A', 20, 'Next serial number'),
      out('BIRT', 'N', 10, 'Origin identity'),
      out('INDI', 'N', 1, 'Lot control method'),
      out('CFGL', 'A', 15, 'Configuration position'),
      out('LOCH', 'N', 1, 'Location history'),
      out('DEID', 'N', 7, 'Complaint'),
      out('ATNR', 'N', 17, 'Attribute number'),
      out('ATNB', 'N', 17, 'Attribute number lot'),
      out('CDTP', 'N', 1, 'Cross dock type'),
      out('TRQA', 'N', 17, 'Transaction quantity in alt U/M'),
      out('STCD', 'N', 1, 'Inventory accounting'),
      out('SUDO', 'A', 20, 'Delivery note number'),
      out('UPIS', 'N', 1, 'Update INTRASTAT'),
      out('PANR', 'A', 20, 'Package number'),
    ],
  },
};

/**
 * MMS200MI LstItmWhsByWhgr "List item/warehouse balances by warehouse group": **not found** in the 14.x file,
 * in M3H5 or in any public page searched, so everything here is the simulator's choice. Inputs: WHGR
 * "Warehouse group" (as MMS080MI LstItemWarehous names it; A3 assumed), SLFR/SLTO "Status from/to" (item status,
 * A2 as STAT), INZO "Include zero balance" (N1, 1 = yes). Outputs: the GetItmWhsBal quantities with their
 * GetItmWhsBal lengths and descriptions, the change date LMDT, the last stock transaction TRDT/TRTM, the
 * warehouse time zone TIZO/TGMT (MMS005MI lengths) and the item's STAT and ITDS (GetItmBasic lengths).
 */
export const MMS200MI_WHS: Record<string, InlineTransaction> = {
  LstItmWhsByWhgr: {
    description: 'List item warehouse balances by warehouse group (simulator)',
    inputs: [
      opt('CONO', 'Company', 'N', 3),
      req('WHGR', 'Warehouse group', 'A', 3),
      opt('SLFR', 'Status from', 'A', 2),
      opt('SLTO', 'Status to', 'A', 2),
      opt('INZO', 'Include zero balance', 'N', 1),
    ],
    outputs: [
      out('CONO', 'N', 3, 'Company'),
      out('WHLO', 'A', 3, 'Warehouse'),
      out('ITNO', 'A', 15, 'Item number'),
      out('ITDS', 'A', 30, 'Name'),
      out('STAT', 'A', 2, 'Status'),
      out('STQT', 'N', 17, 'On-hand balance approved'),
      out('QUQT', 'N', 17, 'On-hand balance for inspection'),
      out('RJQT', 'N', 17, 'Rejected on-hand balance'),
      out('ALQT', 'N', 17, 'Allocated quantity - basic U/M'),
      out('AV01', 'N', 17, 'Allocatable net'),
      out('AVAL', 'N', 17, 'Allocatable on-hand balance'),
      out('PLQT', 'N', 17, 'Picking list quantity - basic U/M'),
      out('ORQT', 'N', 17, 'Ordered quantity - basic U/M'),
      out('REQT', 'N', 17, 'Reserved quantity'),
      out('RLQT', 'N', 17, 'Reserved quantity to backorder'),
      out('AV02', 'N', 17, 'Available inventory'),
      out('LMDT', 'D', 10, 'Change date'),
      out('TRDT', 'D', 10, 'Transaction date'),
      out('TRTM', 'N', 6, 'Transaction time'),
      out('TIZO', 'A', 5, 'Time zone'),
      out('TGMT', 'N', 4, 'Number of hours from UTC'),
      out('FACI', 'A', 3, 'Facility'),
    ],
  },
};
