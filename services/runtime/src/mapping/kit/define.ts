// defineMapping: a table of target fields; map() evaluates every field and reports every problem at once.
import { Field, type NullPolicy } from './field';
import { getPath, isEmpty } from '../path';
import { Rejection, prefixNotes, prefixProblems, type MapResult, type Note, type Problem } from './problems';

export interface MappingInfo {
  /** Stable id, used in docs and golden test folders. */
  name: string;
  title: string;
  description: string;
}

export type FieldTable<Out> = { readonly [K in keyof Out]-?: Field<true> };

export interface Mapping<In, Out> {
  readonly info: MappingInfo;
  readonly fields: Readonly<Record<string, Field<true>>>;
  map(input: In): MapResult<Out>;
}

type Outcome = { kind: 'value'; value: unknown } | { kind: 'omitted' } | { kind: 'problems'; problems: Problem[] };

const isEmptyValue = (v: unknown): boolean => isEmpty(v) || (Array.isArray(v) && v.length === 0);

function describeSource(field: Field): string {
  const s = field.source;
  if (s.kind === 'constant' || s.kind === 'none') return 'constant';
  return s.path === '' ? 'the input' : `'${s.path}'`;
}

function onEmpty(policy: NullPolicy | undefined, field: Field, name: string): Outcome {
  if (!policy || policy.kind === 'required') {
    const reason = policy?.reason ?? `${describeSource(field)} is empty, and ${name} is required`;
    return { kind: 'problems', problems: [{ field: name, reason }] };
  }
  return policy.kind === 'omit' ? { kind: 'omitted' } : { kind: 'value', value: policy.value };
}

/** Where a field's transforms and nested mappings leave their notes (e.g. a card number masked). */
type Notes = Note[];

function read(field: Field, input: unknown, name: string, notes: Notes): Outcome {
  const s = field.source;
  if (s.kind === 'constant') return { kind: 'value', value: s.value };
  if (s.kind === 'none') return { kind: 'value', value: undefined };
  const raw = getPath(input, s.path);
  if (s.kind === 'path' || isEmptyValue(raw)) return { kind: 'value', value: raw };
  if (s.kind === 'nested') {
    const r = s.mapping.map(raw as never);
    notes.push(...prefixNotes(name, r.notes));
    return r.ok ? { kind: 'value', value: r.value } : { kind: 'problems', problems: prefixProblems(name, r.problems) };
  }
  if (!Array.isArray(raw))
    return { kind: 'problems', problems: [{ field: name, reason: `'${s.path}' is not a list` }] };
  const values: unknown[] = [];
  const problems: Problem[] = [];
  raw.forEach((el, i) => {
    const r = s.mapping.map(el as never);
    notes.push(...prefixNotes(`${name}[${i}]`, r.notes));
    if (r.ok) values.push(r.value);
    else problems.push(...prefixProblems(`${name}[${i}]`, r.problems));
  });
  return problems.length ? { kind: 'problems', problems } : { kind: 'value', value: values };
}

function evaluate(field: Field, input: unknown, name: string, notes: Notes): Outcome {
  const first = read(field, input, name, notes);
  if (first.kind !== 'value') return first;
  let value = first.value;
  for (const step of field.steps) {
    if (step.kind === 'policy') {
      if (!isEmptyValue(value)) continue;
      const handled = onEmpty(field.policy, field, name);
      if (handled.kind !== 'value') return handled;
      value = handled.value;
      continue;
    }
    if (isEmptyValue(value)) continue;
    try {
      value = step.transform.apply(value as never, (kind) => notes.push({ field: name, kind }));
    } catch (err) {
      if (err instanceof Rejection) return { kind: 'problems', problems: [{ field: name, reason: err.reason }] };
      throw err;
    }
  }
  return isEmptyValue(value) ? onEmpty(field.policy, field, name) : { kind: 'value', value };
}

export function defineMapping<In, Out>(fields: FieldTable<Out>, info: MappingInfo): Mapping<In, Out> {
  const table = fields as unknown as Record<string, Field<true>>;
  return Object.freeze({
    info,
    fields: table,
    map(input: In): MapResult<Out> {
      const out: Record<string, unknown> = {};
      const problems: Problem[] = [];
      const notes: Notes = [];
      for (const [name, field] of Object.entries(table)) {
        const r = evaluate(field, input, name, notes);
        if (r.kind === 'value') out[name] = r.value;
        else if (r.kind === 'problems') problems.push(...r.problems);
      }
      const noted = notes.length ? { notes } : {};
      return problems.length ? { ok: false, problems, ...noted } : { ok: true, value: out as Out, ...noted };
    },
  });
}
