// Regression checks of a benchmark against its stored baseline: a figure is flagged only when it is worse by a
// factor and by an absolute slack, so the noise of a shared 2-core machine near zero is not flagged.
type Check = (what: string, now: number | null, then: number | null | undefined, factor: number, slack: number) => void;

export interface RegressionCheck {
  /** A cost or a latency: flagged when `now` is over `then × factor` and over `then + slack`. */
  over: Check;
  /** A throughput: flagged when `now` is under `then / factor` and under `then - slack`. */
  under: Check;
  flag: (message: string) => void;
  found: string[];
}

export function regressionCheck(): RegressionCheck {
  const found: string[] = [];
  const report = (what: string, now: number, then: number) =>
    found.push(`${what}: ${now} against ${then} in the baseline`);
  return {
    over: (what, now, then, factor, slack) => {
      if (now !== null && then !== null && then !== undefined && now > then * factor && now > then + slack)
        report(what, now, then);
    },
    under: (what, now, then, factor, slack) => {
      if (now !== null && then !== null && then !== undefined && now < then / factor && now < then - slack)
        report(what, now, then);
    },
    flag: (m) => found.push(m),
    found,
  };
}
