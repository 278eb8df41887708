// Input field lengths of the MI transactions the services call (M3 14.x metadata, FORMAT-NOTES B 21–22).
// Values longer than the field are a mapping bug upstream: the MI client refuses them before calling
// (M3 would answer InputFieldTooLong, or silently cut the value where a gateway pads it).
export const miInputLengths: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze({
  'CRS610MI/Add': {
    CUTM: 10,
    CUNM: 36,
    CUA1: 36,
    CONO: 3,
    DIVI: 3,
    CUNO: 10,
    CUA2: 36,
    CUA3: 36,
    CUA4: 36,
    PONO: 10,
    PHNO: 16,
    YREF: 30,
    MAIL: 50,
    CSCD: 3,
    TOWN: 20,
  },
  'CRS610MI/ChgBasicData': {
    CUNO: 10,
    CONO: 3,
    DIVI: 3,
    CUNM: 36,
    CUA1: 36,
    CUA2: 36,
    CUA3: 36,
    CUA4: 36,
    PONO: 10,
    PHNO: 16,
    YREF: 30,
    MAIL: 50,
    CSCD: 3,
    TOWN: 20,
  },
  'CRS610MI/LstByName': { CONO: 3, CUNM: 36, LMTS: 18 },
  'OIS100MI/AddBatchHead': {
    CUNO: 10,
    CONO: 3,
    ORTP: 3,
    RLDT: 10,
    FACI: 3,
    CUOR: 20,
    MODL: 3,
    TEDL: 3,
    YREF: 30,
    CUCD: 3,
    WHLO: 3,
  },
  'OIS100MI/AddBatchLine': {
    ORNO: 10,
    ITNO: 15,
    CONO: 3,
    ORQT: 16,
    WHLO: 3,
    CUPO: 7,
    SAPR: 18,
    ALUN: 3,
    CUOR: 20,
    MODL: 3,
  },
  'MMS200MI/GetItmBasic': { ITNO: 15, CONO: 3, LNCD: 2 },
  'OIS100MI/LstBatchHead': { CUNO: 10, CONO: 3, ORSL: 2, ORST: 2 },
  'OIS100MI/LstBatchLine': { ORNO: 10, CONO: 3 },
  'OIS100MI/GetOrderNo': { ORNO: 10, CONO: 3 },
  'OIS100MI/LstErrMsgOrder': { ORNO: 10, CONO: 3 },
  'OIS100MI/DelBatchHead': { ORNO: 10, CONO: 3 },
  'OIS100MI/AddBatchAddress': {
    ORNO: 10,
    ADRT: 2,
    CONO: 3,
    CUNM: 36,
    CUA1: 36,
    CUA2: 36,
    CUA3: 36,
    CUA4: 36,
    PONO: 10,
    PHNO: 16,
    CSCD: 3,
    YREF: 30,
    MODL: 3,
    TEDL: 3,
    TOWN: 20,
  },
  'OIS100MI/Confirm': { ORNO: 10, CONO: 3, CTYP: 1 },
  'OIS100MI/LstHead': { CUNO: 10, CONO: 3, ORSL: 2, ORST: 2 },
  'GLS840MI/AddBatchHead': { CONO: 3, KEY1: 30, INTN: 15, DESC: 40, DIVI: 3 },
  'GLS840MI/AddBatchLine': { CONO: 3, KEY1: 30, LINE: 7, PARM: 500, DIVI: 3 },
  'GLS840MI/CtrlBatch': { CONO: 3, KEY1: 30, DIVI: 3 },
  'GLS840MI/UpdBatch': { CONO: 3, KEY1: 30, DIVI: 3 },
});

/** The first field whose value is longer (in characters, not UTF-16 units) than M3 allows. */
export function tooLong(
  operation: string,
  fields: Readonly<Record<string, string>>,
): { field: string; length: number; max: number } | undefined {
  const limits = miInputLengths[operation];
  if (!limits) return undefined;
  for (const [field, value] of Object.entries(fields)) {
    const max = limits[field];
    const length = [...value].length;
    if (max !== undefined && length > max) return { field, length, max };
  }
  return undefined;
}
