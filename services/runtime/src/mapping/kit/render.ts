// Renders mappings as Markdown for business review (npm run mappings:doc → docs/mappings.md).
import type { Mapping } from './define';
import type { Field, NullPolicy } from './field';
import type { Table } from './table';
import type { Transform } from './transform';

const code = (s: string): string => `\`${s.replaceAll('|', '\\|')}\``;
const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const anchor = (m: Mapping<never, unknown>): string => `#mapping-${m.info.name}`;
const show = (v: unknown): string => code(typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

function sourceCell(f: Field): string {
  const s = f.source;
  switch (s.kind) {
    case 'constant':
      return `constant ${show(s.value)}`;
    case 'none':
      return '(not sent)';
    case 'path':
      return s.path === '' ? '(the whole input)' : code(s.path);
    case 'nested':
      return `${s.path === '' ? 'the input' : code(s.path)} through [${s.mapping.info.title}](${anchor(s.mapping)})`;
    case 'each':
      return `each of ${code(s.path)} through [${s.mapping.info.title}](${anchor(s.mapping)})`;
  }
}

function policyCell(f: Field): string {
  const p: NullPolicy | undefined = f.policy;
  if (f.source.kind === 'constant' || f.source.kind === 'none') return '—';
  if (!p || p.kind === 'required') return `**reject**${p?.reason ? `: ${cell(p.reason)}` : ''}`;
  return p.kind === 'omit' ? 'leave out' : `use ${show(p.value)}`;
}

function stepsCell(f: Field): string {
  const parts = f.steps.flatMap((s) => (s.kind === 'via' ? [code(s.transform.name)] : []));
  return parts.length ? parts.join(' → ') : '—';
}

function transformsOf(m: Mapping<never, unknown>): Transform<never, unknown>[] {
  return Object.values(m.fields).flatMap((f) => f.steps.flatMap((s) => (s.kind === 'via' ? [s.transform] : [])));
}

export function renderMapping(m: Mapping<never, unknown>): string {
  const rows = Object.entries(m.fields).map(
    ([name, f]) => `| ${code(name)} | ${sourceCell(f)} | ${stepsCell(f)} | ${policyCell(f)} | ${cell(f.note ?? '')} |`,
  );
  const transforms = [...new Map(transformsOf(m).map((t) => [t.name, t])).values()];
  return [
    `<a id="mapping-${m.info.name}"></a>`,
    `## ${m.info.title}`,
    '',
    m.info.description,
    '',
    '| field | from | transforms | if empty | note |',
    '|---|---|---|---|---|',
    ...rows,
    ...(transforms.length
      ? ['', 'Transforms:', '', ...transforms.map((t) => `- ${code(t.name)}: ${t.description}`)]
      : []),
  ].join('\n');
}

function valueText(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? v : JSON.stringify(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x)).join(', ');
  return Object.entries(v as Record<string, unknown>)
    .map(
      ([k, x]) =>
        `${k}: ${x === null || x === undefined ? '—' : typeof x === 'object' ? JSON.stringify(x) : String(x as string)}`,
    )
    .join('; ');
}

function renderOtherwise(t: Table<unknown>): string {
  const o = t.otherwise;
  if (o.kind === 'identity') return `any other ${t.keyLabel} is used as it is`;
  if (o.kind === 'value') return `any other ${t.keyLabel} gives ${show(o.value)}`;
  return `any other ${t.keyLabel} is **rejected**${o.hint ? ` (${o.hint})` : ''}`;
}

export function renderTable(t: Table<unknown>): string {
  const rows = Object.entries(t.entries).map(([k, v]) => `| ${code(k)} | ${cell(valueText(v))} |`);
  return [
    `### Table: ${t.name}`,
    '',
    `${t.description} Edit in ${code(t.file)}; ${renderOtherwise(t)}.`,
    '',
    `| ${t.keyLabel} | ${t.valueLabel} |`,
    '|---|---|',
    ...rows,
  ].join('\n');
}

function tablesOf(mappings: readonly Mapping<never, unknown>[]): Table<unknown>[] {
  const tables = new Map<string, Table<unknown>>();
  for (const m of mappings) for (const t of transformsOf(m)) for (const tb of t.tables) tables.set(tb.name, tb);
  return [...tables.values()];
}

export function renderMappings(mappings: readonly Mapping<never, unknown>[], intro: string): string {
  return [intro, ...mappings.map(renderMapping), '## Tables', ...tablesOf(mappings).map(renderTable)]
    .join('\n\n')
    .concat('\n');
}

/** Mappings of one flow or service, under one heading. */
export interface MappingGroup {
  title: string;
  description: string;
  mappings: readonly Mapping<never, unknown>[];
}

/** The mappings group by group (`# <title>`), then every lookup table they read, once. */
export function renderMappingGroups(groups: readonly MappingGroup[], intro: string): string {
  const all = groups.flatMap((g) => g.mappings);
  const names = all.map((m) => m.info.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`two mappings are named "${twice}": names must be unique in the document`);
  return [
    intro,
    ...groups.flatMap((g) => [`# ${g.title}`, g.description, ...g.mappings.map(renderMapping)]),
    '# Tables',
    ...tablesOf(all).map(renderTable),
  ]
    .join('\n\n')
    .concat('\n');
}
