/**
 * What every call of one scan shares: the concurrency limit, the cancellation signal, the call
 * counters and the progress listener. `call` runs one SDK call under the limit and turns its
 * failure into an AwsCallError that names the action and the account.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyAwsError, isAbort, type CallSite } from './errors';
import { ScanCancelledError, type Limiter } from './limit';

/** Phases of one account, in the order a scan usually reaches them. */
export type AwsScanPhase =
  | 'identify'
  | 'organization'
  | 'assume-role'
  | 'authorization-details'
  | 'credential-report'
  | 'service-specific-credentials'
  | 'access-keys'
  | 'bedrock-agents'
  | 'agentcore-runtimes'
  | 'lambda-functions'
  | 'access-analyzer'
  | 'service-last-accessed'
  | 'transform'
  | 'account-done'
  | 'account-failed';

export interface AwsScanProgress {
  account?: string;
  phase: AwsScanPhase;
  region?: string;
  /** Items collected so far in this phase. */
  count?: number;
  accountsDone: number;
  accountsTotal: number;
  /** API calls made so far in the whole scan. */
  calls: number;
}

export type AwsProgressListener = (event: AwsScanProgress) => void;

export class ScanRuntime {
  /** API calls issued (one per operation, whatever its retries). */
  calls = 0;
  /** HTTP attempts, retries included. */
  requests = 0;
  accountsDone = 0;
  accountsTotal = 0;

  constructor(
    private readonly limit: Limiter,
    readonly signal: AbortSignal | undefined,
    private readonly listener: AwsProgressListener | undefined,
  ) {}

  get cancelled(): boolean {
    return this.signal?.aborted === true;
  }

  progress(event: Omit<AwsScanProgress, 'accountsDone' | 'accountsTotal' | 'calls'>): void {
    this.listener?.({
      ...event,
      accountsDone: this.accountsDone,
      accountsTotal: this.accountsTotal,
      calls: this.calls,
    });
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new ScanCancelledError();
  }

  /** One SDK call under the concurrency limit; failures come back as AwsCallError. */
  /**
   * `urgent`: a call others wait on in sequence (the next Marker page of the authorization details,
   * the next account's role): it goes before queued independent calls, so chains of pages of
   * several accounts overlap instead of queueing behind each other's region listings.
   */
  async call<T extends { $metadata?: { attempts?: number } }>(
    site: CallSite,
    send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
    urgent = false,
  ): Promise<T> {
    try {
      return await this.limit(
        async () => {
          this.calls += 1;
          try {
            const out = await send(this.signal ? { abortSignal: this.signal } : {});
            this.requests += out.$metadata?.attempts ?? 1;
            return out;
          } catch (e) {
            const meta = (e as { $metadata?: { attempts?: number } } | null)?.$metadata;
            this.requests += meta?.attempts ?? 1;
            throw e;
          }
        },
        this.signal,
        urgent,
      );
    } catch (e) {
      // An abort can surface as a network error from the socket the SDK was using.
      if (this.cancelled && !isAbort(e)) throw classifyAwsError(new ScanCancelledError(), site);
      throw classifyAwsError(e, site);
    }
  }

  /** Waits, or stops waiting when the scan is cancelled. */
  async wait(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, this.signal ? { signal: this.signal } : {});
    } catch (e) {
      if (isAbort(e)) throw new ScanCancelledError();
      throw e;
    }
  }
}

/**
 * Follows a Marker/NextToken chain to its end. A token that repeats would loop forever; it ends
 * the chain with an error instead.
 */
export async function allPages<T>(
  fetch: (token: string | undefined) => Promise<{ items: readonly T[]; next?: string }>,
  onPage?: (itemsSoFar: number, pages: number) => void,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    pages += 1;
    onPage?.(out.length, pages);
    token = page.next || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error('the service returned the same page token twice');
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

/** Runs `task` over `items` with at most `concurrency` at once, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
