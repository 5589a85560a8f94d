/**
 * One account, end to end: read every area (independent areas in parallel, under the scan's
 * concurrency limit), then run the same pure transform as the offline import, then add what only
 * a live scan knows (why the authorization details are incomplete, how the account was reached).
 */
import type { Coverage, Inventory, Source } from '../../../model/inventory';
import { stagedAwsTransform } from '../transform';
import type { AccountContext } from './account-context';
import {
  collectAuthorizationDetails,
  collectCredentialReport,
  collectMissingAccessKeys,
  collectServicesLastAccessed,
  collectServiceSpecificCredentials,
} from './collect-iam';
import {
  collectAgentRuntimes,
  collectBedrockAgents,
  collectLambdaFunctions,
  collectUnusedAccessFindings,
} from './collect-regional';

export interface AccountScanResult {
  inventory: Inventory;
  status: 'complete' | 'partial' | 'failed';
  cancelled: boolean;
}

/** A coverage row of the inventory, changed in place (the transform wrote it; the scan knows more). */
function amendCoverage(inv: Inventory, area: string, status: Coverage['status'], message: string): void {
  const row = inv.coverage.find((c) => c.area === area);
  if (!row) return;
  row.status = status;
  row.message = row.message ? `${row.message}; ${message}` : message;
}

export async function scanAccount(
  ctx: AccountContext,
  source: Source,
  collectedAt: string,
  reachedVia: string,
): Promise<AccountScanResult> {
  const started = Date.now();
  const transform = stagedAwsTransform(
    ctx.raw,
    { source, collectedAt },
    () => new Promise((resolve) => setImmediate(resolve)),
  );
  await Promise.all([
    // The authorization details are most of the transform's work: it starts on them while the
    // account's other calls are out, so that little of it is left once the last answer is in.
    collectAuthorizationDetails(ctx).then(() => transform.authPart()),
    collectCredentialReport(ctx),
    collectServiceSpecificCredentials(ctx),
    collectBedrockAgents(ctx),
    collectAgentRuntimes(ctx),
    collectLambdaFunctions(ctx),
    collectUnusedAccessFindings(ctx),
  ]);
  // These need the users and roles read above.
  if (!ctx.runtime.cancelled) await collectMissingAccessKeys(ctx);
  if (ctx.settings.lastAccessed) {
    if (ctx.runtime.cancelled)
      ctx.note('service-last-accessed', { status: 'failed', message: 'not read: the scan was cancelled' });
    else await collectServicesLastAccessed(ctx);
  }
  if (ctx.runtime.cancelled) ctx.cancelled = true;

  ctx.progress('transform');
  const inventory = await transform.finish();
  const area = `aws:${ctx.accountId}:authorization-details`;
  if (ctx.authProblems.length > 0) {
    amendCoverage(
      inventory,
      area,
      ctx.raw.authDetails.length === 0 ? 'failed' : 'partial',
      ctx.authProblems.join('; '),
    );
  }
  const status = inventory.coverage.some((c) => c.status === 'failed' || c.status === 'partial')
    ? 'partial'
    : 'complete';
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  inventory.coverage.push({
    sourceId: source.id,
    area: `aws:${ctx.accountId}:account`,
    status: ctx.cancelled ? 'partial' : 'complete',
    itemCount: inventory.identities.length,
    message: [
      `scanned ${reachedVia} in ${seconds} s`,
      ctx.cancelled ? 'the scan was cancelled: what was read before is kept' : undefined,
    ]
      .filter(Boolean)
      .join('; '),
  });
  return { inventory, status: ctx.cancelled ? 'partial' : status, cancelled: ctx.cancelled };
}

/** The inventory of an account that could not be scanned at all: its source and the reason. */
export function failedAccountInventory(
  source: Source,
  account: string,
  reason: string,
  status: 'failed' | 'skipped' = 'failed',
): Inventory {
  return {
    sources: [source],
    coverage: [
      { sourceId: source.id, area: `aws:${account}:account`, status, itemCount: 0, message: reason },
    ],
    identities: [],
    credentials: [],
    grants: [],
    trusts: [],
    activities: [],
    workloads: [],
  };
}
