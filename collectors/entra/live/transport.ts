/**
 * The one way the live collector talks to Microsoft Graph: the Graph JavaScript client
 * (@microsoft/microsoft-graph-client) with a middleware chain of our own:
 *
 *   read-only guard -> bearer token (pinned to the Graph origin) -> call counter -> fetch
 *
 * Why not the client's AuthenticationHandler: it attaches the token only to the Microsoft Graph
 * hosts it knows, or to `customHosts`, and only over https. We register the configured host in
 * `customHosts` all the same, but attach the token ourselves to exactly one origin (scheme, host and
 * port of the Graph root), so a `@odata.nextLink` pointing anywhere else never receives it, and a
 * local http emulator works the same way as the real service.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { ScanCancelledError, SignInError } from './errors';
import { assertReadOnlyRequest } from './read-only-guard';

export interface RawGraphResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface GraphCallStats {
  /** HTTP requests that left the process (a $batch counts once). */
  requests: number;
  /** Requests inside $batch bodies. */
  batchedRequests: number;
  batches: number;
}

function requestUrl(request: RequestInfo): string {
  return typeof request === 'string' ? request : request.url;
}

/**
 * The Graph client turns anything a middleware throws into a GraphError that keeps only the
 * message: the original error (a read-only refusal, a failed sign-in, fetch's network cause) is
 * kept here for the request in flight, so callers can tell them apart.
 */
const thrown = new AsyncLocalStorage<{ error?: unknown }>();

function remember(error: unknown): unknown {
  const box = thrown.getStore();
  if (box && box.error === undefined) box.error = error;
  return error;
}

function withHeader(headers: HeadersInit | undefined, name: string, value: string): HeadersInit {
  const out = new Headers(headers);
  out.set(name, value);
  return out;
}

class ReadOnlyGuardMiddleware implements Middleware {
  private next: Middleware | undefined;
  async execute(context: Context): Promise<void> {
    try {
      assertReadOnlyRequest(context.options?.method, requestUrl(context.request), context.options?.body);
    } catch (e) {
      throw remember(e);
    }
    if (!this.next) throw new Error('read-only guard: no next middleware');
    await this.next.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim().slice(0, 300);
}

/** Caches the token until shortly before it expires; credentials do their own refresh. */
class TokenSource {
  private token: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[],
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    const now = Date.now();
    if (this.token && this.token.expiresOnTimestamp - 120_000 > now) return this.token.token;
    this.pending ??= this.credential
      .getToken(this.scopes, signal ? { abortSignal: signal } : {})
      .then(
        (t) => {
          if (!t) throw new SignInError('sign-in failed: the credential returned no access token');
          this.token = t;
          return t;
        },
        (e: unknown) => {
          if (signal?.aborted) throw e;
          throw new SignInError(`sign-in failed: ${firstLine(e)}`);
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return (await untilAborted(this.pending, signal)).token;
  }
}

/**
 * `promise`, or a rejection as soon as `signal` aborts. A browser sign-in waits on its loopback
 * server for a redirect that never comes when no browser could open, whatever the signal says:
 * the scan's Ctrl-C must end that wait, not only the next request.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new ScanCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ScanCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly origin: string,
    private readonly tokens: TokenSource,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = requestUrl(context.request);
    if (new URL(url).origin !== this.origin)
      throw remember(
        new Error(
          `refused to send the Graph token to ${new URL(url).origin}: not the Graph root ${this.origin}`,
        ),
      );
    const signal = context.options?.signal ?? undefined;
    let token: string;
    try {
      token = await this.tokens.get(signal ?? undefined);
    } catch (e) {
      throw remember(e);
    }
    context.options = {
      ...context.options,
      headers: withHeader(context.options?.headers, 'Authorization', `Bearer ${token}`),
    };
    if (!this.next) throw new Error('token middleware: no next middleware');
    await this.next.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

class CountingMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly stats: GraphCallStats) {}
  async execute(context: Context): Promise<void> {
    this.stats.requests++;
    if ((context.options?.method ?? 'GET').toUpperCase() === 'POST') this.stats.batches++;
    if (!this.next) throw new Error('counter: no next middleware');
    try {
      await this.next.execute(context);
    } catch (e) {
      throw remember(e);
    }
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export interface GraphTransportOptions {
  /** Graph root without version, e.g. https://graph.microsoft.com. */
  baseUrl: string;
  credential: TokenCredential;
  /** Token scopes, e.g. [https://graph.microsoft.com/.default]. */
  scopes: string[];
}

export class GraphTransport {
  readonly stats: GraphCallStats = { requests: 0, batchedRequests: 0, batches: 0 };
  private readonly client: Client;
  private readonly tokens: TokenSource;
  readonly origin: string;

  constructor(readonly options: GraphTransportOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    const guard = new ReadOnlyGuardMiddleware();
    this.tokens = new TokenSource(options.credential, options.scopes);
    const auth = new BearerTokenMiddleware(this.origin, this.tokens);
    const counter = new CountingMiddleware(this.stats);
    guard.setNext(auth);
    auth.setNext(counter);
    counter.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({
      baseUrl: options.baseUrl,
      middleware: guard,
      customHosts: new Set([base.hostname]),
    });
  }

  /** Signs in (gets the first token) before the scan starts, so a failed sign-in is one clear error. */
  async signIn(signal?: AbortSignal): Promise<void> {
    await this.tokens.get(signal);
  }

  /**
   * Sends one request and returns the status, headers and body text whatever the status; throws
   * only when nothing came back (network failure, abort, refused by the guard).
   * `path` is relative to the Graph root and starts with the version: `v1.0/servicePrincipals?...`.
   */
  async send(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; signal?: AbortSignal } = {},
  ): Promise<RawGraphResponse> {
    const m = /^\/?(v1\.0|beta)\/(.*)$/.exec(path);
    if (!m?.[1] || m[2] === undefined) throw new Error(`not a versioned Graph path: ${path}`);
    let request = this.client
      .api(m[2])
      .version(m[1])
      .responseType(ResponseType.RAW)
      .header('Accept', 'application/json');
    if (options.signal) request = request.option('signal', options.signal);
    const box: { error?: unknown } = {};
    return thrown.run(box, async () => {
      try {
        let response: Response;
        if (method === 'GET') response = (await request.get()) as Response;
        else
          response = (await request
            .header('Content-Type', 'application/json')
            .post(options.body)) as Response;
        const text = await response.text();
        return { status: response.status, headers: response.headers, text };
      } catch (e) {
        throw box.error ?? e;
      }
    });
  }
}
