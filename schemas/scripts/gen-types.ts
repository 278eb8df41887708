// `npm run schemas:types`: renders every Avro type of schemas/ as TypeScript into schemas/types.ts, the shape
// avsc decodes (and encodes) with the registry client's default options: long/int/timestamp-millis →
// number, nullable → `T | null`, enums → string unions, unions wrapped in `{ '<branch>': … }` only where
// avsc's wrapUnions 'auto' wraps them (two branches of the same kind). schemas/test/types.test.ts fails
// when the checked-in file is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadSchemas, schemasDir, type AvroSchema, type SchemaCatalogue } from '../index';

export const typesFile = join(schemasDir, 'types.ts');

const PRIMITIVES: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  string: 'string',
  bytes: 'Buffer',
};

/** avsc's union buckets (getTypeBucket): two branches in one bucket make the union wrapped. */
const BUCKETS: Record<string, string> = {
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'buffer',
  fixed: 'buffer',
  enum: 'string',
  map: 'object',
  record: 'object',
  error: 'object',
};

/** Namespaces whose records all wrap a document the same way: one generic type serves them all. */
interface Envelope {
  namespace: string;
  name: string;
  document: string[];
  doc: string;
}

const ENVELOPES: Envelope[] = [
  {
    namespace: 'm3mage.cdc',
    name: 'Change',
    document: ['before', 'after'],
    doc: 'Any change-data envelope (every record of schemas/cdc): `before`/`after` hold the document.',
  },
];

type Node = string | AvroSchema | Node[];

interface Named {
  fullName: string;
  schema: AvroSchema;
}

const qualify = (name: string, ns: string | undefined): string => (name.includes('.') || !ns ? name : `${ns}.${name}`);
const NAMED_KINDS: readonly unknown[] = ['record', 'error', 'enum', 'fixed'];
const namespaceOf = (node: AvroSchema, ns: string | undefined): string | undefined =>
  typeof node.namespace === 'string' ? node.namespace : ns;
/** The full name of a named type's definition (`{ type: 'record', name, … }`), else undefined. */
const definedName = (node: AvroSchema, ns: string | undefined): string | undefined =>
  typeof node.name === 'string' && NAMED_KINDS.includes(node.type)
    ? qualify(node.name, namespaceOf(node, ns))
    : undefined;
const simpleName = (fullName: string): string => fullName.slice(fullName.lastIndexOf('.') + 1);

function jsDoc(lines: (string | undefined)[], indent: string): string {
  const text = lines.filter((l): l is string => !!l).map((l) => l.replace(/\*\//g, '*\\/'));
  if (text.length === 0) return '';
  if (text.length === 1) return `${indent}/** ${text[0]} */\n`;
  return `${indent}/**\n${text.map((l) => `${indent} * ${l}\n`).join('')}${indent} */\n`;
}

/** Renders the TypeScript of every named type reachable from the catalogue's records. */
export function renderTypeScript(catalogue: SchemaCatalogue): string {
  const topLevel = new Set(catalogue.names());
  const definitions = new Map<string, Named>();
  const bySimpleName = new Map<string, string>();

  function define(fullName: string, schema: AvroSchema): void {
    if (definitions.has(fullName)) return;
    const simple = simpleName(fullName);
    const other = bySimpleName.get(simple);
    if (other) throw new Error(`Avro types ${other} and ${fullName} would both be the TypeScript type ${simple}`);
    bySimpleName.set(simple, fullName);
    definitions.set(fullName, { fullName, schema });
  }

  // Walks one top-level type; named types of other files are references, not definitions.
  function collect(node: Node, ns: string | undefined, order: string[], root: string): void {
    if (typeof node === 'string') return;
    if (Array.isArray(node)) return node.forEach((n) => collect(n, ns, order, root));
    const fullName = definedName(node, ns);
    if (fullName) {
      if (fullName !== root && topLevel.has(fullName)) return;
      define(fullName, node);
      order.push(fullName);
      const fields = (node.fields as AvroSchema[] | undefined) ?? [];
      for (const f of fields) collect(f.type as Node, namespaceOf(node, ns), order, root);
      return;
    }
    if (typeof node.type === 'object') collect(node.type as Node, ns, order, root);
    if (node.items !== undefined) collect(node.items as Node, ns, order, root);
    if (node.values !== undefined) collect(node.values as Node, ns, order, root);
  }

  const order: string[] = [];
  for (const name of catalogue.names()) collect(catalogue.resolve(name), undefined, order, name);

  /** A reference to a named type, by its full name or by its name in the enclosing namespace. */
  function reference(name: string, ns: string | undefined): Named {
    const named = definitions.get(qualify(name, ns)) ?? definitions.get(name);
    if (!named) throw new Error(`unknown Avro type ${name}`);
    return named;
  }

  /** The Avro kind of a node (for union buckets) and its branch name in a wrapped union. */
  function kindOf(node: Node, ns: string | undefined): { kind: string; branch: string } {
    if (typeof node === 'string') {
      if (PRIMITIVES[node]) return { kind: node, branch: node };
      const named = reference(node, ns);
      return { kind: String(named.schema.type), branch: named.fullName };
    }
    if (Array.isArray(node)) return { kind: 'union', branch: 'union' };
    const fullName = definedName(node, ns);
    if (fullName) return { kind: node.type as string, branch: fullName };
    if (node.type === 'array' || node.type === 'map') return { kind: node.type, branch: node.type };
    return kindOf(node.type as Node, ns); // { type: 'long', logicalType: … }, { type: <name> }: the underlying type
  }

  function tsType(node: Node, ns: string | undefined): string {
    if (typeof node === 'string') return PRIMITIVES[node] ?? simpleName(reference(node, ns).fullName);
    if (Array.isArray(node)) return unionType(node, ns);
    const fullName = definedName(node, ns);
    if (fullName) return simpleName(fullName);
    if (node.type === 'array') return `${wrapArrayItem(tsType(node.items as Node, ns))}[]`;
    if (node.type === 'map') return `Record<string, ${tsType(node.values as Node, ns)}>`;
    return tsType(node.type as Node, ns); // { type: 'long', logicalType: … } and the like: the underlying type
  }

  const wrapArrayItem = (t: string): string => (/[|&]/.test(t) ? `(${t})` : t);

  function unionType(branches: Node[], ns: string | undefined): string {
    const kinds = branches.map((b) => kindOf(b, ns));
    const buckets = kinds.map((k) => BUCKETS[k.kind] ?? k.kind);
    const wrapped = new Set(buckets).size !== buckets.length;
    const types = branches.map((b, i) => {
      const t = tsType(b, ns);
      return wrapped && t !== 'null' ? `{ '${kinds[i]!.branch}': ${t} }` : t;
    });
    // `null` last, the way hand-written nullable types read.
    return [...types.filter((t) => t !== 'null'), ...types.filter((t) => t === 'null')].join(' | ');
  }

  function render({ fullName, schema }: Named): string {
    const ns = fullName.includes('.') ? fullName.slice(0, fullName.lastIndexOf('.')) : undefined;
    const name = simpleName(fullName);
    const doc = jsDoc([typeof schema.doc === 'string' ? schema.doc : undefined, `Avro \`${fullName}\`.`], '');
    if (schema.type === 'enum') {
      return `${doc}export type ${name} = ${(schema.symbols as string[]).map((s) => `'${s}'`).join(' | ')};\n`;
    }
    if (schema.type === 'fixed') return `${doc}export type ${name} = Buffer;\n`;
    const fields = (schema.fields as AvroSchema[]).map((f) => {
      const fieldDoc = jsDoc(
        [
          typeof f.doc === 'string' ? f.doc : undefined,
          'default' in f ? `@default ${JSON.stringify(f.default)}` : undefined,
        ],
        '  ',
      );
      return `${fieldDoc}  ${String(f.name)}: ${tsType(f.type as Node, ns)};\n`;
    });
    return `${doc}export interface ${name} {\n${fields.join('')}}\n`;
  }

  /**
   * The generic view of an envelope namespace: every record in it has the same fields, apart from the
   * document fields (`["null", <document>]`), which become `T | null`.
   */
  function renderEnvelope({ namespace, name, document, doc }: Envelope): string {
    const records = order.filter((n) => n.startsWith(`${namespace}.`)).map((n) => definitions.get(n)!.schema);
    if (records.length === 0) return '';
    const shape = (r: AvroSchema) =>
      JSON.stringify((r.fields as AvroSchema[]).map((f) => (document.includes(String(f.name)) ? f.name : f)));
    for (const r of records) {
      if (shape(r) !== shape(records[0]!)) throw new Error(`${namespace}.${String(r.name)} is not a ${name} envelope`);
    }
    const fields = (records[0]!.fields as AvroSchema[]).map((f) =>
      document.includes(String(f.name))
        ? `  ${String(f.name)}: T | null;\n`
        : `  ${String(f.name)}: ${tsType(f.type as Node, namespace)};\n`,
    );
    return `${jsDoc([doc], '')}export interface ${name}<T> {\n${fields.join('')}}\n`;
  }

  const header =
    '// Generated by schemas/scripts/gen-types.ts from schemas/**/*.avsc (`npm run schemas:types`): do not edit.\n' +
    '// The Avro records as avsc decodes them: long/int/timestamp-millis → number, decimals are strings.\n';
  return [header, ...order.map((n) => render(definitions.get(n)!)), ...ENVELOPES.map(renderEnvelope)]
    .filter((part) => part !== '')
    .join('\n');
}

/** The content schemas/types.ts must have: the rendered types, formatted by the repository's Prettier. */
export async function generateTypes(catalogue: SchemaCatalogue = loadSchemas()): Promise<string> {
  const options = (await resolveConfig(typesFile)) ?? {};
  return format(renderTypeScript(catalogue), { ...options, filepath: typesFile });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(typesFile, await generateTypes());
  console.log(`[schemas] wrote ${typesFile}`);
}
