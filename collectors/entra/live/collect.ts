/**
 * The Entra live collector: reads one tenant through Microsoft Graph into EntraRaw (request path ->
 * items, the offline import's own format) so the same pure transform builds the inventory.
 *
 * How it stays fast and polite:
 * - every list is a chain of `@odata.nextLink` pages at the largest `$top` the API takes, with
 *   `$select` of the fields the transform reads; lists run side by side;
 * - per-object reads (owners, federated credentials, app role assignments, sponsors) start as soon
 *   as the page listing their object arrives, and go out 20 at a time in JSON `$batch` requests,
 *   each sub-request retried on its own when Graph throttles or fails it;
 * - list pages take precedence over batches for the concurrency slots: they are the critical path;
 * - the Pacer honours Retry-After and the throttle percentage header, and keeps keyCredentials
 *   reads within their budget.
 *
 * Faults never throw out of `collectEntra`: what was read is kept, what was not is described per
 * endpoint (an `EndpointOutcome`), and lists that stopped early are recorded with the link they
 * stopped at. Cancelling (the signal) ends the scan the same way, as a partial one.
 */
import type { EndpointKey, EntraRaw, ReadNote } from '../index';
import {
  afterAttempts,
  GraphCallError,
  graphErrorOf,
  httpFailure,
  thrownFailure,
  type FailureContext,
} from './errors';
import { backoffDelay, DEFAULT_RETRY, Pacer, parseRetryAfter, sleep, type RetryPolicy } from './pacer';
import {
  followUps,
  LIST_SPECS,
  PER_OBJECT_SPECS,
  rawPath,
  requestPath,
  type GraphVersion,
  type ListSpec,
  type PerObjectSpec,
} from './plan';
import { Slots } from './slots';
import { SubQueue } from './sub-queue';
import type { GraphTransport, RawGraphResponse } from './transport';

export interface CollectProgress {
  phase: string;
  detail?: string;
  done?: number;
  total?: number;
}

export interface EntraCollectOptions {
  transport: GraphTransport;
  /** False in national clouds, where Microsoft does not offer the sign-in activity reports. */
  signInReports?: boolean;
  /** Requests in flight at once (a $batch counts once). */
  concurrency?: number;
  /** Sub-requests per $batch; Graph takes at most 20. */
  batchSize?: number;
  retry?: RetryPolicy;
  pacer?: Pacer;
  signal?: AbortSignal;
  onProgress?: (event: CollectProgress) => void;
  /** Backoff jitter; tests pass a fixed one. */
  random?: () => number;
}

export type OutcomeStatus = 'complete' | 'partial' | 'failed' | 'skipped';

/** What happened to one endpoint, beyond what the data shows. */
export interface EndpointOutcome {
  key: EndpointKey;
  /** The documented path (`{id}` for per-object endpoints). */
  path: string;
  status: OutcomeStatus;
  /** Items read (lists) or objects read (per-object endpoints). */
  count: number;
  /** Per-object endpoints: objects that needed a read. */
  objects?: number;
  message?: string;
}

export interface EntraCollectStats {
  /** HTTP requests sent, a $batch counting once. */
  requests: number;
  batches: number;
  /** Requests carried inside $batch bodies, retries included. */
  batchedRequests: number;
  pages: number;
  retries: number;
  /** 429 answers, to requests and to sub-requests. */
  throttled: number;
  /** Time spent waiting for Retry-After, pacing and the keyCredentials budget. */
  waitedMs: number;
  keyCredentialWaitMs: number;
  seconds: number;
}

export interface EntraCollection {
  raw: EntraRaw;
  /** Lists that stopped before their last page, for the transform's coverage. */
  notes: ReadNote[];
  outcomes: EndpointOutcome[];
  /** Where each incomplete list stopped (its next page), so saved raw files say so too. */
  stoppedAt: Record<string, string>;
  cancelled: boolean;
  /** A failure that ended the whole scan, such as a rejected token. */
  fatal?: string;
  stats: EntraCollectStats;
}

interface SubRequest {
  spec: PerObjectSpec;
  objectId: string;
  /** Import-format path, e.g. `v1.0/applications/<id>/owners`. */
  rawPath: string;
  /** URL relative to the version root, without the leading slash, query included. */
  url: string;
  continuation: boolean;
  attempt: number;
  notBefore: number;
}

interface ObjectState {
  items: unknown[];
  done: boolean;
  failed?: GraphCallError;
}

interface PerObjectState {
  spec: PerObjectSpec;
  select: string[];
  objects: number;
  done: number;
  vanished: number;
  failed: number;
  /** Set when the whole endpoint is refused (403) or missing: remaining objects are not asked. */
  stopped?: GraphCallError;
  lastError?: GraphCallError;
}

interface ListState {
  spec: ListSpec;
  select: string[];
  items: unknown[];
  pages: number;
  outcome?: EndpointOutcome;
  stoppedAt?: string;
}

const SELECT_PROPERTY = /property named '([^']+)'/i;

function bodyObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>))
    if (k.toLowerCase() === name.toLowerCase() && typeof v === 'string') return v;
  return null;
}

class EntraCollector {
  private readonly retry: RetryPolicy;
  private readonly pacer: Pacer;
  private readonly slots: Slots;
  private readonly batchSize: number;
  private readonly random: () => number;
  private readonly signal: AbortSignal | undefined;
  private readonly lists = new Map<EndpointKey, ListState>();
  private readonly perObject = new Map<EndpointKey, PerObjectState>();
  private readonly objects = new Map<string, ObjectState>();
  private readonly queues: Record<GraphVersion, SubQueue<SubRequest>> = {
    'v1.0': new SubQueue(),
    beta: new SubQueue(),
  };
  private activeLists = 0;
  private inflightBatches = 0;
  private wakeUp: (() => void) | undefined;
  private fatal: GraphCallError | undefined;
  private readonly stats = { pages: 0, retries: 0, throttled: 0 };
  private readonly lastProgress = new Map<string, number>();

  constructor(private readonly opts: EntraCollectOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.pacer = opts.pacer ?? new Pacer();
    this.slots = new Slots(opts.concurrency ?? 8);
    this.batchSize = Math.min(20, Math.max(1, opts.batchSize ?? 20));
    this.random = opts.random ?? Math.random;
    this.signal = opts.signal;
    for (const spec of Object.values(PER_OBJECT_SPECS))
      this.perObject.set(spec.key, {
        spec,
        select: [...spec.select],
        objects: 0,
        done: 0,
        vanished: 0,
        failed: 0,
      });
  }

  private get stopping(): boolean {
    return Boolean(this.signal?.aborted) || this.fatal !== undefined;
  }

  private notify(): void {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }

  /** At most ten events a second per endpoint: enough for a live view, cheap for 100,000 objects. */
  private progress(event: CollectProgress, force = false): void {
    if (!this.opts.onProgress) return;
    const now = Date.now();
    const key = event.detail ?? '';
    if (!force && now - (this.lastProgress.get(key) ?? 0) < 100) return;
    this.lastProgress.set(key, now);
    this.opts.onProgress(event);
  }

  // ---- single requests (list pages) -------------------------------------------------------

  /** GET one page with retries; returns the parsed body. Throws GraphCallError. */
  private async getPage(
    url: string,
    ctx: FailureContext,
    opts: { keyCredentials: boolean; onSelectError?: (property: string) => string | undefined },
  ): Promise<Record<string, unknown>> {
    let current = url;
    let selectDrops = 0;
    for (let attempt = 1; ; attempt++) {
      const sent = await this.sendGet(current, ctx, opts.keyCredentials);
      let error: GraphCallError;
      let retryAfter: number | undefined;
      if ('error' in sent) {
        // Nothing came back: a broken connection is worth another attempt, the rest is not.
        error = sent.error;
      } else if (sent.response.status >= 200 && sent.response.status < 300) {
        const response = sent.response;
        this.pacer.observe(response.headers.get('x-ms-throttle-limit-percentage'));
        const body = bodyObject(response.text);
        if (body) return body;
        error = new GraphCallError(
          'malformed',
          ctx.path,
          `GET ${ctx.path}: the response is not valid JSON`,
          response.status,
          'MalformedJson',
        );
      } else {
        const response = sent.response;
        this.pacer.observe(response.headers.get('x-ms-throttle-limit-percentage'));
        error = httpFailure(response.status, response.text, ctx);
        const property =
          response.status === 400
            ? SELECT_PROPERTY.exec(graphErrorOf(response.text).message ?? '')?.[1]
            : undefined;
        if (property && opts.onSelectError && selectDrops < 8) {
          // Graph does not know a property we select (it differs between versions): ask without it.
          const next = opts.onSelectError(property);
          if (next) {
            current = next;
            selectDrops++;
            attempt--;
            continue;
          }
        }
        if (response.status === 429) this.stats.throttled++;
        retryAfter = this.retryAfterOf(response.headers.get('retry-after'));
      }
      if (!error.retryable || attempt >= this.retry.maxAttempts) throw afterAttempts(error, attempt);
      this.stats.retries++;
      await sleep(retryAfter ?? backoffDelay(attempt, this.retry, this.random), this.signal).catch(
        (e: unknown) => {
          throw thrownFailure(e, ctx);
        },
      );
    }
  }

  /** One attempt: waits for the pacer and a slot, sends, and never throws. */
  private async sendGet(
    url: string,
    ctx: FailureContext,
    keyCredentials: boolean,
  ): Promise<{ response: RawGraphResponse } | { error: GraphCallError }> {
    try {
      const done = await this.pacer.ready({
        keyCredentials,
        ...(this.signal ? { signal: this.signal } : {}),
      });
      try {
        await this.slots.acquire('high', this.signal);
        try {
          return {
            response: await this.opts.transport.send('GET', url, this.signal ? { signal: this.signal } : {}),
          };
        } finally {
          this.slots.release();
        }
      } finally {
        done();
      }
    } catch (e) {
      return { error: thrownFailure(e, ctx) };
    }
  }

  /** Retry-After pauses everyone (Graph throttles the app and tenant, not one request). */
  private retryAfterOf(value: string | null): number | undefined {
    const ms = parseRetryAfter(value, Date.now());
    if (ms !== undefined) this.pacer.pause(ms);
    return ms;
  }

  /** A nextLink as a path relative to the Graph root; refuses links to any other origin. */
  private relative(link: string, keepVersion: boolean): string {
    const base = new URL(this.opts.transport.options.baseUrl);
    const url = new URL(link);
    if (url.origin !== base.origin)
      throw new Error(`@odata.nextLink points to ${url.origin}, not to ${base.origin}`);
    const prefix = base.pathname.replace(/\/+$/, '');
    let path = url.pathname;
    if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length);
    path = path.replace(/^\/+/, '');
    if (!keepVersion) path = path.replace(/^(v1\.0|beta)\//, '');
    return `${path}${url.search}`;
  }

  // ---- lists --------------------------------------------------------------------------------

  private async runList(spec: ListSpec): Promise<void> {
    const path = rawPath(spec.version, spec.resource);
    const state: ListState = { spec, select: [...spec.select], items: [], pages: 0 };
    this.lists.set(spec.key, state);
    this.activeLists++;
    const ctx: FailureContext = {
      path,
      permission: spec.permission,
      ...(spec.licence ? { licence: spec.licence } : {}),
      beta: spec.version === 'beta',
    };
    let next: string | undefined = requestPath(spec.version, spec.resource, {
      select: state.select,
      top: spec.top,
    });
    try {
      while (next !== undefined) {
        if (this.stopping) {
          state.stoppedAt = next;
          break;
        }
        const body = await this.getPage(next, ctx, {
          keyCredentials: spec.keyCredentials,
          // Only the first page is built by us; later pages follow Graph's own links.
          ...(state.pages === 0
            ? {
                onSelectError: (property: string) => {
                  if (!state.select.includes(property)) return undefined;
                  state.select = state.select.filter((f) => f !== property);
                  return requestPath(spec.version, spec.resource, { select: state.select, top: spec.top });
                },
              }
            : {}),
        });
        // A single-object endpoint answers with the object itself.
        const value =
          spec.singleObject && !('value' in body) && typeof body.id === 'string' ? [body] : body.value;
        if (!Array.isArray(value)) {
          throw new GraphCallError(
            'malformed',
            path,
            `GET ${path}: the response has no \`value\` array`,
            200,
            'MalformedResponse',
          );
        }
        state.pages++;
        this.stats.pages++;
        for (const item of value) {
          state.items.push(item);
          for (const f of followUps(spec.key, item)) this.enqueue(f.spec, f.id);
        }
        this.progress({ phase: 'entra', detail: path, done: state.items.length });
        const link = body['@odata.nextLink'];
        next = typeof link === 'string' ? this.relative(link, true) : undefined;
        this.notify();
      }
      this.progress({ phase: 'entra', detail: path, done: state.items.length }, true);
      state.outcome = state.stoppedAt
        ? this.stoppedOutcome(spec, path, state)
        : { key: spec.key, path, status: 'complete', count: state.items.length };
    } catch (e) {
      const error = e instanceof GraphCallError ? e : thrownFailure(e, ctx);
      if (error.kind === 'unauthorized') this.fatal ??= error;
      if (state.stoppedAt === undefined) state.stoppedAt = next;
      state.outcome = this.failedListOutcome(spec, path, state, error);
    } finally {
      this.activeLists--;
      this.notify();
    }
  }

  private stoppedOutcome(spec: ListSpec, path: string, state: ListState): EndpointOutcome {
    const why = this.signal?.aborted ? 'cancelled' : `stopped: ${this.fatal?.message ?? 'the scan ended'}`;
    return {
      key: spec.key,
      path,
      status: 'partial',
      count: state.items.length,
      message: `${path}: ${why} after ${state.pages} page(s), ${state.items.length} items; later pages not read`,
    };
  }

  private failedListOutcome(
    spec: ListSpec,
    path: string,
    state: ListState,
    error: GraphCallError,
  ): EndpointOutcome {
    if (error.kind === 'cancelled') return this.stoppedOutcome(spec, path, state);
    const base = { key: spec.key, path, count: state.items.length };
    if (state.items.length > 0)
      return {
        ...base,
        status: 'partial',
        message: `${error.message}; ${state.pages} page(s), ${state.items.length} items read before it`,
      };
    // A missing beta endpoint or licence is not a failure of the scan: the tenant has no such data.
    const absent = error.kind === 'licence' || (error.kind === 'not-found' && spec.version === 'beta');
    return { ...base, status: absent && !spec.required ? 'skipped' : 'failed', message: error.message };
  }

  // ---- per-object requests ($batch) ---------------------------------------------------------

  private enqueue(spec: PerObjectSpec, objectId: string): void {
    const state = this.perObject.get(spec.key);
    if (!state || state.stopped) return;
    const resource = spec.resourceOf(objectId);
    const path = rawPath(spec.version, resource);
    if (this.objects.has(path)) return;
    this.objects.set(path, { items: [], done: false });
    state.objects++;
    this.queues[spec.version].push({
      spec,
      objectId,
      rawPath: path,
      url: requestPath(spec.version, resource, { select: state.select, top: spec.top }).slice(
        spec.version.length + 1,
      ),
      continuation: false,
      attempt: 0,
      notBefore: 0,
    });
  }

  private requeue(sub: SubRequest, delayMs: number): void {
    this.queues[sub.spec.version].push({ ...sub, attempt: sub.attempt + 1, notBefore: Date.now() + delayMs });
  }

  /** Items ready to go in one version's queue: up to a batch, oldest first. */
  private takeBatch(version: GraphVersion, force: boolean): SubRequest[] | undefined {
    const queue = this.queues[version];
    const now = Date.now();
    const ready = queue.ready(now);
    if (ready === 0) return undefined;
    // While lists still produce work, wait for a full batch: partial batches cost calls.
    if (ready < this.batchSize && !force) return undefined;
    return queue.take(this.batchSize, now);
  }

  private earliestDelayed(): number | undefined {
    const times = [this.queues['v1.0'].earliest(), this.queues.beta.earliest()].filter(
      (t): t is number => t !== undefined,
    );
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  private async pump(): Promise<void> {
    const tasks = new Set<Promise<void>>();
    for (;;) {
      if (this.stopping) break;
      const force = this.activeLists === 0;
      let sent = false;
      for (const version of ['v1.0', 'beta'] as const) {
        // Batches queue for slots behind list pages; keep only a few waiting so the queue stays fresh.
        if (this.inflightBatches >= this.slots.size * 2) break;
        const batch = this.takeBatch(version, force);
        if (!batch) continue;
        sent = true;
        this.inflightBatches++;
        const task = this.sendBatch(version, batch).finally(() => {
          this.inflightBatches--;
          tasks.delete(task);
          this.notify();
        });
        tasks.add(task);
      }
      if (sent) continue;
      const queued = this.queues['v1.0'].size + this.queues.beta.size;
      if (this.activeLists === 0 && queued === 0 && this.inflightBatches === 0) break;
      const earliest = this.earliestDelayed();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.signal?.removeEventListener('abort', done);
          this.wakeUp = undefined;
          resolve();
        };
        const timer = setTimeout(done, earliest !== undefined ? Math.max(5, earliest - Date.now()) : 250);
        this.wakeUp = done;
        this.signal?.addEventListener('abort', done, { once: true });
      });
    }
    await Promise.allSettled([...tasks]);
  }

  private async sendBatch(version: GraphVersion, batch: SubRequest[]): Promise<void> {
    const ctx: FailureContext = { path: `${version}/$batch`, beta: version === 'beta' };
    let response: RawGraphResponse;
    try {
      await this.pacer.ready(this.signal ? { signal: this.signal } : {});
      await this.slots.acquire('low', this.signal);
      try {
        this.opts.transport.stats.batchedRequests += batch.length;
        response = await this.opts.transport.send('POST', `${version}/$batch`, {
          body: {
            requests: batch.map((s, i) => ({ id: String(i + 1), method: 'GET', url: `/${s.url}` })),
          },
          ...(this.signal ? { signal: this.signal } : {}),
        });
      } finally {
        this.slots.release();
      }
    } catch (e) {
      const error = thrownFailure(e, ctx);
      if (error.kind === 'cancelled') return;
      return this.retryAll(batch, error, undefined);
    }
    this.pacer.observe(response.headers.get('x-ms-throttle-limit-percentage'));
    if (response.status < 200 || response.status >= 300) {
      const error = httpFailure(response.status, response.text, ctx);
      if (response.status === 429) this.stats.throttled++;
      if (error.kind === 'unauthorized') {
        this.fatal ??= error;
        for (const s of batch) this.failObject(s, error);
        return;
      }
      return this.retryAll(batch, error, this.retryAfterOf(response.headers.get('retry-after')));
    }
    const body = bodyObject(response.text);
    const responses = body?.responses;
    if (!Array.isArray(responses)) {
      const error = new GraphCallError(
        'malformed',
        ctx.path,
        `POST ${ctx.path}: the response is not a JSON batch response`,
        response.status,
        'MalformedJson',
      );
      return this.retryAll(batch, error, undefined);
    }
    const byId = new Map<string, Record<string, unknown>>();
    for (const r of responses)
      if (r && typeof r === 'object')
        byId.set(String((r as { id?: unknown }).id), r as Record<string, unknown>);
    batch.forEach((sub, i) => {
      const r = byId.get(String(i + 1));
      if (!r) {
        this.retryOne(
          sub,
          new GraphCallError(
            'malformed',
            sub.rawPath,
            `GET ${sub.rawPath}: missing from the $batch response`,
            undefined,
            'MissingResponse',
          ),
          undefined,
        );
        return;
      }
      this.handleSubResponse(sub, r);
    });
  }

  private subContext(sub: SubRequest): FailureContext {
    return {
      path: sub.rawPath,
      permission: sub.spec.permission,
      ...(sub.spec.licence ? { licence: sub.spec.licence } : {}),
      beta: sub.spec.version === 'beta',
    };
  }

  private handleSubResponse(sub: SubRequest, r: Record<string, unknown>): void {
    const status = typeof r.status === 'number' ? r.status : Number(r.status);
    const ctx = this.subContext(sub);
    const state = this.perObject.get(sub.spec.key);
    if (!state) return;
    this.pacer.observe(headerOf(r.headers, 'x-ms-throttle-limit-percentage'));
    if (status >= 200 && status < 300) {
      const body = r.body as Record<string, unknown> | undefined;
      const value = body && typeof body === 'object' ? body.value : undefined;
      if (!Array.isArray(value)) {
        this.retryOne(
          sub,
          new GraphCallError(
            'malformed',
            sub.rawPath,
            `GET ${sub.rawPath}: the response has no \`value\` array`,
            status,
            'MalformedResponse',
          ),
          undefined,
        );
        return;
      }
      const obj = this.objects.get(sub.rawPath);
      if (!obj) return;
      obj.items.push(...(value as unknown[]));
      const link = body?.['@odata.nextLink'];
      if (typeof link === 'string') {
        try {
          this.queues[sub.spec.version].push({
            ...sub,
            url: this.relative(link, false),
            continuation: true,
            attempt: 0,
            notBefore: 0,
          });
        } catch (e) {
          this.failObject(sub, thrownFailure(e, ctx));
        }
        return;
      }
      obj.done = true;
      state.done++;
      this.progress(
        { phase: 'entra', detail: sub.spec.key, done: state.done, total: state.objects },
        state.done === state.objects,
      );
      return;
    }
    const text = JSON.stringify(r.body ?? {});
    const error = httpFailure(status, text, ctx);
    if (status === 429) this.stats.throttled++;
    if (status === 400) {
      const property = SELECT_PROPERTY.exec(graphErrorOf(text).message ?? '')?.[1];
      if (property && state.select.includes(property) && !sub.continuation) {
        state.select = state.select.filter((f) => f !== property);
        this.queues[sub.spec.version].push({
          ...sub,
          url: requestPath(sub.spec.version, sub.spec.resourceOf(sub.objectId), {
            select: state.select,
            top: sub.spec.top,
          }).slice(sub.spec.version.length + 1),
        });
        return;
      }
    }
    if (error.kind === 'unauthorized') {
      this.fatal ??= error;
      this.failObject(sub, error);
      return;
    }
    if (status === 404 && !sub.continuation && error.code && /ResourceNotFound/i.test(error.code)) {
      // The object was deleted after it was listed: nothing to read, nothing lost.
      state.vanished++;
      this.objects.delete(sub.rawPath);
      return;
    }
    if (
      error.kind === 'denied' ||
      error.kind === 'licence' ||
      error.kind === 'not-found' ||
      error.kind === 'bad-request'
    ) {
      // The endpoint itself is refused or missing: asking for the other objects would fail the same way.
      this.stopEndpoint(state, error);
      this.failObject(sub, error);
      return;
    }
    this.retryOne(sub, error, this.retryAfterOf(headerOf(r.headers, 'retry-after')));
  }

  private stopEndpoint(state: PerObjectState, error: GraphCallError): void {
    if (state.stopped) return;
    state.stopped = error;
    for (const version of ['v1.0', 'beta'] as const) {
      for (const s of this.queues[version].remove((x) => x.spec.key === state.spec.key))
        this.failObject(s, error);
    }
  }

  private retryOne(sub: SubRequest, error: GraphCallError, retryAfter: number | undefined): void {
    if (sub.attempt + 1 >= this.retry.maxAttempts) {
      this.failObject(sub, afterAttempts(error, sub.attempt + 1));
      return;
    }
    this.stats.retries++;
    this.requeue(sub, retryAfter ?? backoffDelay(sub.attempt + 1, this.retry, this.random));
  }

  private retryAll(batch: SubRequest[], error: GraphCallError, retryAfter: number | undefined): void {
    if (error.kind === 'read-only') {
      for (const s of batch) this.failObject(s, error);
      return;
    }
    if (!error.retryable) {
      for (const s of batch) this.failObject(s, error);
      return;
    }
    for (const s of batch) this.retryOne(s, error, retryAfter);
  }

  private failObject(sub: SubRequest, error: GraphCallError): void {
    const obj = this.objects.get(sub.rawPath);
    const state = this.perObject.get(sub.spec.key);
    if (!obj || !state || obj.failed) return;
    obj.failed = error;
    state.failed++;
    state.lastError = error;
  }

  // ---- the scan -----------------------------------------------------------------------------

  async run(): Promise<EntraCollection> {
    const started = Date.now();
    const specs = LIST_SPECS.filter((s) => this.opts.signInReports !== false || !s.globalOnly);
    const skippedReports = LIST_SPECS.filter((s) => this.opts.signInReports === false && s.globalOnly);
    this.progress({ phase: 'entra', detail: 'reading tenant lists' }, true);
    await Promise.all([...specs.map((s) => this.runList(s)), this.pump()]);
    // Lists may finish after the pump saw them running; a last pass flushes what they queued.
    if (!this.stopping && this.queues['v1.0'].size + this.queues.beta.size > 0) await this.pump();
    return this.result(started, skippedReports);
  }

  private result(started: number, skippedReports: readonly ListSpec[]): EntraCollection {
    const raw: Record<string, unknown[]> = {};
    const notes: ReadNote[] = [];
    const stoppedAt: Record<string, string> = {};
    const outcomes: EndpointOutcome[] = [];
    for (const state of this.lists.values()) {
      const path = rawPath(state.spec.version, state.spec.resource);
      const outcome = state.outcome ?? this.stoppedOutcome(state.spec, path, state);
      outcomes.push(outcome);
      // Skipped and failed optional lists stay out of the raw data: the transform then reports them
      // as not collected. Required lists are kept even when empty so the rest still transforms.
      const keep = outcome.status === 'complete' || outcome.status === 'partial' || state.spec.required;
      if (!keep) continue;
      raw[path] = state.items;
      if (outcome.status !== 'complete') {
        notes.push({ path, kind: 'incomplete', message: outcome.message ?? `${path} is incomplete` });
        if (state.stoppedAt) stoppedAt[path] = state.stoppedAt;
      }
    }
    for (const spec of skippedReports) {
      outcomes.push({
        key: spec.key,
        path: rawPath(spec.version, spec.resource),
        status: 'skipped',
        count: 0,
        message: `${rawPath(spec.version, spec.resource)}: Microsoft offers the sign-in activity reports in the global service only`,
      });
    }
    for (const [path, obj] of this.objects) {
      if (obj.done && !obj.failed) raw[path] = obj.items;
      else if (obj.items.length > 0) {
        raw[path] = obj.items;
        notes.push({
          path,
          kind: 'incomplete',
          message: `${path}: later pages not read (${obj.failed?.message ?? 'the scan ended'})`,
        });
      }
    }
    for (const state of this.perObject.values()) outcomes.push(this.perObjectOutcome(state));
    const sorted: Record<string, unknown[]> = {};
    for (const key of Object.keys(raw).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
      sorted[key] = raw[key] ?? [];
    const t = this.opts.transport.stats;
    return {
      raw: sorted,
      notes,
      outcomes,
      stoppedAt,
      cancelled: Boolean(this.signal?.aborted),
      ...(this.fatal ? { fatal: this.fatal.message } : {}),
      stats: {
        requests: t.requests,
        batches: t.batches,
        batchedRequests: t.batchedRequests,
        pages: this.stats.pages,
        retries: this.stats.retries,
        throttled: this.stats.throttled,
        waitedMs: Math.round(this.pacer.waitedMs),
        keyCredentialWaitMs: Math.round(this.pacer.keyCredentialWaitMs),
        seconds: (Date.now() - started) / 1000,
      },
    };
  }

  private perObjectOutcome(state: PerObjectState): EndpointOutcome {
    const path = rawPath(state.spec.version, state.spec.resourceOf('{id}'));
    const read = state.done;
    const missing = state.objects - read - state.vanished;
    const base = { key: state.spec.key, path, count: read, objects: state.objects };
    const vanished = state.vanished > 0 ? `; ${state.vanished} objects were deleted while the scan ran` : '';
    if (missing <= 0)
      return { ...base, status: 'complete', ...(vanished ? { message: vanished.slice(2) } : {}) };
    const why = this.signal?.aborted
      ? 'cancelled'
      : (state.stopped?.message ?? state.lastError?.message ?? this.fatal?.message ?? 'the scan ended');
    if (
      read === 0 &&
      state.stopped &&
      (state.stopped.kind === 'licence' || state.stopped.kind === 'not-found')
    )
      return { ...base, status: 'skipped', message: why };
    return {
      ...base,
      status: read === 0 ? 'failed' : 'partial',
      message: `${path}: ${missing} of ${state.objects} objects not read: ${why}${vanished}`,
    };
  }
}

/** Reads one tenant. Never throws for Graph faults or cancellation: see `EntraCollection`. */
export function collectEntra(opts: EntraCollectOptions): Promise<EntraCollection> {
  return new EntraCollector(opts).run();
}
