/**
 * The HTTP transport of the app API for `agent-anchor serve`: the built renderer and
 * `POST /api/<name>` on 127.0.0.1 only.
 *
 * Who may call: the URL printed by the command carries a random token in its fragment (never sent
 * to a server, never in a Referer); the renderer sends it as `Authorization: Bearer`, checked on
 * every API call in constant time. No CORS headers are ever sent, so another origin's page cannot
 * read an answer, and a request whose Origin is not ours is refused. The Host header must be
 * exactly `127.0.0.1:<port>`: a DNS-rebinding page reaching the port under its own name is
 * refused before anything else happens.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodePath from 'node:path';
import type { AppApi } from '../../engagement/api';
import { dispatchApiCall, failure } from '../../engagement/api-dispatch';
import { contentTypeFor } from '../../electron/main/app-protocol';
import { buildCsp } from '../../electron/main/csp';
import { isApiName, type ApiName } from '../../model/api-transport';
import { resolveStaticPath } from './static-files';

/** Largest API request body accepted (a branding logo is the biggest legitimate argument). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServeOptions {
  api: AppApi;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Reports unexpected API failures; defaults to stderr. */
  onUnexpectedError?: (call: ApiName, error: unknown) => void;
}

export interface RunningServer {
  port: number;
  /** The URL to open: `http://127.0.0.1:<port>/#token=<token>`. */
  url: string;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': buildCsp(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const onUnexpectedError =
    options.onUnexpectedError ??
    ((call: ApiName, error: unknown) =>
      process.stderr.write(
        `agent-anchor serve: ${call} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      ));
  let port = 0;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(
        `agent-anchor serve: ${request.method ?? '?'} ${new URL(request.url ?? '/', 'http://x').pathname} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // DNS rebinding: only our own literal address and port.
    if (request.headers.host !== `127.0.0.1:${port}`) {
      send(response, 421, 'text/plain; charset=utf-8', 'Misdirected request');
      request.resume();
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(request, response, url);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      request.resume();
      return;
    }
    await serveStatic(response, url.pathname, request.method === 'HEAD');
  }

  async function handleApi(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    const origin = request.headers.origin;
    const authorized = authorizationMatches(request.headers.authorization, expected);
    if (!authorized) {
      request.resume();
      sendJson(
        response,
        401,
        failure('Unauthorized', 'This call needs the token from the URL `serve` printed.'),
      );
      return;
    }
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}`) {
      request.resume();
      sendJson(response, 403, failure('Forbidden', 'Calls from another origin are refused.'));
      return;
    }
    const download = /^\/api\/download\/([^/]+)$/.exec(url.pathname);
    if (download && request.method === 'GET') {
      await sendDownload(response, decodeURIComponent(download[1] ?? ''));
      return;
    }
    const name = /^\/api\/([A-Za-z]+)$/.exec(url.pathname)?.[1];
    if (name === undefined || !isApiName(name)) {
      request.resume();
      sendJson(response, 404, failure('NotFound', `No API call ${url.pathname}.`));
      return;
    }
    if (request.method !== 'POST') {
      request.resume();
      sendJson(response, 405, failure('MethodNotAllowed', `${name} is called with POST.`));
      return;
    }
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      request.resume();
      sendJson(
        response,
        415,
        failure('InvalidArguments', `${name}: send the arguments as application/json.`),
      );
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      sendJson(response, 413, failure('InvalidArguments', `${name}: the request is too large.`));
      return;
    }
    let args: unknown;
    try {
      args = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      sendJson(response, 400, failure('InvalidArguments', `${name}: the body is not JSON.`));
      return;
    }
    sendJson(response, 200, await dispatchApiCall(options.api, name, args, onUnexpectedError));
  }

  async function sendDownload(response: http.ServerResponse, operationId: string): Promise<void> {
    let state;
    try {
      state = await options.api.getOperation({ operationId });
    } catch {
      sendJson(response, 404, failure('NotFound', 'No such export.'));
      return;
    }
    const target = options.api.operationAttachment(operationId) as
      { path?: string; download?: boolean } | undefined;
    const exported = state.result?.export;
    if (state.status !== 'succeeded' || !exported || !target?.download || typeof target.path !== 'string') {
      sendJson(response, 404, failure('NotFound', 'This export has no file to download.'));
      return;
    }
    const info = await stat(target.path);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(target.path),
      'Content-Length': String(info.size),
      'Content-Disposition': contentDisposition(exported.fileName),
      'Cache-Control': 'no-store',
    });
    createReadStream(target.path).pipe(response);
  }

  async function serveStatic(
    response: http.ServerResponse,
    pathname: string,
    headOnly: boolean,
  ): Promise<void> {
    const file = resolveStaticPath(options.rendererDir, pathname);
    if (file === null) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(body.length),
      // Hashed asset names change with every build; the page itself is always fetched afresh.
      'Cache-Control': nodePath.basename(file) === 'index.html' ? 'no-store' : 'max-age=3600',
    });
    response.end(headOnly ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function authorizationMatches(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** `attachment; filename="report.pdf"; filename*=UTF-8''r%C3%A9port.pdf`, quotes and controls removed. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
