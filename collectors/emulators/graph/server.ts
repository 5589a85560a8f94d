/**
 * A Microsoft Graph emulator on 127.0.0.1, for tests, the bench and the app's "demo organization"
 * scan: it serves one tenant in Graph's own OData shapes (v1.0 and beta roots, `@odata.nextLink`
 * paging, `$select`, `$top`, type-cast segments, JSON `$batch`) and the sign-in endpoints the real
 * @azure/identity credentials call. It records every request before answering, never stores an
 * Authorization value, answers writes with 405 (and records them, so a test can prove none came),
 * and injects faults on demand: throttling, error statuses, cut-off bodies, dropped connections.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphFaults } from './faults';
import { OAuthEndpoints, type OAuthAnswer } from './oauth';
import { ODataError, parseQuery, project, skipToken } from './odata';
import { GraphStore } from './store';
import type {
  GraphEmulatorOptions,
  GraphFaultRule,
  GraphSeed,
  InteractiveSignInAnswer,
  RecordedRequest,
} from './types';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_BATCH = 20;

export interface GraphEmulator {
  /** `http(s)://127.0.0.1:<port>`: the Graph root (`--graph-url`) and the authority host. */
  readonly url: string;
  readonly tenantId: string;
  readonly requests: RecordedRequest[];
  readonly faults: GraphFaults;
  readonly store: GraphStore;
  latencyMs: number;
  /** What the emulated user answers on the authorize page of a browser sign-in. */
  interactiveSignIn: InteractiveSignInAnswer;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** Whole-request faults only. */
  fault?: 'drop' | 'malformed';
  /** Extra time before answering (slow faults). */
  delayMs?: number;
}

function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Answer {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': randomUUID(),
          'client-request-id': randomUUID(),
        },
      },
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tenantOf(seed: GraphSeed): string {
  const org = seed['v1.0/organization']?.[0] as { id?: unknown } | undefined;
  return typeof org?.id === 'string' ? org.id : '00000000-0000-0000-0000-000000000000';
}

export async function startGraphEmulator(
  seed: GraphSeed,
  options: GraphEmulatorOptions = {},
): Promise<GraphEmulator> {
  const store = new GraphStore(seed);
  const tenantId = tenantOf(seed);
  const faults = new GraphFaults(options.faults ?? []);
  const requests: RecordedRequest[] = [];
  const oauth = new OAuthEndpoints(
    tenantId,
    options.clients ?? [],
    options.deviceCodeApprovedAfterPolls ?? 2,
    options.acceptedTokens ?? [],
  );
  const budget = options.keyCredentialsBudget ?? { requests: 150, windowMs: 60_000 };
  const keyCredentialStarts: number[] = [];
  const maxPage = options.maxPageSize ?? 999;
  const defaultPage = options.defaultPageSize ?? 100;
  let seq = 0;
  let origin = '';

  const emulator: GraphEmulator = {
    url: '',
    tenantId,
    requests,
    faults,
    store,
    latencyMs: options.latencyMs ?? 0,
    interactiveSignIn: options.interactiveSignIn ?? 'approve',
    close: async () => undefined,
  };

  /** The keyCredentials budget: a sliding window, as Graph documents it per tenant. */
  function keyCredentialsThrottled(): number | undefined {
    const now = Date.now();
    while (keyCredentialStarts.length > 0 && (keyCredentialStarts[0] ?? 0) <= now - budget.windowMs)
      keyCredentialStarts.shift();
    if (keyCredentialStarts.length >= budget.requests) {
      return Math.max(1, Math.ceil(((keyCredentialStarts[0] ?? now) + budget.windowMs - now) / 1000));
    }
    keyCredentialStarts.push(now);
    return undefined;
  }

  function faultAnswer(rule: GraphFaultRule): Answer {
    if (rule.kind === 'drop' || rule.kind === 'malformed')
      return { status: 200, headers: {}, fault: rule.kind };
    if (rule.kind === 'throttle') {
      const seconds = rule.retryAfterSeconds ?? 1;
      const headers: Record<string, string> = {};
      if ((rule.retryAfter ?? 'seconds') === 'seconds') headers['Retry-After'] = String(seconds);
      else if (rule.retryAfter === 'date')
        headers['Retry-After'] = new Date(Date.now() + seconds * 1000).toUTCString();
      if (rule.percentage !== undefined) headers['x-ms-throttle-limit-percentage'] = String(rule.percentage);
      headers['x-ms-throttle-scope'] = `Tenant_Application/ReadWrite/emulator/${tenantId}`;
      return graphError(429, rule.code ?? 'TooManyRequests', rule.message ?? 'Too many requests.', headers);
    }
    const status = rule.status ?? 500;
    const code =
      rule.code ??
      (status === 403
        ? 'Authorization_RequestDenied'
        : status === 404
          ? 'Request_ResourceNotFound'
          : status === 503
            ? 'ServiceUnavailable'
            : 'InternalServerError');
    const message =
      rule.message ??
      (status === 403
        ? 'Insufficient privileges to complete the operation.'
        : `The service answered ${status}.`);
    return graphError(status, code, message);
  }

  /** One GET against the tenant, as a direct request or inside a $batch. */
  function graphGet(
    version: 'v1.0' | 'beta',
    resource: string,
    query: string,
    authorized: boolean,
    inBatch: boolean,
  ): Answer {
    if (!authorized)
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    const path = `${version}/${resource}`;
    const hit = faults.check(path, inBatch);
    if (hit.rule && hit.rule.kind !== 'pressure') {
      return { ...faultAnswer(hit.rule), delayMs: hit.delayMs };
    }
    const extraHeaders: Record<string, string> = {};
    if (hit.rule?.kind === 'pressure')
      extraHeaders['x-ms-throttle-limit-percentage'] = String(hit.rule.percentage ?? 0.9);
    const found = store.lookup(version, resource);
    if (found.kind === 'error')
      return { ...graphError(found.status, found.code, found.message, extraHeaders), delayMs: hit.delayMs };
    let q;
    try {
      q = parseQuery(query, {
        entityType: found.entityType,
        ...(options.unknownProperties?.[path] ? { unknownProperties: options.unknownProperties[path] } : {}),
      });
    } catch (e) {
      if (e instanceof ODataError)
        return { ...graphError(e.status, e.code, e.message, extraHeaders), delayMs: hit.delayMs };
      throw e;
    }
    if (q.select?.includes('keyCredentials')) {
      const wait = keyCredentialsThrottled();
      if (wait !== undefined)
        return {
          ...graphError(429, 'TooManyRequests', 'Too many requests that select keyCredentials.', {
            ...extraHeaders,
            'Retry-After': String(wait),
          }),
          delayMs: hit.delayMs,
        };
    }
    if (found.kind === 'entity') {
      const entity = project(found.item, q.select);
      const body = {
        '@odata.context': `${origin}/${version}/$metadata#${resource}/$entity`,
        ...(entity as object),
      };
      return { status: 200, headers: extraHeaders, body, delayMs: hit.delayMs };
    }
    const size = Math.min(q.top ?? defaultPage, maxPage);
    const page = found.items.slice(q.skip, q.skip + size).map((item) => project(item, q.select));
    const body: Record<string, unknown> = {
      '@odata.context': `${origin}/${version}/$metadata#${resource}`,
      value: page,
    };
    if (q.skip + size < found.items.length) {
      body['@odata.nextLink'] =
        `${origin}/${path}?${[...q.carry, `$skiptoken=${skipToken(q.skip + size)}`].join('&')}`;
    }
    return { status: 200, headers: extraHeaders, body, delayMs: hit.delayMs };
  }

  function batch(version: 'v1.0' | 'beta', text: string, authorized: boolean, batchSeq: number): Answer {
    let parsed: { requests?: unknown };
    try {
      parsed = JSON.parse(text) as { requests?: unknown };
    } catch {
      return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    }
    const items = parsed.requests;
    if (!Array.isArray(items) || items.length === 0)
      return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (items.length > MAX_BATCH)
      return graphError(
        400,
        'BadRequest',
        `Number of requests in the batch exceeds the maximum of ${MAX_BATCH}.`,
      );
    let slowest = 0;
    const responses = items.map((raw: unknown) => {
      const sub = (raw ?? {}) as { id?: unknown; method?: unknown; url?: unknown };
      const id = String(sub.id ?? '');
      const method = typeof sub.method === 'string' ? sub.method.toUpperCase() : '';
      const url = typeof sub.url === 'string' ? sub.url : '';
      const [pathPart = '', queryPart = ''] = url.replace(/^\//, '').split(/\?(.*)/s);
      const record: RecordedRequest = {
        seq: batchSeq,
        method: method || '(none)',
        path: `/${version}/${pathPart}`,
        query: queryPart,
        inBatch: `/${version}/$batch`,
        authorized,
        status: 0,
      };
      requests.push(record);
      const answer =
        method === 'GET'
          ? graphGet(version, pathPart, queryPart, authorized, true)
          : graphError(
              405,
              'Request_BadRequest',
              'Specified HTTP method is not allowed for the request target.',
            );
      record.status = answer.status;
      slowest = Math.max(slowest, answer.delayMs ?? 0);
      return {
        id,
        status: answer.status,
        headers: { 'Content-Type': 'application/json', ...answer.headers },
        body: answer.body,
      };
    });
    return { status: 200, headers: {}, body: { responses }, delayMs: slowest };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const authorized = (() => {
      const h = req.headers.authorization;
      const m = typeof h === 'string' ? /^Bearer (.+)$/i.exec(h) : null;
      return Boolean(m?.[1] && oauth.accepts(m[1]));
    })();
    const record: RecordedRequest = {
      seq: ++seq,
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      authorized: req.headers.authorization !== undefined,
      status: 0,
    };
    requests.push(record);
    const arrived = performance.now();
    const body = await readBody(req);
    let answer: Answer;
    /** Slow faults: time added to the latency. */
    let slowMs = 0;
    const graph = /^\/(v1\.0|beta)\/(.+)$/.exec(url.pathname);
    const oauthPath =
      /^\/([^/]+)\/(oauth2\/v2\.0\/(?:token|devicecode|authorize)|v2\.0\/\.well-known\/openid-configuration)$/.exec(
        url.pathname,
      );
    if (graph?.[1] && graph[2]) {
      const version = graph[1] as 'v1.0' | 'beta';
      const resource = graph[2];
      if (resource === '$batch' && method === 'POST') {
        const hit = faults.check(`${version}/$batch`, false);
        if (hit.rule && hit.rule.kind !== 'pressure') answer = faultAnswer(hit.rule);
        else if (!authorized)
          answer = graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
        else answer = batch(version, body, authorized, record.seq);
        if (hit.rule?.kind === 'pressure')
          answer.headers['x-ms-throttle-limit-percentage'] = String(hit.rule.percentage ?? 0.9);
        slowMs = hit.delayMs + (answer.delayMs ?? 0);
      } else if (method === 'GET') {
        answer = graphGet(version, resource, record.query, authorized, false);
        slowMs = answer.delayMs ?? 0;
      } else {
        answer = graphError(
          405,
          'Request_BadRequest',
          'Specified HTTP method is not allowed for the request target.',
        );
      }
    } else if (oauthPath?.[1] && oauthPath[2]) {
      const tenant = oauthPath[1];
      const form = new URLSearchParams(body);
      let result: OAuthAnswer;
      if (oauthPath[2].endsWith('openid-configuration'))
        result = { status: 200, body: oauth.openIdConfiguration(origin, tenant) };
      // The browser comes to the authorize endpoint with a GET and its parameters in the query.
      else if (oauthPath[2].endsWith('authorize'))
        result =
          method === 'GET'
            ? oauth.authorize(url.searchParams, emulator.interactiveSignIn)
            : { status: 405, body: { error: 'invalid_request' } };
      else if (method !== 'POST') result = { status: 405, body: { error: 'invalid_request' } };
      else if (oauthPath[2].endsWith('devicecode')) result = oauth.deviceCode(origin, form);
      else result = oauth.token(form, `${origin}/${tenant}/oauth2/v2.0/token`);
      answer = {
        status: result.status,
        headers: result.location ? { Location: result.location } : {},
        body: result.body,
      };
    } else {
      answer = graphError(404, 'NotFound', `No such endpoint: ${url.pathname}`);
    }
    record.status = answer.status;
    const text = answer.fault === 'drop' ? '' : JSON.stringify(answer.body ?? {});
    // The answer leaves `latencyMs` after the request arrived, the emulator's own work included,
    // as a far region's would: rendering one large page must not make other answers late.
    const wait = arrived + emulator.latencyMs + slowMs - performance.now();
    if (wait > 0) await sleep(wait);
    if (answer.fault === 'drop') {
      req.socket.destroy();
      return;
    }
    const payload =
      answer.fault === 'malformed' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
    const headers: Record<string, string> = {
      'Content-Type':
        'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
      'request-id': randomUUID(),
      ...answer.headers,
    };
    res.writeHead(answer.status, { ...headers, 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'InternalServerError', message: String(e) } }));
      } else res.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createServer(listener);
  // Clients reuse connections as with Graph; fetch (undici) keeps a socket only while the server's
  // keep-alive hint leaves it more than about a second. `close()` ends idle sockets itself.
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  Object.assign(emulator, {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return emulator;
}
