// The broker or the registry restarted mid-burst (the chaos suite's private stack): the second half of the
// burst is placed while it is down.
import { runBurst, type ChaosContext, type Row } from '../burst';
import type { PrivateStack } from '../private-stack';

export function restartMidBurst(ctx: ChaosContext, stack: PrivateStack, what: 'kafka' | 'registry'): Promise<Row> {
  return runBurst(ctx, {
    scenario: `${what === 'kafka' ? 'broker' : 'registry'} restart`,
    fault: async (b) => {
      const first = b.place(Math.ceil(ctx.orders / 2));
      await b.reach('m3', Math.max(1, Math.ceil(first.length / 10)));
      const placeRest = (): void => void b.place();
      const { downMs } = await (what === 'kafka' ? stack.restartKafka(placeRest) : stack.restartRegistry(placeRest));
      return { note: `down ${(downMs / 1000).toFixed(1)} s` };
    },
  });
}
