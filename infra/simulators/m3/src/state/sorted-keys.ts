/** Keys kept in ascending order, for M3 "Lst" transactions that position at a key and read forward. */
export class SortedKeys {
  private keys: string[] = [];
  private dirty = false;
  private readonly set = new Set<string>();

  add(key: string): void {
    if (this.set.has(key)) return;
    this.set.add(key);
    this.keys.push(key);
    this.dirty = true;
  }

  /** Keys >= from, in order. */
  from(from: string): string[] {
    const keys = this.sorted();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? '') < from) lo = mid + 1;
      else hi = mid;
    }
    return keys.slice(lo);
  }

  /** Lazily iterates keys >= from (avoids copying 100k keys for maxrecs=100). */
  *iterateFrom(from: string): Generator<string> {
    const keys = this.sorted();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? '') < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < keys.length; i++) yield keys[i] ?? '';
  }

  all(): string[] {
    return this.sorted().slice();
  }

  clear(): void {
    this.keys = [];
    this.set.clear();
    this.dirty = false;
  }

  private sorted(): string[] {
    if (this.dirty) {
      this.keys.sort();
      this.dirty = false;
    }
    return this.keys;
  }
}
