import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readEntraDir,
  requestPathOf,
  transformEntraImport,
  writeEntraDir,
  type EntraRaw,
} from '../../../collectors/entra';
import { InputError } from '../../../model/errors';
import { FIXTURE_DIR, IDS } from './fixture-ids';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'entra-read-'));
  dirs.push(dir);
  return dir;
}

/** A copy of the Contoso fixture to break. */
async function fixtureCopy(): Promise<string> {
  const dir = await tempDir();
  await cp(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

async function put(dir: string, rel: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), content);
}

const org = { value: [{ id: IDS.tenant, displayName: 'Contoso Research' }] };
const sp = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  appId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName: `sp ${n}`,
  servicePrincipalType: 'Application',
  ...extra,
});

/** The smallest folder that is a complete export. */
async function minimalExport(spPages: unknown[][] = [[sp(1)]]): Promise<string> {
  const dir = await tempDir();
  await put(dir, 'v1.0/organization.json', JSON.stringify(org));
  await put(dir, 'v1.0/applications.json', JSON.stringify({ value: [] }));
  for (const [i, page] of spPages.entries()) {
    await put(
      dir,
      `v1.0/servicePrincipals${i === 0 ? '' : `.${i + 1}`}.json`,
      JSON.stringify({ value: page }),
    );
  }
  return dir;
}

async function readError(dir: string): Promise<InputError> {
  const err = await readEntraDir(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('requestPathOf', () => {
  it('strips .json and a numeric page suffix, keeping dots inside the path', () => {
    expect(requestPathOf('v1.0/servicePrincipals.json')).toEqual({ path: 'v1.0/servicePrincipals', page: 1 });
    expect(requestPathOf('v1.0/servicePrincipals.12.json')).toEqual({
      path: 'v1.0/servicePrincipals',
      page: 12,
    });
    expect(requestPathOf('beta/servicePrincipals/microsoft.graph.agentIdentity.2.json')).toEqual({
      path: 'beta/servicePrincipals/microsoft.graph.agentIdentity',
      page: 2,
    });
    expect(requestPathOf('README.md')).toBeUndefined();
  });
});

describe('readEntraDir', () => {
  it('reads the fixture: known endpoints only, pages concatenated, secrets stripped while reading', async () => {
    const read = await readEntraDir(FIXTURE_DIR);
    const sps = read.raw['v1.0/servicePrincipals'] as { id: string }[];
    expect(sps.map((s) => s.id)).toEqual([
      IDS.graphSp,
      IDS.teamsSp,
      IDS.ciSp,
      IDS.miSp,
      IDS.agentSp,
      IDS.blueprintSp,
      IDS.acmeSp,
      IDS.legacySp,
    ]);
    expect(Object.keys(read.raw)).toContain(`v1.0/applications/${IDS.ciApp}/owners`);
    expect(Object.keys(read.raw)).not.toContain('v1.0/users');
    expect(read.files.some((f) => f.endsWith('README.md'))).toBe(false);
    expect(read.notes).toEqual([
      { path: 'v1.0/users.json', kind: 'ignored', message: expect.stringContaining('ignored') },
    ]);
    // The fixture's files hold `hint`; what was read does not.
    expect(await readFile(join(FIXTURE_DIR, 'v1.0/applications.json'), 'utf8')).toContain('"hint"');
    expect(JSON.stringify(read.raw)).not.toMatch(/"hint"|secretText/);
  });

  it('concatenates pages in numeric order 1, 2, ..., 10', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => [sp(i + 1)]);
    const dir = await minimalExport(pages);
    const read = await readEntraDir(dir);
    const names = (read.raw['v1.0/servicePrincipals'] as { displayName: string }[]).map((s) => s.displayName);
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `sp ${i + 1}`));
    const inv = transformEntraImport(read, '2025-06-01T00:00:00Z');
    expect(inv.identities.map((i) => i.name)).toEqual(names);
  });

  it('rejects a missing page and a page given twice', async () => {
    const gap = await minimalExport([[sp(1)], [sp(2)]]);
    await put(gap, 'v1.0/servicePrincipals.4.json', JSON.stringify({ value: [sp(4)] }));
    expect((await readError(gap)).message).toMatch(/page 3 of v1\.0\/servicePrincipals is missing/);

    const twice = await minimalExport([[sp(1)]]);
    await put(twice, 'v1.0/servicePrincipals.1.json', JSON.stringify({ value: [sp(9)] }));
    expect((await readError(twice)).message).toMatch(/is page 1 of v1\.0\/servicePrincipals too/);
  });

  it('names the missing required endpoints', async () => {
    const dir = await fixtureCopy();
    await unlink(join(dir, 'v1.0/applications.json'));
    await unlink(join(dir, 'v1.0/organization.json'));
    const err = await readError(dir);
    expect(err.file).toBe(dir);
    expect(err.problem).toBe(
      'not a complete Entra export: v1.0/organization.json, v1.0/applications.json missing',
    );
  });

  it('hints at the folder layout when responses sit at the top level', async () => {
    const dir = await tempDir();
    await put(dir, 'organization.json', JSON.stringify(org));
    await put(dir, 'servicePrincipals.json', JSON.stringify({ value: [] }));
    expect((await readError(dir)).message).toMatch(/belong under v1\.0\/ and beta\//);
  });

  // Truncated, empty, compressed and UTF-16 files: test/collectors/import (both providers).
  it('reports a JSON syntax error in an exported page with its file, line and column', async () => {
    const dir = await fixtureCopy();
    const file = join(dir, 'v1.0/servicePrincipals.2.json');
    const lines = (await readFile(file, 'utf8')).split('\n');
    // Line 5 is `"id": "...",` of the first item: drop its comma.
    expect(lines[4]).toMatch(/^ {6}"id": ".*",$/);
    lines[4] = (lines[4] ?? '').replace(/,$/, '');
    await writeFile(file, lines.join('\n'));
    const err = await readError(dir);
    expect(err.file).toBe(file);
    expect(err.where).toBe('line 6, column 7');
    expect(err.problem).toBe(`invalid JSON: unexpected '"', expected ',' or '}'`);
  });

  it('reports a shape error with the JSON path of the bad field', async () => {
    const items = Array.from({ length: 13 }, (_, i) => sp(i + 1, { appRoles: [] }));
    items[12] = sp(13, { appRoles: [{ id: 42, value: 'Broken.Role' }] });
    const dir = await minimalExport([items]);
    const err = await readError(dir);
    expect(err.file).toBe(join(dir, 'v1.0/servicePrincipals.json'));
    expect(err.where).toBe('value[12].appRoles[0].id');
    expect(err.problem).toBe('expected string, received number');
    expect(err.message).toBe(
      `${join(dir, 'v1.0/servicePrincipals.json')}: value[12].appRoles[0].id: expected string, received number`,
    );
  });

  it('rejects files that are not Graph list responses, and Graph error bodies', async () => {
    const dir = await minimalExport();
    await put(dir, 'v1.0/oauth2PermissionGrants.json', JSON.stringify([{ id: 'x' }]));
    expect((await readError(dir)).problem).toBe(
      'expected an object with a `value` array, as Graph returns; found an array',
    );

    await put(dir, 'v1.0/oauth2PermissionGrants.json', JSON.stringify({ value: { id: 'x' } }));
    expect(await readError(dir)).toMatchObject({ where: 'value', problem: 'expected an array' });

    await put(
      dir,
      'v1.0/oauth2PermissionGrants.json',
      JSON.stringify({
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        },
      }),
    );
    expect((await readError(dir)).problem).toMatch(/Graph error response.*Authorization_RequestDenied/);
  });

  it('accepts organization as a single object', async () => {
    const dir = await minimalExport();
    await put(
      dir,
      'v1.0/organization.json',
      JSON.stringify({ id: IDS.tenant, displayName: 'Contoso Research' }),
    );
    const read = await readEntraDir(dir);
    expect(read.raw['v1.0/organization']).toEqual([{ id: IDS.tenant, displayName: 'Contoso Research' }]);
  });

  it('notes an endpoint whose last page still points at a next page', async () => {
    const dir = await minimalExport();
    await put(
      dir,
      'beta/reports/servicePrincipalSignInActivities.json',
      JSON.stringify({
        '@odata.nextLink':
          'https://graph.microsoft.com/beta/reports/servicePrincipalSignInActivities?$skiptoken=abc',
        value: [{ appId: sp(1).appId, lastSignInActivity: { lastSignInDateTime: '2025-05-01T00:00:00Z' } }],
      }),
    );
    const read = await readEntraDir(dir);
    expect(read.notes).toEqual([
      expect.objectContaining({ kind: 'incomplete', path: 'beta/reports/servicePrincipalSignInActivities' }),
    ]);
    const inv = transformEntraImport(read, '2025-06-01T00:00:00Z');
    expect(
      inv.coverage.find((c) => c.area.endsWith('incomplete:beta/reports/servicePrincipalSignInActivities')),
    ).toMatchObject({
      status: 'partial',
      message: expect.stringContaining('@odata.nextLink'),
    });
    // What was read is still used.
    expect(inv.activities).toHaveLength(1);
  });

  it('rejects a path that is not a folder', async () => {
    const dir = await tempDir();
    await put(dir, 'file.json', '{}');
    expect((await readError(join(dir, 'file.json'))).problem).toMatch(/not a folder/);
    expect((await readError(join(dir, 'nope'))).problem).toBe('folder not found');
  });
});

describe('writeEntraDir', () => {
  it('writes pages the reader reads back identically, without secret material', async () => {
    const read = await readEntraDir(FIXTURE_DIR);
    const withSecrets: EntraRaw = {
      ...read.raw,
      'v1.0/applications': (read.raw['v1.0/applications'] as Record<string, unknown>[]).map((a) => ({
        ...a,
        passwordCredentials: [
          { keyId: 'k1', hint: 'abc', secretText: 'abc-very-secret', endDateTime: '2030-01-01T00:00:00Z' },
        ],
        keyCredentials: [
          { keyId: 'k2', key: 'MIIBase64CertBlob', type: 'AsymmetricX509Cert', usage: 'Verify' },
        ],
      })),
    };
    const dir = await tempDir();
    const files = await writeEntraDir(dir, withSecrets, { pageSize: 3 });
    expect(files).toContain(join(dir, 'v1.0/servicePrincipals.json'));
    expect(files).toContain(join(dir, 'v1.0/servicePrincipals.3.json'));
    expect(files).not.toContain(join(dir, 'v1.0/servicePrincipals.4.json'));
    const written = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    expect(written.join('\n')).not.toMatch(/abc-very-secret|MIIBase64CertBlob|"hint"/);

    const back = await readEntraDir(dir);
    expect(back.raw['v1.0/servicePrincipals']).toEqual(read.raw['v1.0/servicePrincipals']);
    expect(Object.keys(back.raw).sort()).toEqual(Object.keys(read.raw).sort());
    // Empty lists are written as one empty page, so "none" stays distinct from "not exported".
    expect(back.raw[`v1.0/applications/${IDS.hrApp}/owners`]).toEqual([]);
  });

  it('refuses request paths that would leave the folder', async () => {
    const dir = await tempDir();
    await expect(writeEntraDir(dir, { '../outside': [] })).rejects.toThrow(/not a Graph request path/);
    await expect(writeEntraDir(dir, { 'v1.0/a/../../b': [] })).rejects.toThrow(/not a Graph request path/);
  });
});
