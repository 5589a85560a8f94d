/**
 * Both importers read their JSON files through collectors/import: each way a file can be unreadable
 * gives the same clear message for an AWS export and an Entra export, naming the file, and the
 * empty-file message says what that provider's file should hold.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readAwsImportDir } from '../../../collectors/aws/read-files';
import { readEntraDir } from '../../../collectors/entra/read-folder';
import type { InputError } from '../../../model/errors';
import { inputErrorOf, tempDirPerTest } from './helpers';

const ACCOUNT = '111122223333';
const TENANT = 'e9a283cd-7fd4-4754-8730-223dc9c04d27';

interface Provider {
  name: string;
  /** The file under test, relative to the export folder. */
  rel: string;
  /** The other files a complete export needs. */
  others: Record<string, unknown>;
  /** A valid document for the file under test, with items that show it was read. */
  valid: unknown;
  read: (dir: string) => Promise<unknown>;
  /** The items read from the file under test. */
  items: (read: unknown) => unknown;
  emptyProblem: string;
}

const PROVIDERS: Provider[] = [
  {
    name: 'AWS',
    rel: 'account-authorization-details.json',
    others: {},
    valid: { RoleDetailList: [{ RoleName: 'r', Arn: `arn:aws:iam::${ACCOUNT}:role/r` }] },
    read: readAwsImportDir,
    items: (read) => (read as Awaited<ReturnType<typeof readAwsImportDir>>)[0]?.raw.authDetails,
    emptyProblem: 'the file is empty; expected the output of aws iam get-account-authorization-details',
  },
  {
    name: 'Entra',
    rel: 'v1.0/servicePrincipals.json',
    others: {
      'v1.0/organization.json': { value: [{ id: TENANT, displayName: 'Contoso' }] },
      'v1.0/applications.json': { value: [] },
    },
    valid: {
      value: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          appId: '10000000-0000-4000-8000-000000000001',
          displayName: 'sp 1',
          servicePrincipalType: 'Application',
        },
      ],
    },
    read: readEntraDir,
    items: (read) => [
      { value: (read as Awaited<ReturnType<typeof readEntraDir>>).raw['v1.0/servicePrincipals'] },
    ],
    emptyProblem: 'the file is empty; expected a Graph JSON response',
  },
];

const root = tempDirPerTest();

/** An export of `provider` whose file under test holds `content`; returns the folder and that file. */
async function exportWith(
  provider: Provider,
  content: string | Buffer,
): Promise<{ dir: string; file: string }> {
  const dir = join(root(), provider.name);
  for (const [rel, doc] of Object.entries(provider.others)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), JSON.stringify(doc));
  }
  const file = join(dir, provider.rel);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  return { dir, file };
}

async function readError(provider: Provider, content: string | Buffer): Promise<InputError> {
  const { dir, file } = await exportWith(provider, content);
  return inputErrorOf(provider.read(dir), file);
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

describe.each(PROVIDERS)('$name export files', (provider) => {
  it('are read as UTF-8 with or without BOM and as UTF-16 LE or BE with BOM', async () => {
    const text = pretty(provider.valid);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const content of [text, `\uFEFF${text}`, le, be]) {
      const { dir } = await exportWith(provider, content);
      expect(provider.items(await provider.read(dir))).toEqual([provider.valid]);
    }
  });

  it('say what an empty file should have held', async () => {
    for (const content of ['', '\n  \n']) {
      expect(await readError(provider, content)).toMatchObject({ where: '', problem: provider.emptyProblem });
    }
  });

  it('name line and column of a syntax error', async () => {
    // Drop the comma after the first property of the first item (line 4 of the pretty text).
    const lines = pretty(provider.valid).split('\n');
    lines[3] = (lines[3] ?? '').replace(/,$/, '');
    const e = await readError(provider, lines.join('\n'));
    expect(e.where).toBe('line 5, column 7');
    expect(e.problem).toBe(`invalid JSON: unexpected '"', expected ',' or '}'`);
  });

  it('say a truncated file is truncated, at its end', async () => {
    const cut = pretty(provider.valid).slice(0, -12);
    const lines = cut.split('\n');
    const e = await readError(provider, cut);
    expect(e.where).toBe(`line ${lines.length}, column ${(lines[lines.length - 1]?.length ?? 0) + 1}`);
    expect(e.problem).toMatch(/^invalid JSON: unexpected end of file.*\(is the file truncated\?\)$/);
  });

  it('refuse hostile nesting, compressed files and files too large to parse', async () => {
    const deep = `{"value": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect((await readError(provider, deep)).problem).toBe(
      'JSON nests deeper than 64 levels: not a provider export',
    );
    expect((await readError(provider, gzipSync(pretty(provider.valid)))).problem).toBe(
      'the file is gzip-compressed: decompress it first',
    );
    const { dir, file } = await exportWith(provider, '');
    await truncate(file, 600 * 1024 * 1024); // sparse: takes no disk space
    await expect(provider.read(dir)).rejects.toThrow(
      `${file}: the file is 600 MB; files over 500 MB are refused: export in pages instead (name.json, name.2.json, ...)`,
    );
  });
});
