// CPU and memory of the processes a benchmark measures, read from /proc (Linux): CPU ticks of a live process,
// of the children this process has reaped (a tool that ran to its end), RSS, and the local stack's broker.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stackDir } from '../../../infra/stack/connection';

/** One measured process: a name in the report and its pid. */
export interface Proc {
  process: string;
  pid: number;
}

const statFields = (pid: number | 'self'): string[] =>
  readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

/** utime + stime of a live process, in clock ticks (USER_HZ = 100 on Linux: 10 ms a tick). */
export const ticks = (pid: number): number => {
  const f = statFields(pid);
  return Number(f[11]) + Number(f[12]);
};

/** cutime + cstime of this process: CPU of the children it has waited for, grandchildren included. */
export const reapedChildrenTicks = (): number => {
  const f = statFields('self');
  return Number(f[13]) + Number(f[14]);
};

export const TICK_MS = 10;

export const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** The Kafka broker of the local stack, when its pid is known (.stack/kafka.pid) and alive. */
export function brokerPid(): number | undefined {
  try {
    const pid = Number(readFileSync(resolve(stackDir(), 'kafka.pid'), 'utf8').trim());
    return Number.isInteger(pid) && ticks(pid) >= 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU of a set of processes from a start point: `ms(p)` is the CPU ms the process used since `cpuFrom`. */
export function cpuFrom(procs: Proc[]): { ms(p: Proc): number } {
  const t0 = new Map(procs.map((p) => [p.process, ticks(p.pid)]));
  return { ms: (p) => (ticks(p.pid) - (t0.get(p.process) ?? ticks(p.pid))) * TICK_MS };
}

/** The highest RSS seen per process, sampled every `everyMs` until `stop()` (which samples once more). */
export function rssPeaks(procs: Proc[], everyMs = 1000): { peakMb(p: Proc): number; stop(): void } {
  const peaks = new Map<string, number>();
  const sample = () => {
    for (const p of procs) {
      try {
        peaks.set(p.process, Math.max(peaks.get(p.process) ?? 0, rssMb(p.pid)));
      } catch {
        /* exited */
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peakMb: (p) => Math.round(peaks.get(p.process) ?? 0),
    stop: () => {
      clearInterval(timer);
      sample();
    },
  };
}
