// kill -9 of one service mid-burst, restarted at once: half the burst is flowing through the service when
// it dies, the other half is placed while it is down. The row carries restart → /health/ready.
import { runBurst, type ChaosContext, type Row } from '../burst';

/** Where a service's work shows: the forward services make M3 orders, the return path confirms in Magento. */
const stageOf: Record<string, 'm3' | 'magento'> = {
  'magento-ingest': 'm3',
  transformer: 'm3',
  'm3-writer': 'm3',
  'm3-ion-ingest': 'magento',
  'magento-writer': 'magento',
};

export const killedServices = Object.keys(stageOf);

export function killMidBurst(ctx: ChaosContext, service: string): Promise<Row> {
  return runBurst(ctx, {
    scenario: `kill -9 ${service}`,
    fault: async (b) => {
      const first = b.place(Math.ceil(ctx.orders / 2));
      // Mid-burst: the service has handled some of the first half, not all of it.
      await b.reach(stageOf[service]!, Math.max(1, Math.ceil(first.length / 10)));
      const doneAtKill = b.progress(stageOf[service]!);
      await ctx.sb.stopService(service, 'SIGKILL');
      b.place();
      const restarted = performance.now();
      await ctx.sb.startService(service);
      return {
        readyMs: performance.now() - restarted,
        note: `killed with ${doneAtKill}/${first.length} of the first half past it`,
      };
    },
  });
}
