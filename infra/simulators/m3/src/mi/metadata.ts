import { readFileSync } from 'node:fs';

export type FieldType = 'A' | 'N' | 'D';

export interface OutputField {
  name: string;
  type: FieldType;
  length: number;
  description: string;
}

export interface InputField {
  name: string;
  description: string;
  required: boolean;
  type: FieldType;
  /** null when M3 does not publish it: the length is then not validated. */
  length: number | null;
}

export interface TransactionMeta {
  program: string;
  transaction: string;
  description: string;
  inputs: InputField[];
  outputs: OutputField[];
}

interface MetadataFile {
  programs: Record<string, Record<string, Omit<TransactionMeta, 'program' | 'transaction'>>>;
}

/** MI metadata (real M3 14.x names, mandatory inputs, output lengths) copied into data/ by scripts/extract-metadata.ts. */
export class MiMetadata {
  private readonly byKey = new Map<string, TransactionMeta>();

  constructor(file: MetadataFile) {
    for (const [program, transactions] of Object.entries(file.programs)) {
      for (const [transaction, t] of Object.entries(transactions)) {
        this.byKey.set(`${program}/${transaction}`, { program, transaction, ...t });
      }
    }
  }

  static load(): MiMetadata {
    const path = new URL('../../data/mi-metadata.json', import.meta.url);
    return new MiMetadata(JSON.parse(readFileSync(path, 'utf8')) as MetadataFile);
  }

  get(program: string, transaction: string): TransactionMeta | undefined {
    return this.byKey.get(`${program}/${transaction}`);
  }

  list(): TransactionMeta[] {
    return [...this.byKey.values()];
  }
}
