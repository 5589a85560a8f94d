/**
 * The queue of per-object requests waiting for a $batch: first in, first out, with retries (which
 * carry a not-before time) kept apart and served first once due. Taking a batch costs the batch,
 * not the queue: a 100,000-object tenant queues tens of thousands of requests at once.
 */
export interface Queued {
  /** Epoch ms before which the request must not be sent (0: now). */
  notBefore: number;
}

export class SubQueue<T extends Queued> {
  private fresh: T[] = [];
  private head = 0;
  private waiting: T[] = [];

  push(item: T): void {
    if (item.notBefore > 0) this.waiting.push(item);
    else this.fresh.push(item);
  }

  get size(): number {
    return this.fresh.length - this.head + this.waiting.length;
  }

  /** Requests that may go now. */
  ready(now: number): number {
    let due = 0;
    for (const w of this.waiting) if (w.notBefore <= now) due++;
    return this.fresh.length - this.head + due;
  }

  /** Up to `n` requests that may go now: due retries first, then in arrival order. */
  take(n: number, now: number): T[] {
    const out: T[] = [];
    if (this.waiting.length > 0) {
      const keep: T[] = [];
      for (const w of this.waiting) (out.length < n && w.notBefore <= now ? out : keep).push(w);
      this.waiting = keep;
    }
    while (out.length < n && this.head < this.fresh.length) {
      const item = this.fresh[this.head++];
      if (item) out.push(item);
    }
    // Drop the consumed prefix now and then, so memory follows the queue, not its history.
    if (this.head > 4096 && this.head * 2 > this.fresh.length) {
      this.fresh = this.fresh.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  /** When the earliest waiting retry is due, if any waits. */
  earliest(): number | undefined {
    let min: number | undefined;
    for (const w of this.waiting) if (min === undefined || w.notBefore < min) min = w.notBefore;
    return min;
  }

  /** Removes and returns the requests that match (an endpoint that is refused as a whole). */
  remove(test: (item: T) => boolean): T[] {
    const removed: T[] = [];
    const keep = (list: T[]) =>
      list.filter((item) => {
        if (!test(item)) return true;
        removed.push(item);
        return false;
      });
    this.fresh = keep(this.fresh.slice(this.head));
    this.head = 0;
    this.waiting = keep(this.waiting);
    return removed;
  }
}
