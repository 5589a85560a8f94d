/**
 * The OData query options the emulator honours, as Graph does for directory collections:
 * `$top` (1..999, else 400), `$select` (id and `@odata.type` always come back; an unknown
 * property is 400), server-driven paging with an opaque `$skiptoken` in `@odata.nextLink`.
 * Anything else (`$filter`, `$expand`, ...) is refused rather than silently ignored.
 */

export const MAX_TOP = 999;

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface QueryOptions {
  top?: number;
  select?: string[];
  skip: number;
  /** The query string of later pages: `$top` and `$select` as asked, plus the skip token. */
  carry: string[];
}

const SKIPTOKEN_PREFIX = 'X1';

export function skipToken(offset: number): string {
  return SKIPTOKEN_PREFIX + Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function readSkipToken(token: string): number {
  if (!token.startsWith(SKIPTOKEN_PREFIX))
    throw new ODataError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    );
  try {
    const o = (
      JSON.parse(Buffer.from(token.slice(SKIPTOKEN_PREFIX.length), 'base64url').toString('utf8')) as {
        o?: unknown;
      }
    ).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new ODataError(
    400,
    'Directory_ExpiredPageToken',
    'The specified page token value has expired and can no longer be included in your request.',
  );
}

/** Parse `$top`, `$select`, `$skiptoken` from a raw query string (without `?`). */
export function parseQuery(
  query: string,
  opts: { unknownProperties?: readonly string[]; entityType: string },
): QueryOptions {
  const out: QueryOptions = { skip: 0, carry: [] };
  if (!query) return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const value = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    switch (key.toLowerCase()) {
      case '$top': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > MAX_TOP)
          throw new ODataError(
            400,
            'Request_BadRequest',
            `Invalid page size specified: '${value}'. Must be between 1 and ${MAX_TOP} inclusive.`,
          );
        out.top = n;
        out.carry.push(`$top=${n}`);
        break;
      }
      case '$select': {
        const fields = value
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== '');
        const unknown = fields.find((f) => opts.unknownProperties?.includes(f));
        if (unknown)
          throw new ODataError(
            400,
            'BadRequest',
            `Could not find a property named '${unknown}' on type 'microsoft.graph.${opts.entityType}'.`,
          );
        out.select = fields;
        out.carry.push(`$select=${fields.join(',')}`);
        break;
      }
      case '$skiptoken':
        out.skip = readSkipToken(value);
        break;
      default:
        throw new ODataError(400, 'BadRequest', `Query option '${key}' is not supported by this emulator.`);
    }
  }
  return out;
}

/** Project an item to `$select`: `id` and `@odata.type` stay, absent properties are left out. */
export function project(item: unknown, select: readonly string[] | undefined): unknown {
  if (!select || item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const source = item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['@odata.type', 'id', ...select]) if (Object.hasOwn(source, key)) out[key] = source[key];
  return out;
}
