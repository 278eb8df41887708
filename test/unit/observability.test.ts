// No Prometheus or Grafana runs here either, so the alerting rules and the dashboard are checked against the code:
// every metric and label their PromQL queries is one the runtime registers (read from createMetrics' registry),
// the breaker rule uses BreakerStateValue, and docker-compose.yml mounts every file Prometheus and Grafana read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BreakerStateValue, METRIC_NAMES, createMetrics } from '@m3mage/runtime';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(resolve(root, path), 'utf8');

// ---- the files under test -------------------------------------------------------------------------------------

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const alerts = parse(read('infra/prometheus/alerts.yml')) as { groups: Array<{ name: string; rules: Rule[] }> };
const rules = alerts.groups.flatMap((g) => g.rules);

interface Target {
  refId: string;
  expr?: string;
  legendFormat?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
  fieldConfig?: { defaults?: { mappings?: Array<{ type: string; options: Record<string, { text?: string }> }> } };
}
const DASHBOARD = 'infra/grafana/dashboards/pipeline.json';
const dashboard = JSON.parse(read(DASHBOARD)) as { uid: string; title: string; panels: Panel[] };
const allPanels = (ps: Panel[]): Panel[] => ps.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
const panels = allPanels(dashboard.panels);
const queries = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p, target: t })));

interface PrometheusConfig {
  global?: { scrape_interval?: string };
  rule_files?: string[];
  scrape_configs: Array<{
    job_name: string;
    static_configs: Array<{ targets: string[]; labels?: Record<string, string> }>;
  }>;
}
const PROMETHEUS_CONFIG = 'infra/prometheus/prometheus.yml';
const prometheus = parse(read(PROMETHEUS_CONFIG)) as PrometheusConfig;
const jobs = prometheus.scrape_configs.map((c) => c.job_name);

interface ComposeService {
  image?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, unknown>;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

// ---- what the services expose ----------------------------------------------------------------------------------

// The registry a service gets: createMetrics with Node's default metrics, as the runtime's service context does.
const registry = createMetrics({ service: 'observability-test' }).registry;
const families = new Map(
  registry.getMetricsAsArray().map((m) => {
    const labelNames = (m as unknown as { labelNames?: readonly string[] }).labelNames ?? [];
    return [m.name, { type: String(m.type), labels: labelNames }] as const;
  }),
);
/** Labels Prometheus attaches to every scraped series (no relabelling in prometheus.yml). */
const targetLabels = [
  'job',
  'instance',
  ...prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => Object.keys(s.labels ?? {}))),
];

/** The labels of a series as Prometheus stores it, or undefined when no service exposes that series name. */
function seriesLabels(name: string): Set<string> | undefined {
  if (name === 'up') return new Set(targetLabels);
  const own = (labels: readonly string[], extra: string[] = []): Set<string> =>
    new Set([...labels, ...extra, ...targetLabels]);
  const family = families.get(name);
  if (family && family.type !== 'histogram' && family.type !== 'summary') return own(family.labels);
  if (family?.type === 'summary') return own(family.labels, ['quantile']);
  const m = /^(.+)_(bucket|sum|count)$/.exec(name);
  const base = m && families.get(m[1]!);
  if (!base || (base.type !== 'histogram' && base.type !== 'summary')) return undefined;
  if (m[2] === 'bucket') return base.type === 'histogram' ? own(base.labels, ['le']) : undefined;
  return own(base.labels);
}

// ---- a small PromQL reader: selectors, matchers, grouping clauses --------------------------------------------

const AGGREGATIONS = ['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values'];
const FUNCTIONS = new Set([
  ...AGGREGATIONS,
  ...['bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio', 'abs', 'absent', 'absent_over_time', 'ceil'],
  ...['changes', 'clamp', 'clamp_max', 'clamp_min', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month'],
  ...['delta', 'deriv', 'exp', 'floor', 'histogram_avg', 'histogram_count', 'histogram_fraction'],
  ...['histogram_quantile', 'histogram_stddev', 'histogram_stdvar', 'histogram_sum', 'hour', 'idelta', 'increase'],
  ...['irate', 'label_join', 'label_replace', 'ln', 'log2', 'log10', 'minute', 'month', 'predict_linear', 'rate'],
  ...['resets', 'round', 'scalar', 'sgn', 'sort', 'sort_desc', 'sqrt', 'time', 'timestamp', 'vector', 'year'],
  ...['avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'quantile_over_time'],
  ...['stddev_over_time', 'stdvar_over_time', 'last_over_time', 'present_over_time', 'mad_over_time'],
]);
const BINARY_KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'atan2']);
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

type TokenKind = 'string' | 'range' | 'ident' | 'number' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
}
// Ranges and subqueries ([5m], [$__rate_interval], [30m:1m]) are one token: nothing in them names a series.
const LEXEME =
  /\s+|#[^\n]*|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`)|(\[[^\]]*\])|([A-Za-z_:][\w:]*)|(\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|[smhdwy])?|\.\d+)|(==|!=|=~|!~|>=|<=|[-+*/%^<>=(){},@])/y;

function lex(expr: string): Token[] {
  const tokens: Token[] = [];
  const kinds: TokenKind[] = ['string', 'range', 'ident', 'number', 'punct'];
  LEXEME.lastIndex = 0;
  while (LEXEME.lastIndex < expr.length) {
    const at = LEXEME.lastIndex;
    const m = LEXEME.exec(expr);
    if (!m) throw new Error(`cannot read PromQL at "${expr.slice(at, at + 20)}" in: ${expr}`);
    const group = kinds.findIndex((_, i) => m[i + 1] !== undefined);
    if (group >= 0) tokens.push({ kind: kinds[group]!, text: m[group + 1]! });
  }
  return tokens;
}

interface Selector {
  name: string | undefined;
  at: number;
  matchers: Array<{ label: string; op: string; value: string }>;
}
interface Grouping {
  keyword: string;
  labels: string[];
  /** token range whose selectors must carry the labels */
  from: number;
  to: number;
}
interface Query {
  selectors: Selector[];
  groupings: Grouping[];
  functions: string[];
}

function readPromQL(expr: string): Query {
  const tokens = lex(expr);
  const tok = (i: number): Token | undefined => tokens[i];
  const is = (i: number, text: string): boolean => tok(i)?.kind === 'punct' && tok(i)?.text === text;
  const match = new Map<number, number>();
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (t.text === '(') open.push(i);
    if (t.text === ')') {
      const o = open.pop();
      if (o === undefined) throw new Error(`unbalanced ")" in: ${expr}`);
      match.set(o, i).set(i, o);
    }
  });
  if (open.length) throw new Error(`unbalanced "(" in: ${expr}`);
  const closeOf = (i: number): number => match.get(i) ?? -1;

  const query: Query = { selectors: [], groupings: [], functions: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '{') {
      const prev = query.selectors.at(-1);
      const selector = prev && prev.at === i - 1 ? prev : { name: undefined, at: i, matchers: [] };
      if (selector !== prev) query.selectors.push(selector);
      for (i += 1; !is(i, '}'); i++) {
        if (is(i, ',')) continue;
        const [label, op, value] = [tok(i), tok(i + 1), tok(i + 2)];
        if (label?.kind !== 'ident' || op?.kind !== 'punct' || value?.kind !== 'string')
          throw new Error(`bad label matcher in: ${expr}`);
        selector.matchers.push({ label: label.text, op: op.text, value: value.text.slice(1, -1) });
        i += 2;
      }
      continue;
    }
    if (t.kind !== 'ident') continue;
    const word = t.text.toLowerCase();
    if (BINARY_KEYWORDS.has(word) || word === 'inf' || word === 'nan') continue;
    if (word === 'offset') {
      i += is(i + 1, '-') ? 2 : 1;
      continue;
    }
    if (GROUPING.has(word)) {
      if (!is(i + 1, '(')) continue; // group_left without labels
      const close = closeOf(i + 1);
      const labels = tokens.slice(i + 2, close).filter((x) => x.kind === 'ident');
      let [from, to] = [0, tokens.length - 1]; // on/ignoring/group_*: both sides of the operator
      if (word === 'by' || word === 'without') {
        if (tok(i - 1)?.kind === 'ident' && is(close + 1, '(')) [from, to] = [close + 1, closeOf(close + 1)];
        else if (is(i - 1, ')')) [from, to] = [closeOf(i - 1), i - 1];
        else throw new Error(`"${word}" without an aggregation in: ${expr}`);
      }
      query.groupings.push({ keyword: word, labels: labels.map((x) => x.text), from, to });
      i = close;
      continue;
    }
    const next = tok(i + 1);
    const aggregation = next?.kind === 'ident' && ['by', 'without'].includes(next.text.toLowerCase());
    if (is(i + 1, '(') || aggregation) query.functions.push(t.text);
    else query.selectors.push({ name: t.text, at: i, matchers: [] });
  }
  return query;
}

/** Everything wrong with one query: unknown functions, series, labels (matchers, grouping, legend), jobs. */
function problemsOf(expr: string, legend = ''): string[] {
  const problems: string[] = [];
  let q: Query;
  try {
    q = readPromQL(expr);
  } catch (e) {
    return [(e as Error).message];
  }
  for (const f of q.functions) if (!FUNCTIONS.has(f)) problems.push(`unknown function ${f}()`);
  if (!q.selectors.length) problems.push('queries no metric');
  const labelsOf = new Map<Selector, Set<string>>();
  for (const s of q.selectors) {
    const labels = s.name === undefined ? undefined : seriesLabels(s.name);
    if (!labels) {
      problems.push(`${s.name ?? '{…}'} is not a metric the services expose`);
      continue;
    }
    labelsOf.set(s, labels);
    for (const m of s.matchers) {
      if (!labels.has(m.label)) problems.push(`${s.name!} has no label ${m.label}`);
      if (m.label === 'job' && m.op === '=' && !jobs.includes(m.value)) problems.push(`no scrape job ${m.value}`);
    }
  }
  for (const g of q.groupings) {
    for (const s of q.selectors.filter((x) => x.at >= g.from && x.at <= g.to)) {
      const labels = labelsOf.get(s);
      for (const l of g.labels)
        if (labels && !labels.has(l)) problems.push(`${g.keyword} (${l}): ${s.name!} has no ${l}`);
    }
  }
  for (const [, l] of legend.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)) {
    for (const [s, labels] of labelsOf) if (!labels.has(l!)) problems.push(`legend {{${l!}}}: ${s.name!} has no ${l!}`);
  }
  return problems;
}

const metricsOf = (expr: string): string[] =>
  readPromQL(expr).selectors.flatMap((s) => (s.name === undefined ? [] : [s.name]));
const familyOf = (series: string): string =>
  families.has(series) ? series : series.replace(/_(bucket|sum|count)$/, '');

// ---- the tests -------------------------------------------------------------------------------------------------

describe('the PromQL check itself', () => {
  it('passes a correct query and names each kind of mistake', () => {
    expect(problemsOf('sum by (service, topic) (rate(pipeline_dlq_total{code="X"}[5m]))', '{{service}}')).toEqual([]);
    expect(problemsOf('sum by (service) (rate(pipeline_dlq_totl[5m]))')).toEqual([
      'pipeline_dlq_totl is not a metric the services expose',
    ]);
    expect(problemsOf('sum by (system) (rate(pipeline_dlq_total[5m]))')).toEqual([
      'by (system): pipeline_dlq_total has no system',
    ]);
    expect(problemsOf('sum(rate(pipeline_dlq_total[5m])) by (service, sytem)')).toEqual([
      'by (sytem): pipeline_dlq_total has no sytem',
    ]);
    expect(problemsOf('pipeline_breaker_state{group="m3"}')).toEqual(['pipeline_breaker_state has no label group']);
    expect(problemsOf('rate(pipeline_handler_seconds[5m])')).toEqual([
      'pipeline_handler_seconds is not a metric the services expose',
    ]);
    expect(problemsOf('pipeline_retry_total_bucket')).toEqual([
      'pipeline_retry_total_bucket is not a metric the services expose',
    ]);
    expect(problemsOf('histogram_quantile(0.9, sum by (le) (rate(pipeline_handler_seconds_bucket[5m])))')).toEqual([]);
    expect(problemsOf('histogram_quantile(0.9, sum by (le) (rate(pipeline_handler_seconds_sum[5m])))')).toEqual([
      'by (le): pipeline_handler_seconds_sum has no le',
    ]);
    expect(problemsOf('up{job="nope"} == 0')).toEqual(['no scrape job nope']);
    expect(problemsOf('pipeline_consumer_lag', '{{service}}')).toEqual([
      'legend {{service}}: pipeline_consumer_lag has no service',
    ]);
    expect(problemsOf('rates(pipeline_dlq_total[5m])')).toEqual(['unknown function rates()']);
  });

  it('knows the series of every runtime metric, histogram suffixes included', () => {
    for (const name of METRIC_NAMES) expect(families.get(name)?.labels.length, name).toBeGreaterThan(0);
    expect(seriesLabels('pipeline_external_call_seconds_bucket')).toEqual(
      new Set(['system', 'operation', 'status', 'le', ...targetLabels]),
    );
    expect(seriesLabels('pipeline_external_call_seconds_count')?.has('le')).toBe(false);
    expect(seriesLabels('process_resident_memory_bytes')).toBeDefined();
  });
});

describe('alerting rules (infra/prometheus/alerts.yml)', () => {
  it('are alerts with a unique name, a duration, a severity and annotations telling the operator what to do', () => {
    expect(rules.length).toBeGreaterThan(0);
    const names = rules.map((r) => r.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const r of rules) {
      // Recording rules would need their output labels modelled here; there are none.
      expect(r.alert, `recording rule ${r.record ?? ''}`).toMatch(/^Pipeline[A-Z]\w+$/);
      if (r.for !== undefined) expect(r.for, r.alert).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning', 'info'], r.alert).toContain(r.labels?.severity);
      expect(r.annotations?.summary?.length, `${r.alert!} summary`).toBeGreaterThan(10);
      expect(r.annotations?.description?.length, `${r.alert!} description`).toBeGreaterThan(80);
      const kept = outputLabels(r.expr);
      for (const text of [r.annotations!.summary!, r.annotations!.description!]) {
        for (const [, label] of text.matchAll(/\$labels\.(\w+)/g)) {
          expect([...kept], `${r.alert!}: $labels.${label!} is not in the result`).toContain(label);
        }
      }
    }
  });

  it.each(rules.map((r) => [r.alert ?? r.record, r.expr] as const))(
    '%s queries only metrics and labels the services expose',
    (_name, expr) => {
      expect(problemsOf(expr)).toEqual([]);
    },
  );

  const rule = (name: string): Rule => {
    const r = rules.find((x) => x.alert === name);
    expect(r, `alert ${name}`).toBeDefined();
    return r!;
  };
  const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, m: 1, h: 60 };
  const minutes = (d = '0m'): number => Number(d.slice(0, -1)) * (UNIT_MINUTES[d.slice(-1)] ?? NaN);
  const groupedBy = (expr: string): string[] => readPromQL(expr).groupings.flatMap((g) => g.labels);
  const matchers = (expr: string, metric: string) =>
    readPromQL(expr)
      .selectors.filter((s) => s.name === metric)
      .flatMap((s) => s.matchers);

  it('cover what ops people act on', () => {
    const down = rule('PipelineServiceDown');
    expect(metricsOf(down.expr)).toEqual(['up']);
    expect(down.expr).toMatch(/==\s*0$/);
    expect(minutes(down.for)).toBe(2);
    expect(down.labels?.severity).toBe('critical');

    const dlq = rule('PipelineDeadLetters');
    expect(new Set(metricsOf(dlq.expr))).toEqual(new Set(['pipeline_dlq_total']));
    expect(dlq.expr).toMatch(/increase\(pipeline_dlq_total\[10m\]\)\)\s*>\s*0/);
    expect(groupedBy(dlq.expr)).toEqual(expect.arrayContaining(['service', 'topic', 'code']));

    const breaker = rule('PipelineBreakerOpen');
    expect(metricsOf(breaker.expr)).toEqual(['pipeline_breaker_state']);
    expect(minutes(breaker.for)).toBe(5);

    const lag = rule('PipelineConsumerLagHigh');
    expect(new Set(metricsOf(lag.expr))).toEqual(new Set(['pipeline_consumer_lag']));
    expect(lag.expr).toMatch(/^sum by \(group\) .*>\s*\d+/);
    expect(minutes(lag.for)).toBe(10);

    const unavailable = rule('PipelineIngestUnavailable');
    const outcome = matchers(unavailable.expr, 'pipeline_ingest_requests_total').find((m) => m.label === 'outcome');
    expect(outcome && new RegExp(`^(?:${outcome.value})$`).test('unavailable')).toBe(true);
    expect(minutes(unavailable.for)).toBe(5);

    for (const [name, metric, value] of [
      ['PipelineUnmappableDocuments', 'pipeline_ingest_requests_total', 'unmappable'],
      ['PipelineProduceErrors', 'pipeline_produced_total', 'error'],
    ] as const) {
      const r = rule(name);
      expect(new Set(metricsOf(r.expr))).toEqual(new Set([metric]));
      for (const m of matchers(r.expr, metric)) expect(m).toEqual({ label: 'outcome', op: '=', value });
      expect(r.expr).toMatch(/increase\(.*\[10m\]\)\)\s*>\s*0/);
    }
  });

  it(`fire for an open breaker at its numeric value (BreakerStateValue.open = ${BreakerStateValue.open})`, () => {
    const expr = rule('PipelineBreakerOpen').expr;
    const compared = [...expr.matchAll(/==\s*(\d+)/g)].map((m) => Number(m[1]));
    expect(compared).toEqual([BreakerStateValue.open]);
  });
});

/** The labels of an alert's result: its outermost `by (…)`, or else those of the series it compares. */
function outputLabels(expr: string): Set<string> {
  const m = /^\s*(?:sum|max|min|avg|count) by \(([^)]*)\)/.exec(expr);
  if (m) return new Set(m[1]!.split(',').map((l) => l.trim()));
  return new Set(metricsOf(expr).flatMap((name) => [...(seriesLabels(name) ?? [])]));
}

describe(`Grafana dashboard (${DASHBOARD})`, () => {
  const datasources = parse(read('infra/grafana/provisioning/datasources/prometheus.yml')) as {
    datasources: Array<{ uid: string; type: string; url: string; jsonData?: { timeInterval?: string } }>;
  };
  const ds = datasources.datasources[0]!;

  it('has unique panel ids and queries the provisioned Prometheus datasource in every panel', () => {
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of panels.filter((x) => x.type !== 'row')) {
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      expect(p.datasource, p.title).toEqual({ type: ds.type, uid: ds.uid });
      for (const t of p.targets!) expect(t.datasource ?? p.datasource, p.title).toEqual(p.datasource);
    }
  });

  it.each(queries.map(({ panel, target }) => [`${panel.title} ${target.refId}`, target] as const))(
    'panel "%s" queries only metrics and labels the services expose',
    (_name, target) => {
      expect(problemsOf(target.expr ?? '', target.legendFormat)).toEqual([]);
    },
  );

  it('shows every metric the runtime guarantees', () => {
    const shown = new Set(queries.flatMap(({ target }) => metricsOf(target.expr ?? '').map(familyOf)));
    for (const name of METRIC_NAMES) expect(shown, name).toContain(name);
  });

  it('names the breaker states as BreakerStateValue numbers them', () => {
    const breakerPanels = panels.filter((p) =>
      (p.targets ?? []).some((t) => metricsOf(t.expr ?? '').includes('pipeline_breaker_state')),
    );
    expect(breakerPanels.length).toBeGreaterThan(0);
    for (const p of breakerPanels) {
      for (const t of p.targets!) {
        for (const [, n] of (t.expr ?? '').matchAll(/==\s*(\d+)/g))
          expect(Number(n), p.title).toBe(BreakerStateValue.open);
      }
      const mappings = p.fieldConfig?.defaults?.mappings;
      if (!mappings) continue;
      const texts = Object.fromEntries(
        Object.entries(mappings.find((m) => m.type === 'value')!.options).map(([k, v]) => [Number(k), v.text]),
      );
      expect(texts, p.title).toEqual(
        Object.fromEntries(Object.entries(BreakerStateValue).map(([state, value]) => [value, state])),
      );
    }
  });
});

// ---- docker-compose.yml mounts what prometheus.yml and the Grafana provisioning read ---------------------------

interface Mount {
  host: string;
  container: string;
  readOnly: boolean;
}
const mountsOf = (svc: ComposeService): Mount[] =>
  (svc.volumes ?? []).flatMap((v) => {
    const [host, container, mode] = v.split(':');
    return host?.startsWith('.') && container ? [{ host, container, readOnly: mode === 'ro' }] : [];
  });
/** The repository path a container path of a service is bound to, or undefined when nothing mounts it. */
function hostPathOf(svc: ComposeService, containerPath: string): string | undefined {
  const mount = mountsOf(svc)
    .filter((m) => containerPath === m.container || containerPath.startsWith(`${m.container}/`))
    .sort((a, b) => b.container.length - a.container.length)[0];
  return mount && resolve(root, mount.host, posix.relative(mount.container, containerPath));
}
const isFile = (p: string | undefined): boolean => p !== undefined && existsSync(p) && statSync(p).isFile();

describe('Prometheus and Grafana in docker-compose.yml', () => {
  const prom = compose.services.prometheus!;
  const grafana = compose.services.grafana!;
  const PROMETHEUS_CONFIG_IN_CONTAINER = '/etc/prometheus/prometheus.yml'; // the image's --config.file

  it('mounts prometheus.yml and every rule file it lists, read-only, from files in the repository', () => {
    expect(hostPathOf(prom, PROMETHEUS_CONFIG_IN_CONTAINER)).toBe(resolve(root, PROMETHEUS_CONFIG));
    expect(prometheus.rule_files).toContain('alerts.yml');
    for (const file of prometheus.rule_files!) {
      // rule_files are relative to the configuration file's directory
      const inContainer = posix.resolve(posix.dirname(PROMETHEUS_CONFIG_IN_CONTAINER), file);
      const host = hostPathOf(prom, inContainer);
      expect(host, `${inContainer} is not mounted`).toBeDefined();
      expect(isFile(host), `${host!} does not exist`).toBe(true);
      expect(host).toBe(resolve(root, posix.dirname(PROMETHEUS_CONFIG), file));
    }
    for (const m of mountsOf(prom)) expect(m.readOnly, m.container).toBe(true);
  });

  it('runs a pinned Grafana on port 3000 for anonymous viewers, after Prometheus', () => {
    expect(grafana.image).toMatch(/^grafana\/grafana(?:-oss)?:\d+\.\d+\.\d+$/);
    expect(grafana.ports).toContain('3000:3000');
    expect(grafana.environment?.GF_AUTH_ANONYMOUS_ENABLED).toBe('true');
    expect(grafana.environment?.GF_AUTH_ANONYMOUS_ORG_ROLE).toBe('Viewer');
    const deps = Array.isArray(grafana.depends_on) ? grafana.depends_on : Object.keys(grafana.depends_on ?? {});
    expect(deps).toContain('prometheus');
    expect(mountsOf(grafana).length).toBeGreaterThan(0);
    for (const m of mountsOf(grafana)) expect(m.readOnly, m.container).toBe(true);
  });

  it('provisions the Prometheus datasource the compose service answers on', () => {
    const provisioning = hostPathOf(grafana, '/etc/grafana/provisioning'); // Grafana's default paths.provisioning
    expect(provisioning).toBe(resolve(root, 'infra/grafana/provisioning'));
    const file = hostPathOf(grafana, '/etc/grafana/provisioning/datasources/prometheus.yml');
    expect(isFile(file)).toBe(true);
    const ds = (parse(readFileSync(file!, 'utf8')) as { datasources: Array<Record<string, unknown>> }).datasources;
    expect(ds).toHaveLength(1);
    const url = new URL(String(ds[0]!.url));
    expect(compose.services[url.hostname], `${url.hostname} is not a compose service`).toBeDefined();
    expect(url.hostname).toBe('prometheus');
    expect(prom.ports?.map((p) => p.split(':').pop())).toContain(url.port);
    expect(ds[0]!.type).toBe('prometheus');
    expect((ds[0]!.jsonData as { timeInterval?: string }).timeInterval).toBe(prometheus.global?.scrape_interval);
  });

  it('provisions the dashboards from a mounted folder that holds the dashboard', () => {
    const file = hostPathOf(grafana, '/etc/grafana/provisioning/dashboards/dashboards.yml');
    expect(isFile(file)).toBe(true);
    const providers = (parse(readFileSync(file!, 'utf8')) as { providers: Array<{ options: { path: string } }> })
      .providers;
    expect(providers.length).toBeGreaterThan(0);
    for (const p of providers) {
      const host = hostPathOf(grafana, p.options.path);
      expect(host, `${p.options.path} is not mounted`).toBeDefined();
      expect(existsSync(host!) && statSync(host!).isDirectory(), host).toBe(true);
    }
    const dashboardIn = providers.map((p) => hostPathOf(grafana, posix.join(p.options.path, 'pipeline.json')));
    expect(dashboardIn).toContain(resolve(root, DASHBOARD));
    const home = grafana.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    if (home !== undefined) expect(hostPathOf(grafana, home)).toBe(resolve(root, DASHBOARD));
  });
});

describe('README', () => {
  it('says what to do for every alert', () => {
    const readme = read('README.md');
    const monitoring = /^## Monitoring$([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    expect(monitoring).toContain('9090');
    expect(monitoring).toContain('3000');
    for (const r of rules) expect(monitoring, r.alert).toContain(r.alert);
  });
});
