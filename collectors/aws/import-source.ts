/**
 * The offline import's source rows and the whole-import transform: one source per account, one
 * transform call per account, merged.
 */
import { mergeInventories, type Inventory, type Source } from '../../model/inventory';
import type { AwsAccountImport } from './read-files';
import { transformAwsAccount } from './transform';

export function awsImportSource(accountId: string, inputs: readonly string[]): Source {
  return {
    id: `aws:${accountId}:import`,
    provider: 'aws',
    method: 'import',
    account: accountId,
    label: `AWS account ${accountId} (offline import)`,
    inputs: [...inputs],
  };
}

/** Transforms every account read by `readAwsImportDir` / `readAwsFiles` into one inventory. */
export function transformAwsImport(accounts: readonly AwsAccountImport[], collectedAt: string): Inventory {
  return mergeInventories(
    accounts.map((a) =>
      transformAwsAccount(a.raw, { source: awsImportSource(a.accountId, a.files), collectedAt }),
    ),
  );
}
