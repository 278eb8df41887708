import type { MiError } from './errors';
import type { OutputField, TransactionMeta } from './metadata';
import type { MiOptions, MiRecord } from './request';

export const MESSAGE_LENGTH = 132;

export interface V1Success {
  Program: string;
  Transaction: string;
  Metadata?: { Field: Array<{ '@name': string; '@type': string; '@length': number; '@description': string }> };
  MIRecord: Array<{ RowIndex: number; NameValue: Array<{ Name: string; Value: string }> }>;
}

/** Fields selected by `;returncols=` (metadata order), else all outputs. */
export function selectedFields(meta: TransactionMeta, options: MiOptions): OutputField[] {
  const cols = options.returncols;
  return cols ? meta.outputs.filter((f) => cols.includes(f.name)) : meta.outputs;
}

export function limit<T>(records: T[], maxrecs: number): T[] {
  return maxrecs === 0 ? records : records.slice(0, maxrecs);
}

/** Right-pads to the field length (M3 fixed-width values); longer values are cut as M3 stores them. */
export function pad(value: string, length: number): string {
  const chars = [...value];
  return chars.length >= length ? chars.slice(0, length).join('') : value + ' '.repeat(length - chars.length);
}

export function formatV1Success(meta: TransactionMeta, records: MiRecord[], options: MiOptions): V1Success {
  const fields = selectedFields(meta, options);
  const body: V1Success = { Program: meta.program, Transaction: meta.transaction } as V1Success;
  if (options.metadata) {
    const Field = fields.map((f) => ({
      '@name': f.name,
      '@type': f.type,
      '@length': f.length,
      '@description': f.description,
    }));
    Object.assign(body, { Metadata: { Field }, MIRecord: [] });
  }
  body.MIRecord = limit(records, options.maxrecs).map((r, RowIndex) => ({
    RowIndex,
    NameValue: fields
      .map((f) => ({ Name: f.name, Value: pad(r[f.name] ?? '', f.length) }))
      .filter((nv) => !options.excludempty || nv.Value.trim() !== ''),
  }));
  return body;
}

export function formatV1Error(error: MiError): Record<string, unknown> {
  const body: Record<string, unknown> = { Message: pad(error.message, MESSAGE_LENGTH), '@type': error.type };
  if (error.code !== undefined) body['@code'] = error.code;
  body['@cfg'] = null;
  if (error.field !== undefined) body['@field'] = error.field;
  return body;
}
