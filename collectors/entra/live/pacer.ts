/**
 * Politeness towards Microsoft Graph, in one place:
 * - `Retry-After` (seconds or an HTTP date) pauses every request, not just the one throttled:
 *   Graph throttles per app and tenant, so the next request would only be throttled too;
 * - a 429 or 5xx without `Retry-After` backs off exponentially, with jitter;
 * - `x-ms-throttle-limit-percentage` (sent once the app has used more than 80% of its limit)
 *   spaces request starts before any 429 happens;
 * - requests that `$select` keyCredentials stay within their own budget (Microsoft documents
 *   150 per minute per tenant for service principals and applications).
 */
import { ScanCancelledError } from './errors';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** First backoff when Graph gives no Retry-After; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface Budget {
  requests: number;
  windowMs: number;
}

/** Microsoft Graph: "$select to get keyCredentials ... 150 requests per minute for every tenant". */
export const KEY_CREDENTIALS_BUDGET: Budget = { requests: 150, windowMs: 60_000 };

/** Sleep that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new ScanCancelledError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ScanCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names a weekday and a month: `Sun, 01 Nov 2026 10:00:30 GMT`.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Exponential backoff with full jitter for attempt n (1-based), when Graph said nothing. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface PacerOptions {
  keyCredentials?: Budget;
  now?: () => number;
}

export class Pacer {
  private pauseUntil = 0;
  private spacingMs = 0;
  private nextStart = 0;
  /** Answer times of recent keyCredentials requests; Infinity while one is in flight. */
  private keyCredentialStarts: number[] = [];
  private readonly budget: Budget;
  private readonly now: () => number;
  /** Time spent waiting, for the scan's statistics. */
  waitedMs = 0;
  keyCredentialWaitMs = 0;

  constructor(opts: PacerOptions = {}) {
    this.budget = opts.keyCredentials ?? KEY_CREDENTIALS_BUDGET;
    this.now = opts.now ?? Date.now;
  }

  /** Everyone waits until `ms` from now (a Retry-After). */
  pause(ms: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, this.now() + ms);
  }

  /** Reads `x-ms-throttle-limit-percentage`: 0.8 .. 1.8 of the limit used. */
  observe(percentage: string | null): void {
    const used = percentage === null ? NaN : Number(percentage);
    if (!Number.isFinite(used) || used < 0.8) {
      // Headroom again: relax quickly, but not all at once.
      this.spacingMs = this.spacingMs < 20 ? 0 : Math.round(this.spacingMs / 2);
      return;
    }
    // 0.8 -> 200 ms between request starts, 1.0 -> 1 s, 1.2 and above -> 2 s.
    this.spacingMs = Math.min(2000, Math.round((used - 0.75) * 4000));
  }

  get currentSpacingMs(): number {
    return this.spacingMs;
  }

  /**
   * Waits until a request may start. For keyCredentials requests it returns `done`, to call when
   * the answer came back: the budget counts a request from then (or as in flight until then),
   * because Graph counts arrivals and those lag our starts whenever the network or the server is
   * slow, which would let a burst of starts land inside one of Graph's windows.
   */
  async ready(opts: { keyCredentials?: boolean; signal?: AbortSignal } = {}): Promise<() => void> {
    for (;;) {
      if (opts.signal?.aborted) throw new ScanCancelledError();
      const now = this.now();
      let wait = Math.max(this.pauseUntil - now, this.nextStart - now);
      let budgetWait = 0;
      if (opts.keyCredentials) {
        const since = now - this.budget.windowMs;
        this.keyCredentialStarts = this.keyCredentialStarts.filter((t) => t > since);
        if (this.keyCredentialStarts.length >= this.budget.requests) {
          // In-flight requests hold their place until they are answered.
          const oldest = Math.min(...this.keyCredentialStarts);
          budgetWait = Number.isFinite(oldest) ? oldest + this.budget.windowMs - now : 50;
          wait = Math.max(wait, Math.max(1, budgetWait));
        }
      }
      if (wait <= 0) break;
      await sleep(wait, opts.signal);
      this.waitedMs += wait;
      if (budgetWait > 0) this.keyCredentialWaitMs += wait;
    }
    const now = this.now();
    this.nextStart = Math.max(this.nextStart, now) + this.spacingMs;
    if (!opts.keyCredentials) return () => undefined;
    this.keyCredentialStarts.push(Infinity);
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      const i = this.keyCredentialStarts.indexOf(Infinity);
      if (i >= 0) this.keyCredentialStarts[i] = this.now();
    };
  }
}
