/**
 * The AWS transform: one account's raw exports -> the normalized inventory. Pure (no I/O, no clock:
 * `collectedAt` comes from the caller), so the offline import and the live collector share it.
 */
import { stableId, type Coverage, type Inventory, type Source } from '../../model/inventory';
import { accountOfArn } from './arn';
import { InventoryBuilder } from './inventory-builder';
import type { AreaNote, AwsAccountRaw, AwsLiveArea, AwsOptionalArea } from './raw-schemas';
import { addListedAccessKeys, addServicesLastAccessed, addUnusedAccessFindings } from './transform-access';
import { addCredentialReport, addServiceSpecificCredentials } from './transform-credentials';
import { addIamIdentitiesSteps, IDENTITIES_PER_STEP, mergeAuthPages } from './transform-iam';
import { addTrustPolicy } from './transform-trusts';
import { addAgentRuntimes, addBedrockAgents, addLambdaFunctions } from './transform-workloads';

export interface AwsTransformContext {
  source: Source;
  /** ISO-8601 UTC time of collection; used to tell expired credentials. */
  collectedAt: string;
}

/** How many ARNs or names a coverage message lists before it says "and N more". */
const LISTED = 50;

function listed(items: readonly string[]): string {
  const head = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${head} and ${items.length - LISTED} more` : head;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The account the raw data belongs to: given, or from the first identity ARN, or the report. */
export function accountOfRaw(raw: AwsAccountRaw): string | undefined {
  if (raw.accountId) return raw.accountId;
  for (const page of raw.authDetails) {
    for (const item of [
      ...(page.RoleDetailList ?? []),
      ...(page.UserDetailList ?? []),
      ...(page.GroupDetailList ?? []),
    ]) {
      const account = item.Arn ? accountOfArn(item.Arn) : undefined;
      if (account) return account;
    }
  }
  for (const row of raw.credentialReport ?? []) {
    const account = accountOfArn(row.arn);
    if (account) return account;
  }
  return undefined;
}

const DEFAULT_ABSENT: Record<AwsOptionalArea | AwsLiveArea, string> = {
  'credential-report': 'no credential report in the export: no password, access key or root data',
  'service-specific-credentials':
    'no service-specific credentials listing in the export: Bedrock API keys unknown',
  'bedrock-agents': 'no Bedrock agents listing in the export',
  'agentcore-runtimes': 'no AgentCore runtimes listing in the export',
  'lambda-functions': 'no Lambda functions listing in the export',
  'access-keys': 'access keys of users missing from the credential report were not listed',
  'access-analyzer': 'no IAM Access Analyzer unused-access findings read',
  'service-last-accessed': 'no service last-accessed data read',
};

function optionalCoverage(
  sourceId: string,
  account: string,
  area: AwsOptionalArea | AwsLiveArea,
  count: number | undefined,
  note: AreaNote | undefined,
  problem?: string,
): Coverage {
  const base = { sourceId, area: `aws:${account}:${area}` };
  if (count === undefined) {
    return {
      ...base,
      status: note?.status === 'failed' ? 'failed' : 'skipped',
      itemCount: 0,
      message: note?.message ?? DEFAULT_ABSENT[area],
    };
  }
  const messages = [note?.message, problem].filter((m): m is string => Boolean(m));
  return {
    ...base,
    status: note?.status === 'partial' || note?.status === 'failed' || problem ? 'partial' : 'complete',
    itemCount: count,
    message: messages.length > 0 ? messages.join('; ') : undefined,
  };
}

export function transformAwsAccount(raw: AwsAccountRaw, ctx: AwsTransformContext): Inventory {
  const steps = transformSteps(raw, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Where the transform stops between two steps: `pause` anywhere, `auth-done` once everything that
 * comes from the authorization details alone is written (identities, grants, trusts and their
 * coverage), before the first step that reads another part of the raw data.
 */
type Step = 'pause' | 'auth-done';

/**
 * transformAwsAccount for a live scan, in steps that give the event loop a turn (`pause`) and in
 * two stages. The live scan transforms one account while the requests of others are in flight: a
 * large account is tens of milliseconds of CPU, and their responses should not wait for all of it.
 * `authPart` runs the stage that needs only the authorization details (most of the work), as soon
 * as they are all read and while the account's other calls are still out; `finish` runs the rest
 * once everything is read (it runs `authPart` first if it has not run). Same result as
 * transformAwsAccount, provided nothing changes `raw.authDetails` after `authPart` starts.
 */
export interface StagedAwsTransform {
  authPart(): Promise<void>;
  finish(): Promise<Inventory>;
}

export function stagedAwsTransform(
  raw: AwsAccountRaw,
  ctx: AwsTransformContext,
  pause: () => Promise<void>,
): StagedAwsTransform {
  const steps = transformSteps(raw, ctx);
  let result: Inventory | undefined;
  let authPart: Promise<void> | undefined;
  // Runs steps up to `stop` (or the end); one runner at a time, as a generator requires.
  const runTo = async (stop: Step | undefined): Promise<void> => {
    while (result === undefined) {
      const step = steps.next();
      if (step.done) result = step.value;
      else if (step.value === stop) return;
      else await pause();
    }
  };
  return {
    authPart: () => (authPart ??= runTo('auth-done')),
    finish: async () => {
      await (authPart ??= runTo('auth-done'));
      await runTo(undefined);
      if (result === undefined) throw new Error('the AWS transform ended without a result');
      return result;
    },
  };
}

/** The transform, pausing (`yield`) after each large part and every few hundred identities. */
function* transformSteps(raw: AwsAccountRaw, ctx: AwsTransformContext): Generator<Step, Inventory> {
  const b = new InventoryBuilder(ctx.source);
  const sourceId = ctx.source.id;
  const account = accountOfRaw(raw) ?? ctx.source.account;
  const index = mergeAuthPages(raw.authDetails);
  yield 'pause';

  const gaps = yield* addIamIdentitiesSteps(b, index);
  yield 'pause';
  let trusts = 0;
  for (const role of index.roles) {
    if (++trusts % IDENTITIES_PER_STEP === 0) yield 'pause';
    if (role.AssumeRolePolicyDocument) {
      addTrustPolicy(b, role.Arn, stableId('aws', role.Arn), role.AssumeRolePolicyDocument);
    }
  }
  yield 'pause';

  // Authorization details coverage.
  const authProblems: string[] = [];
  if (index.truncated) {
    authProblems.push('the last page says more items follow (IsTruncated): the export stopped early');
  }
  if (gaps.missingGroups.size > 0) {
    authProblems.push(`groups named by users but not in the export: ${listed([...gaps.missingGroups])}`);
  }
  const counts =
    `${count(index.roles.length, 'role')}, ${count(index.users.length, 'user')}, ${count(index.groups.size, 'group')}, ` +
    `${count(index.policies.size, 'managed policy', 'managed policies')} from ${count(index.pageCount, 'page')}`;
  b.addCoverage({
    sourceId,
    area: `aws:${account}:authorization-details`,
    status: authProblems.length > 0 ? 'partial' : 'complete',
    itemCount: index.roles.length + index.users.length,
    message: [counts, ...authProblems].join('; '),
  });
  const missing = [...gaps.missingPolicies];
  b.addCoverage({
    sourceId,
    area: `aws:${account}:managed-policies`,
    status: missing.length > 0 ? 'partial' : 'complete',
    itemCount: index.policies.size,
    message:
      missing.length > 0
        ? `${missing.length} attached managed ${missing.length === 1 ? 'policy is' : 'policies are'} not in the ` +
          `export (AWS managed policies filtered out?), their permissions are unknown: ${listed(missing)}`
        : undefined,
  });
  // Everything above read the authorization details only.
  yield 'auth-done';

  // Credential report: root, passwords, access keys, certificates.
  const notes = raw.areaNotes ?? {};
  if (raw.credentialReport) addCredentialReport(b, raw.credentialReport);
  yield 'pause';
  b.addCoverage(
    optionalCoverage(
      sourceId,
      account,
      'credential-report',
      raw.credentialReport?.length,
      notes['credential-report'],
    ),
  );

  // Service-specific credentials name users by UserName only.
  let orphanProblem: string | undefined;
  if (raw.serviceSpecificCredentials) {
    const userArns = new Map<string, string>();
    for (const row of raw.credentialReport ?? [])
      if (row.arn.includes(':user/')) userArns.set(row.user, row.arn);
    for (const user of index.users) userArns.set(user.UserName, user.Arn);
    const orphans = addServiceSpecificCredentials(
      b,
      raw.serviceSpecificCredentials,
      userArns,
      ctx.collectedAt,
    );
    if (orphans.length > 0) {
      orphanProblem = `${orphans.length} credential${orphans.length === 1 ? '' : 's'} of users not in the export: ${listed(
        [...new Set(orphans.map((o) => o.UserName))],
      )}`;
    }
  }
  b.addCoverage(
    optionalCoverage(
      sourceId,
      account,
      'service-specific-credentials',
      raw.serviceSpecificCredentials?.length,
      notes['service-specific-credentials'],
      orphanProblem,
    ),
  );

  // Live-scan areas: a coverage row only when the scan read them or noted why not.
  if (raw.accessKeys || notes['access-keys']) {
    const reported = new Set((raw.credentialReport ?? []).map((row) => row.arn));
    const userArns = new Map<string, string>();
    for (const user of index.users) userArns.set(user.UserName, user.Arn);
    const orphans = raw.accessKeys ? addListedAccessKeys(b, raw.accessKeys, userArns, reported) : [];
    b.addCoverage(
      optionalCoverage(
        sourceId,
        account,
        'access-keys',
        raw.accessKeys?.length,
        notes['access-keys'],
        orphans.length > 0 ? `${orphans.length} access keys of users not in the inventory` : undefined,
      ),
    );
  }
  if (raw.unusedAccessFindings || notes['access-analyzer']) {
    // Findings of organization analyzers may name other accounts' resources: those are not gaps.
    if (raw.unusedAccessFindings) addUnusedAccessFindings(b, raw.unusedAccessFindings);
    b.addCoverage(
      optionalCoverage(
        sourceId,
        account,
        'access-analyzer',
        raw.unusedAccessFindings?.length,
        notes['access-analyzer'],
      ),
    );
  }
  if (raw.servicesLastAccessed || notes['service-last-accessed']) {
    const unmatched = raw.servicesLastAccessed ? addServicesLastAccessed(b, raw.servicesLastAccessed) : 0;
    b.addCoverage(
      optionalCoverage(
        sourceId,
        account,
        'service-last-accessed',
        raw.servicesLastAccessed?.length,
        notes['service-last-accessed'],
        unmatched > 0 ? `${unmatched} entries name identities not in the inventory` : undefined,
      ),
    );
  }

  // Workloads, after the roles they run as.
  yield 'pause';
  if (raw.bedrockAgents) addBedrockAgents(b, raw.bedrockAgents, account);
  b.addCoverage(
    optionalCoverage(sourceId, account, 'bedrock-agents', raw.bedrockAgents?.length, notes['bedrock-agents']),
  );
  if (raw.agentcoreRuntimes) addAgentRuntimes(b, raw.agentcoreRuntimes, account);
  b.addCoverage(
    optionalCoverage(
      sourceId,
      account,
      'agentcore-runtimes',
      raw.agentcoreRuntimes?.length,
      notes['agentcore-runtimes'],
    ),
  );
  if (raw.lambdaFunctions) addLambdaFunctions(b, raw.lambdaFunctions, account);
  b.addCoverage(
    optionalCoverage(
      sourceId,
      account,
      'lambda-functions',
      raw.lambdaFunctions?.length,
      notes['lambda-functions'],
    ),
  );

  return b.build();
}
