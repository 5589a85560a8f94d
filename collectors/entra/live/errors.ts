/**
 * What went wrong with a Graph request, in words a consultant can act on: the permission that was
 * missing, the licence the tenant lacks, a beta endpoint the tenant does not have, throttling or a
 * network failure that outlasted the retries. Messages carry request paths and Graph's error code,
 * never tokens or response payloads.
 */
import { ReadOnlyViolationError } from './read-only-guard';

/** Getting an access token failed: the sign-in itself, not a Graph request. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(message: string) {
    super(message);
  }
}

export class ScanCancelledError extends Error {
  override readonly name = 'ScanCancelledError';
  constructor() {
    super('the scan was cancelled');
  }
}

export type GraphFailureKind =
  | 'denied'
  | 'licence'
  | 'not-found'
  | 'bad-request'
  | 'unauthorized'
  | 'throttled'
  | 'server'
  | 'network'
  | 'malformed'
  | 'cancelled'
  | 'read-only'
  | 'other';

export class GraphCallError extends Error {
  override readonly name = 'GraphCallError';
  constructor(
    readonly kind: GraphFailureKind,
    /** The request path (version root included, query left out). */
    readonly path: string,
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly attempts = 1,
  ) {
    super(message);
  }

  /** Worth another attempt: throttling, server errors, broken connections and bodies. */
  get retryable(): boolean {
    return (
      this.kind === 'throttled' ||
      this.kind === 'server' ||
      this.kind === 'network' ||
      this.kind === 'malformed'
    );
  }
}

/** Graph's error body: `{"error": {"code": "...", "message": "..."}}`. */
export interface GraphErrorBody {
  code?: string;
  message?: string;
}

export function graphErrorOf(text: string): GraphErrorBody {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const e = body?.error;
    if (!e || typeof e !== 'object') return {};
    return {
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.message === 'string' ? { message: e.message } : {}),
    };
  } catch {
    return {};
  }
}

/** One line, bounded, without control characters: Graph messages can echo request data. */
export function oneLine(text: string, max = 240): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const LICENCE_CODES = /premium|licen[cs]e|NonPremiumTenant/i;
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export interface FailureContext {
  /** Request path without query, e.g. `beta/reports/servicePrincipalSignInActivities`. */
  path: string;
  /** The permission that authorizes the request, for 403 messages. */
  permission?: string;
  /** A licence the endpoint needs, for 403/404 messages. */
  licence?: string;
  /** Beta endpoints: a 404 means the tenant or Graph does not offer it (yet). */
  beta?: boolean;
}

/** Classify an HTTP error status with its body. */
export function httpFailure(status: number, text: string, ctx: FailureContext): GraphCallError {
  const err = graphErrorOf(text);
  const code = err.code ?? `HTTP ${status}`;
  const said = err.message ? `: ${oneLine(err.message)}` : '';
  const on = `GET ${ctx.path}`;
  if (status === 403 || status === 400) {
    if (err.code && LICENCE_CODES.test(err.code)) {
      return new GraphCallError(
        'licence',
        ctx.path,
        `${on}: the tenant has no licence for it${ctx.licence ? ` (needs ${ctx.licence})` : ''} (Graph: ${code}${said})`,
        status,
        code,
      );
    }
  }
  if (status === 403) {
    const need = ctx.permission ? `${ctx.permission} needed for ${ctx.path}` : 'permission denied';
    return new GraphCallError(
      'denied',
      ctx.path,
      `${on}: 403 Forbidden: ${need} (Graph: ${code}${said})`,
      status,
      code,
    );
  }
  if (status === 401) {
    return new GraphCallError(
      'unauthorized',
      ctx.path,
      `${on}: 401 Unauthorized: Graph rejected the access token (Graph: ${code}${said}); sign in again`,
      status,
      code,
    );
  }
  if (status === 404) {
    const what = ctx.beta
      ? `not available in this tenant (beta endpoint or feature missing${ctx.licence ? `, or no ${ctx.licence}` : ''})`
      : 'not found';
    return new GraphCallError(
      'not-found',
      ctx.path,
      `${on}: 404 ${what} (Graph: ${code}${said})`,
      status,
      code,
    );
  }
  if (status === 429)
    return new GraphCallError(
      'throttled',
      ctx.path,
      `${on}: 429 Too Many Requests (Graph: ${code}${said})`,
      status,
      code,
    );
  if (status >= 500)
    return new GraphCallError(
      'server',
      ctx.path,
      `${on}: Graph answered HTTP ${status} (${code}${said})`,
      status,
      code,
    );
  if (status === 400)
    return new GraphCallError(
      'bad-request',
      ctx.path,
      `${on}: 400 Bad Request (Graph: ${code}${said})`,
      status,
      code,
    );
  return new GraphCallError('other', ctx.path, `${on}: HTTP ${status} (Graph: ${code}${said})`, status, code);
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function shape(e: unknown): ErrorShape {
  return e !== null && typeof e === 'object' ? (e as ErrorShape) : { message: String(e) };
}

export function isAbortError(error: unknown): boolean {
  const e = shape(error);
  return error instanceof ScanCancelledError || e.name === 'AbortError' || e.code === 'ABORT_ERR';
}

/** Classify an exception thrown while sending (no HTTP status came back). */
export function thrownFailure(error: unknown, ctx: FailureContext): GraphCallError {
  if (error instanceof GraphCallError) return error;
  if (error instanceof ReadOnlyViolationError)
    return new GraphCallError('read-only', ctx.path, error.message, undefined, 'ReadOnlyViolation');
  if (isAbortError(error))
    return new GraphCallError('cancelled', ctx.path, `GET ${ctx.path}: cancelled`, undefined, 'Cancelled');
  // A token that can no longer be had (refresh failed mid-scan) stops every request alike.
  if (error instanceof SignInError)
    return new GraphCallError('unauthorized', ctx.path, error.message, undefined, 'SignInFailed');
  const e = shape(error);
  const cause = shape(e.cause);
  const netCode = [e.code, cause.code].find(
    (c): c is string => typeof c === 'string' && NETWORK_CODES.has(c),
  );
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (netCode || /fetch failed|socket|other side closed|terminated/i.test(message)) {
    return new GraphCallError(
      'network',
      ctx.path,
      `GET ${ctx.path}: connection failed (${netCode ?? oneLine(typeof cause.message === 'string' ? cause.message : message, 80)})`,
      undefined,
      netCode ?? 'NetworkError',
    );
  }
  // Credential failures (sign-in) surface here too: keep their first line, it names the cause.
  return new GraphCallError(
    'other',
    ctx.path,
    `GET ${ctx.path}: ${oneLine(message.split('\n')[0] ?? message)}`,
    undefined,
    String(e.name ?? 'Error'),
  );
}

/** The same failure after n attempts, for the final message. */
export function afterAttempts(error: GraphCallError, attempts: number): GraphCallError {
  if (attempts <= 1) return error;
  return new GraphCallError(
    error.kind,
    error.path,
    `${error.message} after ${attempts} attempts`,
    error.status,
    error.code,
    attempts,
  );
}
