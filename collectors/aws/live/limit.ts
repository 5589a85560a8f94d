/**
 * A small concurrency limit (p-limit in a few lines): at most `concurrency` tasks run at once, the
 * rest wait in order. A task still waiting when the signal aborts never starts.
 */
export class ScanCancelledError extends Error {
  override readonly name = 'ScanCancelledError';
  constructor() {
    super('the scan was cancelled');
  }
}

export interface Limiter {
  /** `urgent` tasks start before every waiting normal one (the calls a chain of pages waits on). */
  <T>(task: () => Promise<T>, signal?: AbortSignal, urgent?: boolean): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be a whole number of at least 1');
  const urgentQueue: (() => void)[] = [];
  const queue: (() => void)[] = [];
  let active = 0;

  const next = () => (urgentQueue.shift() ?? queue.shift())?.();
  const release = () => {
    active -= 1;
    next();
  };

  const limit = (<T>(task: () => Promise<T>, signal?: AbortSignal, urgent = false): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        if (signal?.aborted) {
          // Pass the turn on: a cancelled task must not hold a slot.
          reject(new ScanCancelledError());
          next();
          return;
        }
        active += 1;
        task().then(resolve, reject).finally(release);
      };
      if (active < concurrency) start();
      else (urgent ? urgentQueue : queue).push(start);
    })) as Limiter;
  Object.defineProperty(limit, 'active', { get: () => active });
  Object.defineProperty(limit, 'pending', { get: () => urgentQueue.length + queue.length });
  return limit;
}
