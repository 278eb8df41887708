import { invalid } from '../mi/errors';

/**
 * GLS840MI AddBatchLine PARM, record type I1 (GL transaction), fixed positions as a public GLS840MI client
 * builds it: I1 · RNNO(9) · GRNR(8) · DIVI(3) · AIT1..AIT7(7×10) · CUCD(3) · CUAM(17, right-aligned) · ACDT(8) · VTXT(40).
 */
export interface GlLine {
  GRNR: string;
  DIVI: string;
  AIT: string[];
  CUCD: string;
  CUAM: number;
  ACDT: string;
  VTXT: string;
}

const FIELDS: Array<[name: string, length: number]> = [
  ['TYPE', 2],
  ['RNNO', 9],
  ['GRNR', 8],
  ['DIVI', 3],
  ['AIT1', 10],
  ['AIT2', 10],
  ['AIT3', 10],
  ['AIT4', 10],
  ['AIT5', 10],
  ['AIT6', 10],
  ['AIT7', 10],
  ['CUCD', 3],
  ['CUAM', 17],
  ['ACDT', 8],
  ['VTXT', 40],
];

export const I1_LENGTH = FIELDS.reduce((s, [, l]) => s + l, 0);

export function parseI1(parm: string): GlLine {
  const f: Record<string, string> = {};
  let pos = 0;
  for (const [name, length] of FIELDS) {
    f[name] = parm.slice(pos, pos + length).trim();
    pos += length;
  }
  if (f.TYPE !== 'I1') throw invalid('PARM', 'Record type');
  const amount = Number((f.CUAM ?? '').replace(',', '.'));
  if ((f.CUAM ?? '') === '' || !Number.isFinite(amount)) throw invalid('PARM', 'Amount');
  if (!/^\d{8}$/.test(f.ACDT ?? '')) throw invalid('PARM', 'Accounting date');
  if ((f.AIT1 ?? '') === '') throw invalid('PARM', 'Account');
  return {
    GRNR: f.GRNR ?? '',
    DIVI: f.DIVI ?? '',
    AIT: ['AIT1', 'AIT2', 'AIT3', 'AIT4', 'AIT5', 'AIT6', 'AIT7'].map((k) => f[k] ?? ''),
    CUCD: f.CUCD ?? '',
    CUAM: amount,
    ACDT: f.ACDT ?? '',
    VTXT: f.VTXT ?? '',
  };
}

/** Builds an I1 PARM (for clients and tests). */
export function formatI1(line: Omit<GlLine, 'AIT'> & { AIT: string[]; RNNO?: string }): string {
  const values: Record<string, string> = {
    TYPE: 'I1',
    RNNO: line.RNNO ?? '',
    GRNR: line.GRNR,
    DIVI: line.DIVI,
    CUCD: line.CUCD,
    ACDT: line.ACDT,
    VTXT: line.VTXT,
  };
  line.AIT.forEach((a, i) => (values[`AIT${i + 1}`] = a));
  return FIELDS.map(([name, length]) =>
    name === 'CUAM' ? line.CUAM.toFixed(2).padStart(length) : (values[name] ?? '').padEnd(length).slice(0, length),
  ).join('');
}
