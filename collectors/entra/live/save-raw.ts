/**
 * `--save-raw DIR`: the raw Graph responses of a live scan, written in the offline import's folder
 * format so the scan can be re-imported (same inventory) and shared. A list that stopped early
 * keeps Graph's `@odata.nextLink` on its last page, so the import reports it as incomplete too.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../../model/errors';
import { writeEntraDir } from '../index';
import type { EntraCollection } from './collect';

/** Graph's largest page: the saved files mirror what a live scan read. */
export const SAVED_PAGE_SIZE = 999;

/** Refuses a folder holding anything: stale pages of an earlier scan would be read as data. */
export async function assertEmptyFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new UsageError(`--save-raw ${dir}: ${e.message}`);
  });
  if (entries.length > 0) throw new UsageError(`--save-raw ${dir} is not empty; choose a new folder`);
}

export async function saveEntraRaw(
  dir: string,
  collection: EntraCollection,
  info: { graphBaseUrl: string; tenantId: string; collectedAt: string },
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = await writeEntraDir(dir, collection.raw, { pageSize: SAVED_PAGE_SIZE });
  for (const [path, stoppedAt] of Object.entries(collection.stoppedAt)) {
    const items = collection.raw[path]?.length ?? 0;
    const pages = Math.max(1, Math.ceil(items / SAVED_PAGE_SIZE));
    const file = join(dir, ...path.split('/')) + (pages === 1 ? '.json' : `.${pages}.json`);
    const page = JSON.parse(await readFile(file, 'utf8')) as { value: unknown[] };
    const link = `${info.graphBaseUrl.replace(/\/+$/, '')}/${stoppedAt}`;
    await writeFile(
      file,
      `${JSON.stringify({ '@odata.nextLink': link, value: page.value }, null, 2)}\n`,
      'utf8',
    );
  }
  const lines = [
    'Entra ID raw Graph responses saved by agent-anchor scan --save-raw',
    `Tenant:    ${info.tenantId}`,
    `Graph:     ${info.graphBaseUrl}`,
    `Collected: ${info.collectedAt}`,
    `Status:    ${collection.cancelled ? 'cancelled' : collection.fatal ? 'stopped' : 'finished'}`,
    '',
    'Endpoints not read completely:',
    ...collection.outcomes
      .filter((o) => o.status !== 'complete')
      .map((o) => `  ${o.status}: ${o.message ?? o.path}`),
    '',
    `Import it with: agent-anchor import --entra-dir "${dir}"`,
  ];
  await writeFile(join(dir, 'EXPORT-INFO.txt'), `${lines.join('\n')}\n`, 'utf8');
  return files;
}
