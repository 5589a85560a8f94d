/**
 * What every call of one scan shares: the limit on calls under way, the cancellation signal, the
 * call counters and the progress listener. `call` runs one SDK call under that limit (its HTTP
 * requests then wait for the scan's concurrency in the clients' HTTP handler, see clients.ts) and
 * turns its failure into an AwsCallError that names the action and the account.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { PolicyDocumentCache } from '../raw-schemas';
import type { WireOptions } from './clients';
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
  /** API calls issued (one per operation that sent a request, whatever its retries). */
  calls = 0;
  /** HTTP requests sent, retries included. */
  requests = 0;
  accountsDone = 0;
  accountsTotal = 0;
  /** Policy documents already decoded and validated in this scan (they repeat across accounts). */
  readonly policyDocuments = new PolicyDocumentCache();

  /** The scan's own signal, aborted with the caller's. */
  readonly signal: AbortSignal | undefined;
  private readonly unlink: () => void = () => undefined;

  /**
   * `limit`: SDK calls under way at once. Set above the scan's concurrency so that requests keep
   * going out while earlier responses are parsed, and low enough that no call is signed long
   * before its request can leave.
   */
  constructor(
    private readonly limit: Limiter,
    signal: AbortSignal | undefined,
    private readonly listener: AwsProgressListener | undefined,
  ) {
    if (signal) {
      // Every call and wait of the scan listens on this signal at once, which is no leak: without
      // a higher ceiling Node warns once eleven do.
      const controller = new AbortController();
      setMaxListeners(0, controller.signal);
      const abort = () => controller.abort(signal.reason);
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
      this.unlink = () => signal.removeEventListener('abort', abort);
      this.signal = controller.signal;
    }
  }

  /** The scan is over: the caller's signal no longer needs to reach it. */
  close(): void {
    this.unlink();
  }

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

  /**
   * One SDK call; failures come back as AwsCallError. `send` passes the options it gets to the
   * SDK's `send`, which hands them to the HTTP handler.
   *
   * `urgent`: a call others wait on in sequence, or one that finishes work under way: an account's
   * role, every page and poll of an account's long chains (authorization details, the credential
   * report, Lambda functions at 50 a page), the next page of any listing, the details of listed
   * items. Its requests go before queued independent first calls, so the chains of several
   * accounts start early and overlap, and accounts finish in the order they started instead of
   * all waiting for the last region listings.
   */
  async call<T>(site: CallSite, send: (options: WireOptions) => Promise<T>, urgent = false): Promise<T> {
    let sent = false;
    const options: WireOptions = {
      ...(this.signal ? { abortSignal: this.signal } : {}),
      urgent,
      onRequest: () => {
        this.requests += 1;
        if (!sent) this.calls += 1;
        sent = true;
      },
    };
    try {
      return await this.limit(() => send(options), this.signal, urgent);
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
