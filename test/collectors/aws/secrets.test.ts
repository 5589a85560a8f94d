import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readAwsImportDir } from '../../../collectors/aws/read-files';
import { transformAwsImport } from '../../../collectors/aws/import-source';
import { inventorySchema } from '../../../model/inventory';
import { COLLECTED_AT, DIR_A, EXPORT_DIR } from './helpers';

describe('secret material', () => {
  it('is in the fixtures, so the test below means something', async () => {
    const texts = await Promise.all(
      [
        'service-specific-credentials.json',
        'lambda-functions.json',
        'agentcore-runtimes.json',
        'bedrock-agents.json',
      ].map((f) => readFile(join(DIR_A, f), 'utf8')),
    );
    const all = texts.join('\n');
    for (const field of [
      'ServicePassword',
      'ServiceCredentialSecret',
      'Environment',
      'environmentVariables',
      'instruction',
    ]) {
      expect(all).toContain(`"${field}"`);
    }
    expect(all.match(/FIXTURE-SECRET/g)).toHaveLength(5);
  });

  it('never survives the import: no secret value and no secret-bearing field in the inventory', async () => {
    const inv = inventorySchema.parse(transformAwsImport(await readAwsImportDir(EXPORT_DIR), COLLECTED_AT));
    const json = JSON.stringify(inv);
    expect(json).not.toContain('FIXTURE-SECRET');
    for (const field of [
      'ServicePassword',
      'ServiceCredentialSecret',
      'Environment',
      'environmentVariables',
      'OPENAI_API_KEY',
      'API_TOKEN',
    ]) {
      expect(json).not.toContain(field);
    }
    // The credentials that came with secrets are still there, as metadata.
    expect(inv.credentials.some((c) => c.nativeId === 'ACCAQ3EXAMPLEBEDROCK1')).toBe(true);
    expect(inv.workloads).toHaveLength(3);
  });
});
