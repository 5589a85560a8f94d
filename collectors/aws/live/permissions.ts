/**
 * Every AWS operation the live collector may send, with the IAM action that authorizes it. One
 * source of truth for three things: the read-only guard's allowlist, the minimal IAM policy
 * (`agent-anchor permissions aws`) and the CloudFormation audit role.
 */

export type AwsServiceKey =
  | 'iam'
  | 'sts'
  | 'organizations'
  | 'bedrock-agent'
  | 'bedrock-agentcore-control'
  | 'lambda'
  | 'access-analyzer';

export interface ReadOperation {
  service: AwsServiceKey;
  /** API operation name; the SDK command is `${operation}Command`. */
  operation: string;
  /** The IAM action that authorizes it; undefined when none is needed (GetCallerIdentity). */
  iamAction?: string;
  /** Who needs it: every scanned account, or only the caller of an organization / role scan. */
  scope: 'account' | 'caller';
  /** Only with `--aws-last-accessed`. */
  optional?: 'last-accessed';
  purpose: string;
}

export const READ_OPERATIONS: readonly ReadOperation[] = [
  {
    service: 'sts',
    operation: 'GetCallerIdentity',
    scope: 'account',
    purpose: 'which account and principal the credentials are',
  },
  {
    service: 'sts',
    operation: 'AssumeRole',
    iamAction: 'sts:AssumeRole',
    scope: 'caller',
    purpose: 'enter the audit role of each account (--aws-org, --aws-role-arn)',
  },
  {
    service: 'organizations',
    operation: 'ListAccounts',
    iamAction: 'organizations:ListAccounts',
    scope: 'caller',
    purpose: 'the accounts of the organization (--aws-org)',
  },
  {
    service: 'iam',
    operation: 'GetAccountAuthorizationDetails',
    iamAction: 'iam:GetAccountAuthorizationDetails',
    scope: 'account',
    purpose: 'roles, users, groups, policies and role last use',
  },
  {
    service: 'iam',
    operation: 'GenerateCredentialReport',
    iamAction: 'iam:GenerateCredentialReport',
    scope: 'account',
    purpose: 'ask IAM to build the credential report (changes no identity)',
  },
  {
    service: 'iam',
    operation: 'GetCredentialReport',
    iamAction: 'iam:GetCredentialReport',
    scope: 'account',
    purpose: 'passwords, access keys, root',
  },
  {
    service: 'iam',
    operation: 'ListAccessKeys',
    iamAction: 'iam:ListAccessKeys',
    scope: 'account',
    purpose: 'access keys of users the credential report does not list yet',
  },
  {
    service: 'iam',
    operation: 'GetAccessKeyLastUsed',
    iamAction: 'iam:GetAccessKeyLastUsed',
    scope: 'account',
    purpose: 'last use of those keys',
  },
  {
    service: 'iam',
    operation: 'ListServiceSpecificCredentials',
    iamAction: 'iam:ListServiceSpecificCredentials',
    scope: 'account',
    purpose: 'Bedrock API keys and other service-specific credentials (metadata only)',
  },
  {
    service: 'iam',
    operation: 'GenerateServiceLastAccessedDetails',
    iamAction: 'iam:GenerateServiceLastAccessedDetails',
    scope: 'account',
    optional: 'last-accessed',
    purpose: 'ask IAM for service last-accessed data (changes no identity)',
  },
  {
    service: 'iam',
    operation: 'GetServiceLastAccessedDetails',
    iamAction: 'iam:GetServiceLastAccessedDetails',
    scope: 'account',
    optional: 'last-accessed',
    purpose: 'granted versus used services',
  },
  {
    service: 'bedrock-agent',
    operation: 'ListAgents',
    iamAction: 'bedrock:ListAgents',
    scope: 'account',
    purpose: 'Bedrock agents per region',
  },
  {
    service: 'bedrock-agent',
    operation: 'GetAgent',
    iamAction: 'bedrock:GetAgent',
    scope: 'account',
    purpose: 'the role each agent runs as',
  },
  {
    service: 'bedrock-agentcore-control',
    operation: 'ListAgentRuntimes',
    iamAction: 'bedrock-agentcore:ListAgentRuntimes',
    scope: 'account',
    purpose: 'AgentCore runtimes per region',
  },
  {
    service: 'bedrock-agentcore-control',
    operation: 'GetAgentRuntime',
    iamAction: 'bedrock-agentcore:GetAgentRuntime',
    scope: 'account',
    purpose: 'the role and workload identity of each runtime',
  },
  {
    service: 'lambda',
    operation: 'ListFunctions',
    iamAction: 'lambda:ListFunctions',
    scope: 'account',
    purpose: 'Lambda functions and their roles',
  },
  {
    service: 'access-analyzer',
    operation: 'ListAnalyzers',
    iamAction: 'access-analyzer:ListAnalyzers',
    scope: 'account',
    purpose: 'existing unused-access analyzers (none is ever created: they are billed)',
  },
  {
    service: 'access-analyzer',
    operation: 'ListFindingsV2',
    // ListFindingsV2 is authorized by the ListFindings action.
    iamAction: 'access-analyzer:ListFindings',
    scope: 'account',
    purpose: 'their active unused-access findings',
  },
];

const BY_SERVICE = new Map<AwsServiceKey, Set<string>>();
for (const op of READ_OPERATIONS) {
  const set = BY_SERVICE.get(op.service) ?? new Set<string>();
  set.add(op.operation);
  BY_SERVICE.set(op.service, set);
}

/** The operations a client of `service` may send. */
export function allowedOperations(service: AwsServiceKey): ReadonlySet<string> {
  return BY_SERVICE.get(service) ?? new Set();
}

/** The IAM action of an operation, e.g. `iam:GetAccountAuthorizationDetails`, for messages. */
export function iamActionOf(service: AwsServiceKey, operation: string): string {
  const op = READ_OPERATIONS.find((o) => o.service === service && o.operation === operation);
  if (op?.iamAction) return op.iamAction;
  const prefix =
    service === 'bedrock-agent'
      ? 'bedrock'
      : service === 'bedrock-agentcore-control'
        ? 'bedrock-agentcore'
        : service;
  return `${prefix}:${operation}`;
}

export interface PolicyDocumentJson {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[];
}

/** The IAM actions every scanned account must grant (the audit role's permissions). */
export function accountScanActions(opts: { lastAccessed?: boolean } = {}): string[] {
  return READ_OPERATIONS.filter(
    (o) => o.scope === 'account' && o.iamAction && (opts.lastAccessed !== false || !o.optional),
  )
    .map((o) => o.iamAction as string)
    .filter((a, i, all) => all.indexOf(a) === i);
}

/**
 * The minimal policy for a scanned account. Service last-accessed actions are included unless
 * `lastAccessed` is false: they only ask IAM to compute a report.
 */
export function awsScanPolicy(opts: { lastAccessed?: boolean } = {}): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AgentAnchorReadOnlyScan', Effect: 'Allow', Action: accountScanActions(opts), Resource: '*' },
    ],
  };
}

/** What the identity starting an organization scan needs besides the account policy. */
export function awsOrgCallerPolicy(roleName: string): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AgentAnchorListAccounts',
        Effect: 'Allow',
        Action: ['organizations:ListAccounts'],
        Resource: '*',
      },
      {
        Sid: 'AgentAnchorAssumeAuditRole',
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Resource: `arn:*:iam::*:role/${roleName}`,
      },
    ],
  };
}
