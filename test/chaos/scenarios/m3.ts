// M3 unwell during a burst (simulator control API): HTTP 500 on a share of the MI and token calls, M3
// failing every call for a while, access tokens expiring every few seconds.
import { readFileSync } from 'node:fs';
import { runBurst, type Burst, type ChaosContext, type Row } from '../burst';
import { m3Control } from '../support';

const profile = (b: Burst, p: object): Promise<unknown> => m3Control(b.ctx.sb, 'PUT', 'profile', p);

/** A share of M3's answers are HTTP 500 while the whole burst is entered (or for `holdMs`), then cleared. */
export function m3Errors(ctx: ChaosContext, errorRate: number, holdMs?: number): Promise<Row> {
  return runBurst(ctx, {
    scenario: `M3 ${errorRate * 100} % HTTP 500${holdMs ? ` for ${holdMs / 60_000} min` : ''}`,
    fault: async (b) => {
      await profile(b, { errorRate });
      try {
        b.place();
        if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
        else await b.reach('m3', b.ids.length, 600_000);
      } finally {
        await profile(b, {});
      }
      return { evidence: { inM3WhenCleared: b.progress('m3') } };
    },
  });
}

/** 'partition paused' lines m3-writer logged (reason other than a retry tier's due time). */
function pausesLogged(ctx: ChaosContext): number {
  return readFileSync(ctx.sb.children.get('m3-writer')!.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"partition paused"') && !l.includes('"not-due"')).length;
}

/** M3 answers every call with HTTP 500 for `downMs`: the writer's partitions pause, nothing is dead-lettered. */
export function m3Down(ctx: ChaosContext, downMs: number): Promise<Row> {
  return runBurst(ctx, {
    scenario: `M3 100 % HTTP 500 for ${downMs / 1000} s`,
    fault: async (b) => {
      const before = pausesLogged(ctx);
      await profile(b, { errorRate: 1 });
      try {
        b.place();
        await new Promise((r) => setTimeout(r, downMs));
      } finally {
        await profile(b, {});
      }
      // Partition pauses m3-writer logged, and orders M3 has although it failed every call.
      return { evidence: { pauses: pausesLogged(ctx) - before, enteredWhileDown: b.progress('m3') } };
    },
  });
}

/**
 * Every access token expires every `everyMs` while the burst is entered; the burst is placed in waves, one
 * after each expiry, so the expiries fall among live traffic however fast it flows.
 */
export function tokensExpiring(ctx: ChaosContext, everyMs = 3_000, waves = 5): Promise<Row> {
  return runBurst(ctx, {
    scenario: `tokens expire every ${everyMs / 1000} s`,
    fault: async (b) => {
      let expiries = 0;
      const expire = async (): Promise<void> => {
        await m3Control(ctx.sb, 'POST', 'tokens/expire');
        expiries += 1;
      };
      const perWave = Math.ceil(ctx.orders / waves);
      let timer: NodeJS.Timeout | undefined;
      try {
        for (let w = 0; w < waves; w += 1) {
          await expire();
          b.place(Math.min(perWave, ctx.orders - b.ids.length));
          await new Promise((r) => (timer = setTimeout(r, everyMs)));
        }
        timer = setInterval(() => void expire().catch(() => undefined), everyMs);
        await b.reach('m3', b.ids.length, 600_000);
      } finally {
        clearInterval(timer);
      }
      return { evidence: { expiries } };
    },
  });
}
