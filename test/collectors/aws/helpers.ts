/** Shared fixtures and helpers of the AWS collector tests. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventorySchema, type Inventory, type Source } from '../../../model/inventory';
import { awsImportSource } from '../../../collectors/aws/import-source';
import { readAwsAccountDir } from '../../../collectors/aws/read-files';
import { transformAwsAccount } from '../../../collectors/aws/transform';
import type { AwsAccountRaw } from '../../../collectors/aws/raw-schemas';

export const EXPORT_DIR = join(__dirname, '..', '..', 'fixtures', 'aws', 'export');
export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
export const DIR_A = join(EXPORT_DIR, ACCOUNT_A);
export const DIR_B = join(EXPORT_DIR, ACCOUNT_B);
export const COLLECTED_AT = '2025-06-01T00:00:00.000Z';

export function sourceFor(account: string): Source {
  return awsImportSource(account, ['fixture']);
}

/** Transform and validate against the model, as every consumer will. */
export function transform(raw: AwsAccountRaw, account: string): Inventory {
  return inventorySchema.parse(
    transformAwsAccount(raw, { source: sourceFor(account), collectedAt: COLLECTED_AT }),
  );
}

export async function importAccount(dir: string, account: string): Promise<Inventory> {
  const { raw } = await readAwsAccountDir(dir);
  return transform(raw, account);
}

export async function readFixtureJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** A temporary folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-anchor-aws-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(value, null, 2));
}

export const roleId = (account: string, name: string) => `aws:arn:aws:iam::${account}:role/${name}`;
export const userId = (account: string, name: string) => `aws:arn:aws:iam::${account}:user/${name}`;
