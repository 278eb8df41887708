// The scenarios of the chaos suite, by the name `npm run chaos -- <name…>` takes. Durations are the long
// ones in full mode (`npm run chaos`) and short ones in the form `npm test` runs.
import type { ChaosContext, Row } from '../burst';
import type { PrivateStack } from '../private-stack';
import { fulfilmentShuffled } from './bods';
import { killedServices, killMidBurst } from './kill';
import { m3Down, m3Errors, tokensExpiring } from './m3';
import { restartMidBurst } from './stack';

export interface Scenario {
  name: string;
  /** Restarts the broker or the registry: runs on the suite's private stack. */
  privateStack?: boolean;
  run(ctx: ChaosContext, stack?: PrivateStack): Promise<Row>;
}

const needs = (stack: PrivateStack | undefined): PrivateStack => {
  if (!stack) throw new Error('this scenario runs on the private stack');
  return stack;
};

export const scenarios: readonly Scenario[] = [
  ...killedServices.map((service) => ({
    name: `kill-${service}`,
    run: (ctx: ChaosContext) => killMidBurst(ctx, service),
  })),
  { name: 'broker-restart', privateStack: true, run: (ctx, s) => restartMidBurst(ctx, needs(s), 'kafka') },
  { name: 'registry-restart', privateStack: true, run: (ctx, s) => restartMidBurst(ctx, needs(s), 'registry') },
  { name: 'm3-errors-20', run: (ctx) => m3Errors(ctx, 0.2) },
  { name: 'm3-errors-50', run: (ctx) => m3Errors(ctx, 0.5, ctx.full ? 300_000 : 60_000) },
  { name: 'm3-down', run: (ctx) => m3Down(ctx, ctx.full ? 60_000 : 20_000) },
  { name: 'tokens-expiring', run: (ctx) => tokensExpiring(ctx, 3_000) },
  { name: 'bods-shuffled', run: (ctx) => fulfilmentShuffled(ctx) },
];

/** Scenario names, with `kill` for every kill-* and `stack` for the broker and registry restarts. */
export function selectScenarios(names: readonly string[]): Scenario[] {
  if (names.length === 0) return [...scenarios];
  const picked = new Set<Scenario>();
  for (const name of names) {
    const hits = scenarios.filter(
      (s) => s.name === name || (name === 'kill' && s.name.startsWith('kill-')) || (name === 'stack' && s.privateStack),
    );
    if (hits.length === 0)
      throw new Error(`no scenario ${name}; known: kill, stack, ${scenarios.map((s) => s.name).join(', ')}`);
    for (const s of hits) picked.add(s);
  }
  return scenarios.filter((s) => picked.has(s));
}
