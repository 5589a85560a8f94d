/**
 * Marker / NextToken paging as the services do it: an opaque token, a page size the caller asks
 * for (capped by the service's maximum, and optionally by the emulator to force many pages).
 */
import { EmulatorError } from './protocols';

const PREFIX = 'emu1:';

export function encodeToken(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

/** Offset of a token; a token not made here is an error, as with the real services. */
export function decodeToken(token: string | undefined | null, code = 'InvalidInput'): number {
  if (token === undefined || token === null || token === '') return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new EmulatorError(400, code, 'Invalid Marker: the pagination token is not valid');
  }
  return offset;
}

export interface Page<T> {
  items: T[];
  next?: string;
}

export function pageOf<T>(
  items: readonly T[],
  token: string | undefined | null,
  size: number,
  code?: string,
): Page<T> {
  const start = decodeToken(token, code);
  const end = Math.min(items.length, start + Math.max(1, size));
  return { items: items.slice(start, end), ...(end < items.length ? { next: encodeToken(end) } : {}) };
}

/** The page size: the caller's ask (or the default), capped by the service and by `forcedMax`. */
export function pageSize(asked: unknown, fallback: number, max: number, forcedMax?: number): number {
  const n =
    typeof asked === 'number' ? asked : typeof asked === 'string' && asked !== '' ? Number(asked) : fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new EmulatorError(400, 'ValidationError', `page size must be between 1 and ${max}`);
  }
  return forcedMax === undefined ? n : Math.min(n, forcedMax);
}
