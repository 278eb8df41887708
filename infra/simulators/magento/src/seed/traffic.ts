export interface TrafficStatus {
  running: boolean;
  ratePerSecond: number;
  durationSeconds: number;
  placed: number;
  errors: number;
  startedAt: number | null;
}

export interface TrafficOptions {
  placeOne: () => void;
  now: () => number;
  /** Tick period (default 50 ms); the generator catches up on the orders due since the start. */
  tickMs?: number;
}

/** Places orders at a steady rate for a while (demos and benchmarks). */
export class TrafficGenerator {
  private timer: NodeJS.Timeout | undefined;
  private current: TrafficStatus = {
    running: false,
    ratePerSecond: 0,
    durationSeconds: 0,
    placed: 0,
    errors: 0,
    startedAt: null,
  };

  constructor(private readonly opts: TrafficOptions) {}

  start(ratePerSecond: number, durationSeconds: number): TrafficStatus {
    this.stop();
    this.current = { running: true, ratePerSecond, durationSeconds, placed: 0, errors: 0, startedAt: this.opts.now() };
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 50);
    this.timer.unref();
    return this.status();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.current.running = false;
  }

  status(): TrafficStatus {
    return { ...this.current };
  }

  private tick(): void {
    const c = this.current;
    const elapsed = Math.min((this.opts.now() - (c.startedAt ?? 0)) / 1000, c.durationSeconds);
    const due = Math.floor(elapsed * c.ratePerSecond) - c.placed - c.errors;
    for (let i = 0; i < due; i++) {
      try {
        this.opts.placeOne();
        c.placed++;
      } catch {
        c.errors++;
      }
    }
    if (elapsed >= c.durationSeconds) this.stop();
  }
}
