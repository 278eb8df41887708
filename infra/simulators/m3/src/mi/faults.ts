import { z } from 'zod';

/** MI-level misbehaviour, as data (`PUT /_control/mi-faults` or the `miFaults` option). */
export interface MiFaults {
  /** Share of matching calls (0..1) answered "record locked" (ServerReturnedNOK) without being executed. */
  lockedRate?: number;
  /** Share of matching calls (0..1) executed but answered HTTP 500: a gateway timeout after M3 finished. */
  lostAnswerRate?: number;
  /** `PROGRAM/Transaction` the two rates apply to (default: all). */
  transactions?: string[];
  /** Items (ITNO) that make OIS100MI Confirm leave the batch order in status 15 with an error on it. */
  confirmErrorItems?: string[];
}

export const miFaultsSchema = z
  .object({
    lockedRate: z.number().min(0).max(1).optional(),
    lostAnswerRate: z.number().min(0).max(1).optional(),
    transactions: z
      .array(z.string().regex(/^[A-Za-z0-9]+\/[A-Za-z0-9]+$/, "expected 'PROGRAM/Transaction'"))
      .optional(),
    confirmErrorItems: z.array(z.string().min(1)).optional(),
  })
  .strict();

const key = (program: string, transaction: string): string => `${program.toUpperCase()}/${transaction}`;

/** The MI faults in force, and the per-call draws (with the simulator's injected randomness). */
export class MiFaultSwitch {
  private faults: MiFaults = {};
  private transactions: ReadonlySet<string> | undefined;
  private blockedItems: ReadonlySet<string> = new Set();

  constructor(
    private readonly random: () => number,
    initial: MiFaults = {},
  ) {
    this.set(initial);
  }

  set(faults: z.infer<typeof miFaultsSchema>): void {
    const next: MiFaults = {};
    if (faults.lockedRate !== undefined) next.lockedRate = faults.lockedRate;
    if (faults.lostAnswerRate !== undefined) next.lostAnswerRate = faults.lostAnswerRate;
    if (faults.transactions !== undefined) next.transactions = [...faults.transactions];
    if (faults.confirmErrorItems !== undefined) next.confirmErrorItems = [...faults.confirmErrorItems];
    this.faults = next;
    this.transactions = next.transactions && new Set(next.transactions.map((t) => key(...split(t))));
    this.blockedItems = new Set(next.confirmErrorItems);
  }

  get(): MiFaults {
    return structuredClone(this.faults);
  }

  clear(): void {
    this.set({});
  }

  /** Draws whether this call is answered "record locked" instead of being executed. */
  locked(program: string, transaction: string): boolean {
    return this.draw(this.faults.lockedRate, program, transaction);
  }

  /** Draws whether the answer to this executed call is lost. */
  lostAnswer(program: string, transaction: string): boolean {
    return this.draw(this.faults.lostAnswerRate, program, transaction);
  }

  confirmErrorItems(): ReadonlySet<string> {
    return this.blockedItems;
  }

  private draw(rate: number | undefined, program: string, transaction: string): boolean {
    if (!rate) return false;
    if (this.transactions && !this.transactions.has(key(program, transaction))) return false;
    return this.random() < rate;
  }
}

function split(t: string): [string, string] {
  const [program = '', transaction = ''] = t.split('/');
  return [program, transaction];
}
