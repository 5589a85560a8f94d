/**
 * A concurrency limit with two lanes: list pages (the scan's critical path, each list being a
 * chain of nextLinks) go before per-object batches when a slot frees up. A waiter whose signal
 * aborts leaves the queue without taking a slot.
 */
import { ScanCancelledError } from './errors';

type Waiter = { grant: () => void; reject: (e: Error) => void };

export class Slots {
  private active = 0;
  private readonly high: Waiter[] = [];
  private readonly low: Waiter[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('concurrency must be a whole number of at least 1');
  }

  get inUse(): number {
    return this.active;
  }

  acquire(priority: 'high' | 'low', signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new ScanCancelledError());
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = priority === 'high' ? this.high : this.low;
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(new ScanCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  release(): void {
    const next = this.high.shift() ?? this.low.shift();
    if (next) next.grant();
    else this.active--;
  }
}
