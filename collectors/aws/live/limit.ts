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
  <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1');
  const queue: (() => void)[] = [];
  let active = 0;

  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next) next();
  };

  const limit = (<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        if (signal?.aborted) {
          // Pass the turn on: a cancelled task must not hold a slot.
          reject(new ScanCancelledError());
          const next = queue.shift();
          if (next) next();
          return;
        }
        active += 1;
        task().then(resolve, reject).finally(release);
      };
      if (active < concurrency) start();
      else queue.push(start);
    })) as Limiter;
  Object.defineProperty(limit, 'active', { get: () => active });
  Object.defineProperty(limit, 'pending', { get: () => queue.length });
  return limit;
}
