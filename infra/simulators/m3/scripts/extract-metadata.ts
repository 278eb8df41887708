/**
 * Copies the subset of M3 14.x MI metadata the simulator serves into data/mi-metadata.json, so the product
 * is self-contained at run time. Reads ../shared/reference/m3-mi-transactions-metadata-14x.json (beside the
 * repo clone). Run: `npx tsx infra/simulators/m3/scripts/extract-metadata.ts`.
 *
 * Input lengths are not in the source: each input takes the output length of the same field name in the same
 * transaction, else the same program, else any program, else INPUT_LENGTHS below; unknown stays null (not checked).
 * Transactions the 14.x file lacks come from M3H5 by hand: GLS840MI and some OIS100MI batch-order ones from
 * ./m3h5-metadata.ts; MMS200MI LstItmByChgDate/GetItmPrice/LstItmPrice, CRS025MI, CRS035MI and OIS017MI from
 * ./m3h5-metadata-items.ts; MWS070MI ListTransByDate (M3H5) and MMS200MI LstItmWhsByWhgr (no public source,
 * the simulator's own) from ./m3h5-metadata-stock.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { GLS840MI, OIS100MI_BATCH } from './m3h5-metadata';
import { CRS025MI, CRS035MI, MMS200MI_ITEMS, OIS017MI } from './m3h5-metadata-items';
import { MMS200MI_WHS, MWS070MI } from './m3h5-metadata-stock';

const SOURCE = fileURLToPath(
  new URL('../../../../../shared/reference/m3-mi-transactions-metadata-14x.json', import.meta.url),
);
const TARGET = fileURLToPath(new URL('../data/mi-metadata.json', import.meta.url));

const WANTED: Record<string, string[]> = {
  CRS610MI: [
    'Add',
    'GetBasicData',
    'LstByName',
    'LstByNumber',
    'ChgBasicData',
    'AddAddress',
    'LstAddresses',
    'GetAddress',
  ],
  MMS200MI: ['GetItmBasic', 'LstItmByItm', 'GetItmWhsBal'],
  MMS060MI: ['List', 'LstBalID', 'LstSumQty'],
  MMS005MI: ['GetWarehouse', 'LstWarehouses'],
  OIS100MI: [
    'AddBatchHead',
    'AddBatchLine',
    'AddBatchAddress',
    'Confirm',
    'GetOrderNo',
    'GetHead',
    'LstHead',
    'GetLine',
    'LstLine',
  ],
  OIS350MI: ['LstInvHead', 'LstInvLine', 'GetInvHead'],
  MWS410MI: ['GetHead', 'LstPackages', 'LstItem'],
  GLS200MI: ['GetVoucherHead', 'LstVoucherLines'],
};

/** Lengths of inputs that never appear as outputs (M3 field standard lengths). */
const INPUT_LENGTHS: Record<string, { type: 'A' | 'N' | 'D'; length: number }> = {
  CUTM: { type: 'A', length: 10 },
  CTYP: { type: 'A', length: 1 },
  LMTS: { type: 'N', length: 18 },
  FSTY: { type: 'A', length: 15 },
  TSTY: { type: 'A', length: 15 },
  FWHL: { type: 'A', length: 3 },
  TWHL: { type: 'A', length: 3 },
  REPN: { type: 'N', length: 10 },
};

interface SrcField {
  name: string;
  type: string;
  length: number;
  description: string;
}
interface SrcInput {
  name: string;
  description: string;
  required: boolean;
  m3type_from_csharp: string;
}
interface SrcTx {
  description: string;
  inputs: SrcInput[];
  outputs?: SrcField[];
}
interface Src {
  _source: string;
  programs: Record<string, { transactions: Record<string, SrcTx> }>;
}

if (!existsSync(SOURCE)) {
  console.error(`metadata source not found at ${SOURCE}; data/mi-metadata.json left unchanged`);
  process.exit(1);
}
const src = JSON.parse(readFileSync(SOURCE, 'utf8')) as Src;

const anyProgram = new Map<string, SrcField>();
for (const p of Object.values(src.programs))
  for (const t of Object.values(p.transactions))
    for (const o of t.outputs ?? []) if (!anyProgram.has(o.name)) anyProgram.set(o.name, o);

const out: Record<string, Record<string, unknown>> = {};
for (const [program, transactions] of Object.entries(WANTED)) {
  const p = src.programs[program];
  if (!p) throw new Error(`${program} missing in source`);
  const sameProgram = new Map<string, SrcField>();
  for (const t of Object.values(p.transactions))
    for (const o of t.outputs ?? []) if (!sameProgram.has(o.name)) sameProgram.set(o.name, o);
  out[program] = {};
  for (const name of transactions) {
    const t = p.transactions[name];
    if (!t) throw new Error(`${program}/${name} missing in source`);
    const own = new Map((t.outputs ?? []).map((o) => [o.name, o]));
    out[program][name] = {
      description: t.description,
      inputs: t.inputs.map((i) => {
        const known = own.get(i.name) ?? sameProgram.get(i.name) ?? anyProgram.get(i.name) ?? INPUT_LENGTHS[i.name];
        return {
          name: i.name,
          description: i.description,
          required: i.required,
          type: known?.type ?? i.m3type_from_csharp.charAt(0),
          length: known?.length ?? null,
        };
      }),
      outputs: (t.outputs ?? []).map((o) => ({
        name: o.name,
        type: o.type,
        length: o.length,
        description: o.description,
      })),
    };
  }
}
// CRS610MI ChgAddress is not in the 14.x metadata: M3H5 CRS610MIResource.cs ("Modify customer address data",
// 5ea4) lists the inputs of AddAddress, mandatory CUNO, ADRT, ADID, CUA1 and CSCD (PONO and TOWN optional).
interface OutInput {
  name: string;
  required: boolean;
}
const addAddress = out.CRS610MI?.AddAddress as { inputs: OutInput[] } | undefined;
if (!out.CRS610MI || !addAddress) throw new Error('CRS610MI/AddAddress missing in source');
const CHG_ADDRESS_REQUIRED = new Set(['CUNO', 'ADRT', 'ADID', 'CUA1', 'CSCD']);
out.CRS610MI.ChgAddress = {
  description: 'Modify customer address data',
  inputs: addAddress.inputs.map((i) => ({ ...i, required: CHG_ADDRESS_REQUIRED.has(i.name) })),
  outputs: [],
};
out.OIS100MI = { ...out.OIS100MI, ...OIS100MI_BATCH };
out.GLS840MI = GLS840MI;
out.MMS200MI = { ...out.MMS200MI, ...MMS200MI_ITEMS, ...MMS200MI_WHS };
out.MWS070MI = MWS070MI;
out.CRS025MI = CRS025MI;
out.CRS035MI = CRS035MI;
out.OIS017MI = OIS017MI;

const json = JSON.stringify(
  {
    _source: `Subset of ../shared/reference/m3-mi-transactions-metadata-14x.json (${src._source.slice(0, 60)}...); input lengths derived from output lengths; OIS100MI DelBatchHead/LstBatchHead/LstBatchLine/GetBatchHead/LstErrMsgOrder from M3H5 OIS100MIResource.cs and *Response.cs (14.x); GLS840MI from M3H5 GLS840MIResource.cs (15.x), lengths assumed; MMS200MI LstItmByChgDate/GetItmPrice/LstItmPrice, CRS025MI, CRS035MI, OIS017MI from M3H5 *Resource.cs and *Response.cs; CRS610MI ChgAddress from M3H5 CRS610MIResource.cs (AddAddress's input lengths); MWS070MI ListTransByDate from M3H5 MWS070MIResource.cs and ListTransByDateResponse.cs (14.x); MMS200MI LstItmWhsByWhgr has no public source (simulator's own fields).`,
    programs: out,
  },
  null,
  2,
);
// Written as the repository's prettier formats it, so a regeneration diffs only in content.
writeFileSync(TARGET, await format(json, { ...(await resolveConfig(TARGET)), filepath: TARGET }));
console.log(`wrote ${TARGET}`);
