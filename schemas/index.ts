// Loads the Avro schemas of this folder (one named type per .avsc file) and resolves a record into a
// self-contained schema: every named type it references from another file is inlined at its first use,
// so the registry gets one schema per subject without references.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type AvroSchema = Record<string, unknown>;

export const schemasDir = resolve(import.meta.dirname);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === 'node_modules' || f === 'test') return [];
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.avsc') ? [p] : [];
  });
}

function fullName(s: AvroSchema): string {
  const name = String(s.name);
  return name.includes('.') || typeof s.namespace !== 'string' ? name : `${s.namespace}.${name}`;
}

export interface SchemaCatalogue {
  names(): string[];
  /** The self-contained schema of a named type (e.g. 'm3mage.cdc.MagentoOrderChange'). */
  resolve(name: string): AvroSchema;
  file(name: string): string;
}

export function loadSchemas(dir: string = schemasDir): SchemaCatalogue {
  const byName = new Map<string, { schema: AvroSchema; file: string }>();
  for (const file of walk(dir)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as AvroSchema;
    const name = fullName(schema);
    if (byName.has(name)) throw new Error(`Avro type ${name} is defined twice (${file})`);
    byName.set(name, { schema, file });
  }

  function inline(node: unknown, defined: Set<string>, namespace: string | undefined): unknown {
    if (typeof node === 'string') {
      const qualified = node.includes('.') ? node : undefined;
      if (qualified && byName.has(qualified) && !defined.has(qualified)) {
        return inline(structuredClone(byName.get(qualified)!.schema), defined, undefined);
      }
      return node;
    }
    if (Array.isArray(node)) return node.map((n) => inline(n, defined, namespace));
    if (node && typeof node === 'object') {
      const obj = { ...(node as AvroSchema) };
      const ns = typeof obj.namespace === 'string' ? obj.namespace : namespace;
      if (typeof obj.name === 'string' && ['record', 'enum', 'fixed'].includes(String(obj.type))) {
        const n = obj.name.includes('.') || !ns ? obj.name : `${ns}.${obj.name}`;
        defined.add(n);
        if (ns && !obj.namespace) obj.namespace = ns;
      }
      if (Array.isArray(obj.fields)) {
        obj.fields = (obj.fields as AvroSchema[]).map((f) => ({ ...f, type: inline(f.type, defined, ns) }));
      }
      if (obj.items !== undefined) obj.items = inline(obj.items, defined, ns);
      if (obj.values !== undefined) obj.values = inline(obj.values, defined, ns);
      if (typeof obj.type === 'object' && obj.type !== null) obj.type = inline(obj.type, defined, ns);
      return obj;
    }
    return node;
  }

  return {
    names: () => [...byName.keys()].sort(),
    file: (name) => {
      const e = byName.get(name);
      if (!e) throw new Error(`no Avro type named ${name} in ${dir}`);
      return e.file;
    },
    resolve(name) {
      const e = byName.get(name);
      if (!e) throw new Error(`no Avro type named ${name} in ${dir}`);
      return inline(structuredClone(e.schema), new Set(), undefined) as AvroSchema;
    },
  };
}
