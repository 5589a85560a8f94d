/**
 * Writes a demo tenant to disk in the offline import layout (docs/import-formats.md):
 * `aws/<account>/...` and `entra/<graph path>.json`, with Graph lists paged at 999 items and
 * authorization details at 1000 entries per page, as the APIs page them.
 */
import { Buffer } from 'node:buffer';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuthorizationDetails, DemoTenant, GraphCollection, JsonObject } from './types';

export const GRAPH_PAGE_SIZE = 999;
export const AUTH_DETAILS_PAGE_SIZE = 1000;
const WRITE_CONCURRENCY = 32;

/** Content is made only when the file is written, so a 100k-identity demo never holds all files as text. */
interface FileJob {
  path: string;
  content: () => string;
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** Split authorization details like MaxItems=1000 does: entries across the four lists, in order. */
export function pageAuthorizationDetails(details: AuthorizationDetails, accountId: string): JsonObject[] {
  const entries: [(typeof LISTS)[number], JsonObject][] = [];
  for (const list of LISTS) for (const item of details[list]) entries.push([list, item]);
  if (entries.length <= AUTH_DETAILS_PAGE_SIZE) return [{ ...details, IsTruncated: false }];
  const pages: JsonObject[] = [];
  for (let start = 0; start < entries.length; start += AUTH_DETAILS_PAGE_SIZE) {
    const page: Record<(typeof LISTS)[number], JsonObject[]> = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    };
    for (const [list, item] of entries.slice(start, start + AUTH_DETAILS_PAGE_SIZE)) page[list].push(item);
    const more = start + AUTH_DETAILS_PAGE_SIZE < entries.length;
    const out: JsonObject = { ...page, IsTruncated: more };
    if (more)
      out.Marker = Buffer.from(
        `${accountId}/${start + AUTH_DETAILS_PAGE_SIZE}/authorization-details`,
      ).toString('base64');
    pages.push(out);
  }
  return pages;
}

/** Split a Graph collection into response bodies of at most 999 items, with OData links. */
export function pageGraphCollection(path: string, collection: GraphCollection): JsonObject[] {
  const slash = path.indexOf('/');
  const version = path.slice(0, slash);
  const rest = path.slice(slash + 1);
  const context = `https://graph.microsoft.com/${version}/$metadata#${rest}`;
  const items = collection.value;
  const pages: JsonObject[] = [];
  for (let start = 0; start === 0 || start < items.length; start += GRAPH_PAGE_SIZE) {
    const page: JsonObject = {};
    if (start === 0) page['@odata.context'] = context;
    if (start + GRAPH_PAGE_SIZE < items.length) {
      const token = Buffer.from(`${rest}:${start + GRAPH_PAGE_SIZE}`).toString('base64url');
      page['@odata.nextLink'] =
        `https://graph.microsoft.com/${version}/${rest}?$top=${GRAPH_PAGE_SIZE}&$skiptoken=${token}`;
    }
    page.value = items.slice(start, start + GRAPH_PAGE_SIZE);
    pages.push(page);
  }
  return pages;
}

/** `X.json`, `X.2.json`, `X.3.json`, ... */
function pageName(base: string, index: number): string {
  return index === 0 ? `${base}.json` : `${base}.${index + 1}.json`;
}

export async function writeDemoFiles(
  dir: string,
  tenant: DemoTenant,
): Promise<{ awsDir: string; entraDir: string; files: number }> {
  const awsDir = join(dir, 'aws');
  const entraDir = join(dir, 'entra');
  const jobs: FileJob[] = [];

  for (const [accountId, files] of Object.entries(tenant.aws)) {
    const accountDir = join(awsDir, accountId);
    const pages = pageAuthorizationDetails(files['account-authorization-details.json'], accountId);
    if (pages.length === 1) {
      jobs.push({
        path: join(accountDir, 'account-authorization-details.json'),
        content: () => JSON.stringify(pages[0]),
      });
    } else {
      pages.forEach((page, i) =>
        jobs.push({
          path: join(accountDir, `account-authorization-details.${i + 1}.json`),
          content: () => JSON.stringify(page),
        }),
      );
    }
    jobs.push({
      path: join(accountDir, 'credential-report.csv'),
      content: () => files['credential-report.csv'],
    });
    for (const name of [
      'service-specific-credentials.json',
      'bedrock-agents.json',
      'agentcore-runtimes.json',
      'lambda-functions.json',
    ] as const) {
      jobs.push({ path: join(accountDir, name), content: () => JSON.stringify(files[name]) });
    }
  }

  for (const [path, collection] of Object.entries(tenant.entra)) {
    const base = join(entraDir, ...path.split('/'));
    pageGraphCollection(path, collection).forEach((page, i) =>
      jobs.push({ path: pageName(base, i), content: () => JSON.stringify(page) }),
    );
  }

  const folders = [...new Set(jobs.map((j) => dirname(j.path)))];
  for (let i = 0; i < folders.length; i += WRITE_CONCURRENCY) {
    await Promise.all(folders.slice(i, i + WRITE_CONCURRENCY).map((d) => mkdir(d, { recursive: true })));
  }
  for (let i = 0; i < jobs.length; i += WRITE_CONCURRENCY) {
    await Promise.all(jobs.slice(i, i + WRITE_CONCURRENCY).map((j) => writeFile(j.path, j.content())));
  }
  return { awsDir, entraDir, files: jobs.length };
}
