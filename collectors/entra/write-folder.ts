/**
 * Write EntraRaw back as an export folder (docs/import-formats.md): the demo generator and the
 * live collector's --save-raw produce folders the import reads like a real export.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../../model/errors';
import type { EntraRaw } from './parse-raw';

/** Graph's own default page size for directory objects. */
export const DEFAULT_PAGE_SIZE = 100;

/** Fields Graph fills with secret material; never written, whatever the input holds. */
function scrubSecrets(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, parentKey));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'secretText' && k !== 'hint' && !(parentKey === 'keyCredentials' && k === 'key'))
      .map(([k, v]) => [k, scrubSecrets(v, k)]),
  );
}

function pathSegments(path: string): string[] {
  const segments = path.split('/');
  const bad = segments.find((s) => s === '' || s === '.' || s === '..' || /[\\:\0]/.test(s));
  if (bad !== undefined)
    throw new UsageError(`not a Graph request path that can be a file name: ${JSON.stringify(path)}`);
  return segments;
}

/**
 * Write each request path as `<path>.json`, `<path>.2.json`, ... with at most `pageSize` items
 * per page. Returns the files written.
 */
export async function writeEntraDir(
  dir: string,
  raw: EntraRaw,
  options: { pageSize?: number } = {},
): Promise<string[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new UsageError(`page size must be a positive integer: ${pageSize}`);
  const written: string[] = [];
  for (const [path, items] of Object.entries(raw)) {
    const base = join(dir, ...pathSegments(path));
    const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
    await mkdir(dirname(base), { recursive: true });
    for (let i = 0; i < pageCount; i++) {
      const file = `${base}${i === 0 ? '' : `.${i + 1}`}.json`;
      const value = scrubSecrets(items.slice(i * pageSize, (i + 1) * pageSize));
      await writeFile(file, `${JSON.stringify({ value }, null, 2)}\n`, 'utf8');
      written.push(file);
    }
  }
  return written;
}
