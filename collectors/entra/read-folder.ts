/**
 * The I/O half of the Entra import: read an export folder (docs/import-formats.md) into EntraRaw.
 * Each file is one Graph response named after its request path, optionally split into pages
 * (`servicePrincipals.json`, `servicePrincipals.2.json`, ...). Files are checked as they are read
 * so an error names the file and the place in it; the transform then works on validated data.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../model/errors';
import { readJsonFile } from '../import/json-file';
import { matchEndpoint, REQUIRED_ENDPOINTS, type Endpoint } from './endpoints';
import { parseItems, type EntraRaw } from './parse-raw';
import type { ReadNote } from './read-note';

export interface EntraDirRead {
  /** The folder as given. */
  dir: string;
  raw: EntraRaw;
  /** Every file read, as a path under the folder given. */
  files: string[];
  /** Incomplete paging and ignored files, for the scan's coverage. */
  notes: ReadNote[];
}

/** Folders deeper than this are not part of an export (the deepest path has five segments). */
const MAX_DEPTH = 8;
const SHAPE = 'expected an object with a `value` array, as Graph returns';

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string[], depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    const entries = await readdir(join(root, ...rel), { withFileTypes: true });
    for (const entry of entries) {
      // Symbolic links are not followed: a link loop must not hang the import.
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) await walk([...rel, entry.name], depth + 1);
      } else if (entry.isFile()) out.push([...rel, entry.name].join('/'));
    }
  };
  await walk([], 0);
  return out.sort();
}

interface PageFile {
  page: number;
  rel: string;
}

/** `v1.0/servicePrincipals.2.json` -> path `v1.0/servicePrincipals`, page 2. */
export function requestPathOf(rel: string): { path: string; page: number } | undefined {
  const m = /^(.+?)(?:\.(\d+))?\.json$/i.exec(rel);
  if (!m?.[1]) return undefined;
  return { path: m[1], page: m[2] === undefined ? 1 : Number(m[2]) };
}

function pageItems(doc: unknown, endpoint: Endpoint, file: string): readonly unknown[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(file, '', `${SHAPE}; found ${Array.isArray(doc) ? 'an array' : typeof doc}`);
  }
  const body = doc as Record<string, unknown>;
  if ('value' in body) {
    if (!Array.isArray(body.value)) throw new InputError(file, 'value', 'expected an array');
    return body.value as unknown[];
  }
  // A single-object response, such as GET /organization/{id} or /policies/defaultAppManagementPolicy.
  if ((endpoint.key === 'organization' || endpoint.singleObject) && typeof body.id === 'string')
    return [body];
  const error = body.error as { code?: unknown; message?: unknown } | undefined;
  if (error && typeof error === 'object') {
    throw new InputError(
      file,
      'error',
      `the file holds a Graph error response, not data: ${String(error.code ?? '')} ${String(error.message ?? '')}`.trim(),
    );
  }
  throw new InputError(file, '', SHAPE);
}

function hasNextLink(doc: unknown): boolean {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    typeof (doc as Record<string, unknown>)['@odata.nextLink'] === 'string'
  );
}

const READ_CONCURRENCY = 32;

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length);
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < items.length) {
      const i = index++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Read an Entra export folder. Throws InputError naming the file, place and problem. */
export async function readEntraDir(dir: string): Promise<EntraDirRead> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new InputError(dir, '', 'folder not found');
  if (!info.isDirectory())
    throw new InputError(dir, '', 'not a folder: give the folder the Entra export script wrote');

  const notes: ReadNote[] = [];
  const groups = new Map<string, { endpoint: Endpoint; pages: PageFile[] }>();
  for (const rel of await listFiles(dir)) {
    if (!rel.toLowerCase().endsWith('.json')) continue; // README, logs: not data
    const parsed = requestPathOf(rel);
    const match = parsed ? matchEndpoint(parsed.path) : undefined;
    if (!parsed || !match) {
      notes.push({
        path: rel,
        kind: 'ignored',
        message: `${rel} is not a Graph response the Entra import reads; ignored`,
      });
      continue;
    }
    const group = groups.get(parsed.path) ?? { endpoint: match.endpoint, pages: [] };
    group.pages.push({ page: parsed.page, rel });
    groups.set(parsed.path, group);
  }

  const foundKeys = new Set([...groups.values()].map((g) => g.endpoint.key));
  const missing = REQUIRED_ENDPOINTS.filter((e) => !foundKeys.has(e.key));
  if (missing.length > 0) {
    const atTop = notes.some((n) =>
      /^(organization|servicePrincipals|applications)(\.\d+)?\.json$/i.test(n.path),
    );
    throw new InputError(
      dir,
      '',
      `not a complete Entra export: ${missing.map((e) => `${e.path}.json`).join(', ')} missing` +
        (atTop ? ' (files belong under v1.0/ and beta/ as the export script writes them)' : ''),
    );
  }

  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [path, group] of ordered) {
    const pages = [...group.pages].sort((a, b) => a.page - b.page);
    group.pages = pages;
    pages.forEach((p, i) => {
      const other = pages[i - 1];
      if (other && other.page === p.page) {
        throw new InputError(
          join(dir, p.rel),
          '',
          `${other.rel} is page ${p.page} of ${path} too; keep one of them`,
        );
      }
      if (p.page !== i + 1) {
        throw new InputError(
          join(dir, p.rel),
          '',
          `page ${i + 1} of ${path} is missing (pages are numbered 1, 2, 3, ...)`,
        );
      }
    });
  }

  // A large tenant's export holds one small file per object (owners, federated credentials):
  // reading them one after another is bound by file system latency, so read several at a time.
  const allFiles = ordered.flatMap(([, group]) => group.pages.map((p) => join(dir, p.rel)));
  const docs = await mapWithConcurrency(allFiles, READ_CONCURRENCY, (file) =>
    readJsonFile(file, 'a Graph JSON response'),
  );

  const raw: Record<string, unknown[]> = {};
  const files: string[] = [];
  let next = 0;
  for (const [path, group] of ordered) {
    const items: unknown[] = [];
    let last: unknown;
    for (let i = 0; i < group.pages.length; i++) {
      const file = allFiles[next] ?? '';
      last = docs[next];
      docs[next] = undefined; // let the parsed page go once its items are taken
      next++;
      // Parsing validates and strips fields we do not read, secret material among them.
      for (const item of parseItems(group.endpoint.itemSchema, pageItems(last, group.endpoint, file), file))
        items.push(item);
      files.push(file);
    }
    if (hasNextLink(last)) {
      notes.push({
        path,
        kind: 'incomplete',
        message: `the last page of ${path} has @odata.nextLink: the export stopped before the end, later pages are missing`,
      });
    }
    raw[path] = items;
  }
  return { dir, raw, files, notes };
}
