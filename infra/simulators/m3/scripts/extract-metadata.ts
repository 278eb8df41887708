/**
 * Copies the subset of M3 14.x MI metadata the simulator serves into data/mi-metadata.json, so the product
 * is self-contained at run time. Reads ../shared/reference/m3-mi-transactions-metadata-14x.json (beside the
 * repo clone). Run: `npx tsx infra/simulators/m3/scripts/extract-metadata.ts`.
 *
 * Input lengths are not in the source: each input takes the output length of the same field name in the same
 * transaction, else the same program, else any program, else INPUT_LENGTHS below; unknown stays null (not checked).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(
  new URL('../../../../../shared/reference/m3-mi-transactions-metadata-14x.json', import.meta.url),
);
const TARGET = fileURLToPath(new URL('../data/mi-metadata.json', import.meta.url));

const WANTED: Record<string, string[]> = {
  CRS610MI: ['Add', 'GetBasicData', 'LstByName', 'ChgBasicData', 'AddAddress', 'LstAddresses', 'GetAddress'],
  MMS200MI: ['GetItmBasic', 'LstItmByItm', 'GetItmWhsBal'],
  MMS060MI: ['List', 'LstBalID'],
  MMS005MI: ['GetWarehouse', 'LstWarehouses'],
  OIS100MI: ['AddBatchHead', 'AddBatchLine', 'AddBatchAddress', 'Confirm', 'GetHead', 'LstHead', 'GetLine', 'LstLine'],
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

/**
 * GLS840MI (Generic GL interface) is not in the 14.x file. Transactions and mandatory inputs from
 * GaryWayneSmith/M3H5 GLS840MIResource.cs (auto-generated 20240605, "Version Release: 15.x"). Lengths are
 * not published there: KEY1/INTN/DESC/PARM lengths below are the simulator's assumptions.
 */
const GLS840MI = {
  AddBatchHead: {
    description: 'Add data to FGLINH',
    inputs: [
      { name: 'CONO', description: 'Company', required: true, type: 'N', length: 3 },
      { name: 'KEY1', description: 'Key value', required: true, type: 'A', length: 30 },
      { name: 'INTN', description: 'Interface', required: true, type: 'A', length: 15 },
      { name: 'DESC', description: 'Description', required: true, type: 'A', length: 40 },
      { name: 'DIVI', description: 'Division', required: false, type: 'A', length: 3 },
      { name: 'USID', description: 'User', required: false, type: 'A', length: 10 },
    ],
    outputs: [],
  },
  AddBatchLine: {
    description: 'Add data to FGLINL',
    inputs: [
      { name: 'CONO', description: 'Company', required: true, type: 'N', length: 3 },
      { name: 'KEY1', description: 'Key value', required: true, type: 'A', length: 30 },
      { name: 'LINE', description: 'Line number', required: true, type: 'N', length: 7 },
      { name: 'PARM', description: 'Parameter value', required: true, type: 'A', length: 500 },
      { name: 'DIVI', description: 'Division', required: false, type: 'A', length: 3 },
    ],
    outputs: [],
  },
  CtrlBatch: {
    description: 'Run option 6 from GLS840',
    inputs: [
      { name: 'CONO', description: 'Company', required: true, type: 'N', length: 3 },
      { name: 'KEY1', description: 'Key value', required: true, type: 'A', length: 30 },
      { name: 'DIVI', description: 'Division', required: false, type: 'A', length: 3 },
    ],
    outputs: [],
  },
  UpdBatch: {
    description: 'Run option 9 from GLS840',
    inputs: [
      { name: 'CONO', description: 'Company', required: true, type: 'N', length: 3 },
      { name: 'KEY1', description: 'Key value', required: true, type: 'A', length: 30 },
      { name: 'DIVI', description: 'Division', required: false, type: 'A', length: 3 },
    ],
    outputs: [],
  },
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
out.GLS840MI = GLS840MI;

writeFileSync(
  TARGET,
  JSON.stringify(
    {
      _source: `Subset of ../shared/reference/m3-mi-transactions-metadata-14x.json (${src._source.slice(0, 60)}...); input lengths derived from output lengths; GLS840MI from M3H5 GLS840MIResource.cs (15.x), lengths assumed.`,
      programs: out,
    },
    null,
    1,
  ) + '\n',
);
console.log(`wrote ${TARGET}`);
