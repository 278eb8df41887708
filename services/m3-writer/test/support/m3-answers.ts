// Answers of M3 the simulator does not give by itself, on the seam the order tests already use (the rig's HTTP
// client): an answer rewritten after M3 executed the call, or a call that fails before it reaches M3.
import { AppError } from '@m3mage/runtime';
import { parseMiRecords } from '@m3mage/connectors/m3';
import type { M3Rig } from './m3';

type Request = Parameters<M3Rig['http']['request']>[0];

/** Runs `before` ahead of each call of `operation` (e.g. another job acting on the same record first). */
export function beforeCall(rig: M3Rig, operation: string, before: (req: Request) => Promise<void>): void {
  const original = rig.http.request.bind(rig.http);
  rig.http.request = (async (req: Request) => {
    if (req.operation === operation) await before(req);
    return original(req);
  }) as M3Rig['http']['request'];
}

/** M3 executes `operation`, and the records of its answer are replaced by `rewrite`'s (v1 answer body). */
export function rewriteAnswers(
  rig: M3Rig,
  operation: string,
  rewrite: (records: Array<Record<string, string>>, req: Request) => Array<Record<string, string>>,
): void {
  const original = rig.http.request.bind(rig.http);
  rig.http.request = (async (req: Request) => {
    const res = await original(req);
    if (req.operation !== operation) return res;
    const records = rewrite(parseMiRecords(res.body), req);
    const body = {
      MIRecord: records.map((r) => ({ NameValue: Object.entries(r).map(([Name, Value]) => ({ Name, Value })) })),
    };
    return { ...res, body };
  }) as M3Rig['http']['request'];
}

/** The next `times` calls of `operation` fail with `err` (a timeout by default) without reaching M3. */
export function failing(
  rig: M3Rig,
  operation: string,
  times = 1,
  err: () => Error = () => new AppError('HTTP_TIMEOUT', `${operation} timed out (test)`),
): { left: () => number } {
  let left = times;
  const original = rig.http.request.bind(rig.http);
  rig.http.request = (async (req: Request) => {
    if (left > 0 && req.operation === operation) {
      left -= 1;
      throw err();
    }
    return original(req);
  }) as M3Rig['http']['request'];
  return { left: () => left };
}

/** Calls of `PROGRAM/Transaction` the simulator received. */
export const callsOf = (rig: M3Rig, operation: string): number =>
  rig.sim.recorder.list().filter((c) => c.path.includes(`/execute/${operation};`) || c.path.endsWith(`/execute/${operation}`))
    .length;
