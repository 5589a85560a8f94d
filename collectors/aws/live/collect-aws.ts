/**
 * The AWS live collector: one account (the credentials' own, or a role assumed with
 * `--aws-role-arn`) or every account of an AWS Organization (listed from the management or a
 * delegated-admin account, entered through a named audit role). Accounts run in parallel up to a
 * bound; one that cannot be entered is recorded with the reason and the others still land.
 * get -> transform: each account's raw data goes through the offline import's own transform.
 */
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mergeInventories, type Inventory, type Source } from '../../../model/inventory';
import { AccountContext, type AccountScanSettings } from './account-context';
import { AwsClientFactory, type AwsCredentials } from './clients';
import { assumeRole, baseCredentials } from './credentials';
import { AwsCallError, classifyAwsError } from './errors';
import { createLimiter, ScanCancelledError } from './limit';
import {
  PARTITIONS,
  partitionOfArn,
  partitionOfRegion,
  regionalServices,
  type AwsPartition,
} from './partitions';
import { allPages, mapLimited, ScanRuntime, type AwsProgressListener } from './runtime';
import { failedAccountInventory, scanAccount } from './scan-account';

export const DEFAULT_ORG_ROLE = 'AgentAnchorAudit';
const DEFAULT_ACCOUNT_CONCURRENCY = 8;
const SESSION_NAME = 'agent-anchor-scan';

export interface AwsScanOptions {
  /** Named profile (SSO profiles included); default: the SDK's default credential chain. */
  profile?: string;
  /** Explicit credentials (the demo, tests); win over the profile. */
  credentials?: AwsCredentials;
  /** A role to assume first (with the profile's or the chain's credentials). */
  roleArn?: string;
  externalId?: string;
  /** Home region: STS is called there; its partition decides aws, aws-cn or aws-us-gov. */
  region?: string;
  /** Endpoint override for every service (VPC endpoints, test servers, the emulator). */
  endpoint?: string;
  /** Scan every active account of the organization. */
  org?: boolean;
  /** Role name assumed in each account of the organization. */
  orgRole?: string;
  /** Regions of the AI services and Lambda; default: the partition's list. */
  regions?: readonly string[];
  /** Also read service last-accessed data (two or more calls per role and user). */
  lastAccessed?: boolean;
  /** API calls in flight at once, for the whole scan (default 8). */
  concurrency?: number;
  /**
   * Accounts scanned at once (default 8). Each account is mostly a few chains of dependent calls
   * (Marker pages, report polls), so it takes about as many accounts as requests in flight to keep
   * the requests flowing; more only holds more accounts' raw data in memory.
   */
  accountConcurrency?: number;
  /** Attempts per call, retries included (default 8). */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  /** How the sources are labelled: `live` (default) or `demo` (the emulated demo organization). */
  sourceMethod?: 'live' | 'demo';
  /** Fine-tuning for tests and the bench: polling and page size. */
  tuning?: Partial<Pick<AccountScanSettings, 'pollFirstMs' | 'pollMaxMs' | 'pollTimeoutMs' | 'authPageSize'>>;
}

export interface AwsAccountOutcome {
  id: string;
  name?: string;
  status: 'complete' | 'partial' | 'failed' | 'skipped';
  message?: string;
}

export interface AwsScanOutcome {
  inventory: Inventory;
  accounts: AwsAccountOutcome[];
  caller: { account: string; arn: string; partition: AwsPartition };
  calls: number;
  /** HTTP requests, retries included. */
  requests: number;
  cancelled: boolean;
}

export interface AwsScanRun {
  signal?: AbortSignal;
  onProgress?: AwsProgressListener;
  /** Reference time for credential status; ISO UTC. */
  collectedAt: string;
}

/** A failure that ends the whole scan before any account could be read (bad credentials, no organization access). */
export class AwsScanError extends Error {
  override readonly name = 'AwsScanError';
}

interface Target {
  id: string;
  name?: string;
}

function source(
  method: 'live' | 'demo',
  account: string,
  name: string | undefined,
  inputs: string[],
): Source {
  return {
    id: `aws:${account}:${method}`,
    provider: 'aws',
    method,
    account,
    label: `AWS account ${account}${name ? ` (${name})` : ''} (${method === 'demo' ? 'demo organization scan' : 'live scan'})`,
    inputs,
  };
}

function fatal(error: unknown, hint: string): AwsScanError {
  if (error instanceof ScanCancelledError || (error instanceof AwsCallError && error.kind === 'cancelled')) {
    return new AwsScanError('the scan was cancelled before any account was read: nothing to store');
  }
  const message =
    error instanceof AwsCallError ? error.message : error instanceof Error ? error.message : String(error);
  return new AwsScanError(`${message}${hint ? `: ${hint}` : ''}`);
}

export async function collectAws(options: AwsScanOptions, run: AwsScanRun): Promise<AwsScanOutcome> {
  const homeRegion =
    options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const concurrency = options.concurrency ?? 8;
  const clients = new AwsClientFactory({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: options.maxAttempts ?? 8,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    maxSockets: Math.max(concurrency * 2, 16),
    limit: createLimiter(concurrency),
  });
  const runtime = new ScanRuntime(createLimiter(concurrency * 2), run.signal, run.onProgress);
  const method = options.sourceMethod ?? 'live';
  const inputs = [options.endpoint ?? `${partitionOfRegion(homeRegion)} endpoints`];
  try {
    // 1. Who the credentials are, after the optional first role.
    let credentials = baseCredentials(options);
    runtime.progress({ phase: 'identify' });
    if (options.roleArn) {
      const roleAccount = /:iam::(\d{12}):role\//.exec(options.roleArn)?.[1] ?? 'unknown';
      try {
        credentials = await assumeRole(
          runtime,
          clients,
          { scope: 'base', region: homeRegion, credentials },
          {
            roleArn: options.roleArn,
            sessionName: SESSION_NAME,
            ...(options.externalId ? { externalId: options.externalId } : {}),
          },
          { service: 'sts', operation: 'AssumeRole', account: roleAccount },
        );
      } catch (e) {
        throw fatal(e, `cannot assume ${options.roleArn} (check its trust policy and the external id)`);
      }
    }
    const sts = clients.client('sts', 'caller', homeRegion, credentials);
    // The organization listing does not need the caller's identity, only its partition, which the
    // home region names: it starts with GetCallerIdentity instead of after it (one round trip less
    // before any account is entered). Its errors are read only after the caller's, which explain
    // bad credentials better; a partition that turns out different lists again.
    const listAccounts = (partition: AwsPartition, account: string) => {
      const orgs = clients.client('organizations', 'caller', PARTITIONS[partition].globalRegion, credentials);
      const site = { service: 'organizations' as const, operation: 'ListAccounts', account };
      return allPages(async (token?: string) => {
        const out = await runtime.call(site, (o) =>
          orgs.send(new ListAccountsCommand({ ...(token ? { NextToken: token } : {}) }), o),
        );
        return { items: out.Accounts ?? [], ...(out.NextToken ? { next: out.NextToken } : {}) };
      });
    };
    const guessedPartition = partitionOfRegion(homeRegion);
    const early = options.org ? listAccounts(guessedPartition, 'unknown') : undefined;
    // Read (or dropped) below; until then a rejection must not count as unhandled.
    early?.catch(() => undefined);
    let caller: { account: string; arn: string };
    try {
      const who = await runtime.call(
        { service: 'sts', operation: 'GetCallerIdentity', account: 'unknown' },
        (o) => sts.send(new GetCallerIdentityCommand({}), o),
      );
      if (!who.Account || !who.Arn)
        throw new AwsScanError('sts:GetCallerIdentity answered without an account');
      caller = { account: who.Account, arn: who.Arn };
    } catch (e) {
      const kind = e instanceof AwsCallError ? e.kind : 'other';
      throw fatal(
        e,
        kind === 'network'
          ? `cannot reach AWS STS${options.endpoint ? ` at ${options.endpoint}` : ''}: check the network, proxy or --aws-endpoint`
          : 'check the AWS credentials (profile, environment, SSO login)',
      );
    }
    const partition = partitionOfArn(caller.arn);
    const settings: AccountScanSettings = {
      // IAM is global: signed for the partition's global region whatever the home region.
      iamRegion: PARTITIONS[partition].globalRegion,
      regions: regionalServices(partition, options.regions),
      lastAccessed: options.lastAccessed === true,
      authPageSize: options.tuning?.authPageSize ?? 1000,
      pollFirstMs: options.tuning?.pollFirstMs ?? 200,
      pollMaxMs: options.tuning?.pollMaxMs ?? 5000,
      pollTimeoutMs: options.tuning?.pollTimeoutMs ?? 300_000,
    };

    // 2. Which accounts.
    const parts: Inventory[] = [];
    const outcomes: AwsAccountOutcome[] = [];
    let targets: Target[] = [{ id: caller.account }];
    if (options.org) {
      runtime.progress({ account: caller.account, phase: 'organization' });
      let listed: { Id?: string; Name?: string; Status?: string; State?: string }[];
      try {
        // A failed early listing is asked again now that the caller is known, so that the error
        // names the account (one call more, only when the listing fails).
        const reused =
          early && partition === guessedPartition ? await early.catch(() => undefined) : undefined;
        listed = reused ?? (await listAccounts(partition, caller.account));
      } catch (e) {
        const code = e instanceof AwsCallError ? e.code : '';
        throw fatal(
          e,
          code === 'AWSOrganizationsNotInUseException'
            ? 'this account is not in an AWS Organization; scan it without --aws-org'
            : 'run --aws-org with credentials of the management account or of a delegated administrator for AWS Organizations',
        );
      }
      const orgSource: Source = {
        id: `aws:${caller.account}:organization`,
        provider: 'aws',
        method,
        account: caller.account,
        label: `AWS Organization listed from account ${caller.account}`,
        inputs,
      };
      targets = [];
      const inactive: string[] = [];
      for (const a of listed) {
        if (!a.Id) continue;
        const state = a.State ?? a.Status ?? 'ACTIVE';
        if (state === 'ACTIVE') targets.push({ id: a.Id, ...(a.Name ? { name: a.Name } : {}) });
        else inactive.push(`${a.Id} (${state})`);
      }
      parts.push({
        sources: [orgSource],
        coverage: [
          {
            sourceId: orgSource.id,
            area: `aws:${caller.account}:organization`,
            status: 'complete',
            itemCount: listed.length,
            message:
              `${listed.length} accounts listed, ${targets.length} active scanned through role ${options.orgRole ?? DEFAULT_ORG_ROLE}` +
              (inactive.length > 0 ? `; not scanned (not active): ${inactive.join(', ')}` : ''),
          },
        ],
        identities: [],
        credentials: [],
        grants: [],
        trusts: [],
        activities: [],
        workloads: [],
      });
    }
    runtime.accountsTotal = targets.length;

    // 3. Each account, in parallel up to the bound; results kept in list order.
    const roleName = options.orgRole ?? DEFAULT_ORG_ROLE;
    const accounts = options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY;
    const results = await mapLimited(targets, accounts, async (target) => {
      const src = source(method, target.id, target.name, inputs);
      if (runtime.cancelled) {
        return {
          inv: failedAccountInventory(
            src,
            target.id,
            'not scanned: the scan was cancelled before this account',
          ),
          outcome: { ...target, status: 'failed' as const, message: 'cancelled' },
        };
      }
      let accountCredentials = credentials;
      let via = `as ${caller.arn}`;
      if (options.org) {
        const roleArn = `arn:${partition}:iam::${target.id}:role/${roleName}`;
        runtime.progress({ account: target.id, phase: 'assume-role' });
        try {
          accountCredentials = await assumeRole(
            runtime,
            clients,
            { scope: 'caller', region: homeRegion, credentials },
            {
              roleArn,
              sessionName: SESSION_NAME,
              ...(options.externalId ? { externalId: options.externalId } : {}),
            },
            { service: 'sts', operation: 'AssumeRole', account: target.id, region: homeRegion },
          );
          via = `through ${roleArn}`;
        } catch (e) {
          const error = classifyAwsError(e, {
            service: 'sts',
            operation: 'AssumeRole',
            account: target.id,
            region: homeRegion,
          });
          const reason =
            error.kind === 'cancelled'
              ? 'not scanned: the scan was cancelled before this account'
              : error.kind === 'denied'
                ? `sts:AssumeRole on ${roleArn} denied for account ${target.id}: the role is missing or does not trust ${caller.arn}` +
                  ' (deploy cloudformation/agent-anchor-audit-role.yaml)'
                : `cannot enter account ${target.id} through ${roleArn}: ${error.message}`;
          runtime.accountsDone += 1;
          runtime.progress({ account: target.id, phase: 'account-failed' });
          return {
            inv: failedAccountInventory(src, target.id, reason),
            outcome: { ...target, status: 'failed' as const, message: reason },
          };
        }
      }
      const ctx = new AccountContext(runtime, clients, target.id, accountCredentials, settings);
      const result = await scanAccount(ctx, src, run.collectedAt, via);
      runtime.accountsDone += 1;
      runtime.progress({
        account: target.id,
        phase: 'account-done',
        count: result.inventory.identities.length,
      });
      return { inv: result.inventory, outcome: { ...target, status: result.status } };
    });
    for (const r of results) {
      parts.push(r.inv);
      outcomes.push(r.outcome);
    }
    return {
      inventory: mergeInventories(parts),
      accounts: outcomes,
      caller: { ...caller, partition },
      calls: runtime.calls,
      requests: runtime.requests,
      cancelled: runtime.cancelled,
    };
  } finally {
    clients.close();
    runtime.close();
  }
}
