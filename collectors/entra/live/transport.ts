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
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
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

function withHeader(headers: HeadersInit | undefined, name: string, value: string): HeadersInit {
  const out = new Headers(headers);
  out.set(name, value);
  return out;
}

class ReadOnlyGuardMiddleware implements Middleware {
  private next: Middleware | undefined;
  async execute(context: Context): Promise<void> {
    assertReadOnlyRequest(context.options?.method, requestUrl(context.request), context.options?.body);
    if (!this.next) throw new Error('read-only guard: no next middleware');
    await this.next.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
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
      .then((t) => {
        if (!t) throw new Error('the credential returned no access token');
        this.token = t;
        return t;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return (await this.pending).token;
  }
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
      throw new Error(`refused to send the Graph token to ${new URL(url).origin}: not the Graph root ${this.origin}`);
    const signal = context.options?.signal ?? undefined;
    const token = await this.tokens.get(signal ?? undefined);
    context.options = { ...context.options, headers: withHeader(context.options?.headers, 'Authorization', `Bearer ${token}`) };
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
    if (!this.next) throw new Error('counter: no next middleware');
    await this.next.execute(context);
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
  readonly origin: string;

  constructor(readonly options: GraphTransportOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    const guard = new ReadOnlyGuardMiddleware();
    const auth = new BearerTokenMiddleware(this.origin, new TokenSource(options.credential, options.scopes));
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
    let response: Response;
    if (method === 'GET') response = (await request.get()) as Response;
    else {
      this.stats.batches++;
      response = (await request.header('Content-Type', 'application/json').post(options.body)) as Response;
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  }
}
