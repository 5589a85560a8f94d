/**
 * The named AWS scenarios: the identities a consultant should find in any demo, whatever its size.
 * Each account also gets the baseline every real account has (service-linked roles, IAM Identity
 * Center roles, the Organizations access role, a permissions boundary).
 */
import { FOUNDATION_MODELS, GITHUB_ORG } from '../company';
import type { AccountBuilder } from './account-builder';
import {
  agentCoreRuntimeRole,
  bedrockAgentRole,
  bedrockModelPolicy,
  lambdaAgentRole,
  modelArn,
} from './agent-roles';
import { awsManagedPolicyArn, SERVICE_LINKED_ROLES } from './managed-policies';
import { allow, awsTrust, deny, oidcTrust, policy, samlTrust, serviceTrust } from './policy-docs';
import { addAgentRuntime, addBedrockAgent, addLambdaFunction } from './workloads';

export interface OrgContext {
  managementAccountId: string;
  prodId: string;
  stagingId: string;
  securityId: string;
  /** Outside companies' accounts: monitoring vendor, data partner, pentest firm. */
  vendorMonitoringId: string;
  partnerId: string;
  pentestId: string;
}

const CLAUDE = FOUNDATION_MODELS[0];
const HAIKU = FOUNDATION_MODELS[1];
const TITAN_EMBED = FOUNDATION_MODELS[3];
const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/** What every account has, named scenarios or not. Returns the workload boundary policy ARN. */
export function addBaseline(
  acct: AccountBuilder,
  org: OrgContext,
  ageDays: number,
  slrCount: number,
): string {
  const { rng } = acct;
  for (const [name, service, policyName] of SERVICE_LINKED_ROLES.slice(0, slrCount)) {
    acct.addRole({
      name,
      path: `/aws-service-role/${service}/`,
      trust: serviceTrust(service),
      managed: [awsManagedPolicyArn(policyName)],
      createdDaysAgo: rng.int(Math.floor(ageDays / 2), ageDays),
      lastUsedDaysAgo: rng.chance(0.8) ? rng.int(0, 20) : undefined,
    });
  }
  // IAM Identity Center permission sets: human access, present in every real account.
  const samlProvider = `arn:aws:iam::${acct.id}:saml-provider/AWSSSO_${rng.hex(16)}_DO_NOT_DELETE`;
  for (const set of ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess'] as const) {
    acct.addRole({
      name: `AWSReservedSSO_${set}_${rng.hex(16)}`,
      path: '/aws-reserved/sso.amazonaws.com/',
      trust: samlTrust(samlProvider),
      managed: [awsManagedPolicyArn(set)],
      createdDaysAgo: rng.int(300, Math.max(301, ageDays - 10)),
      lastUsedDaysAgo: rng.int(0, 10),
    });
  }
  if (acct.id !== org.managementAccountId) {
    // Created by AWS Organizations: trusts the management account, rarely used, full admin.
    acct.addRole({
      name: 'OrganizationAccountAccessRole',
      trust: awsTrust(`arn:aws:iam::${org.managementAccountId}:root`),
      managed: [awsManagedPolicyArn('AdministratorAccess')],
      createdDaysAgo: ageDays,
      lastUsedDaysAgo: rng.chance(0.5) ? rng.int(120, 900) : undefined,
    });
  }
  return acct.addCustomerPolicy({
    name: 'nw-workload-boundary',
    description: 'Permissions boundary for workload roles created by delivery teams',
    versions: [
      policy(
        allow(
          [
            's3:*',
            'dynamodb:*',
            'sqs:*',
            'sns:*',
            'logs:*',
            'kms:Decrypt',
            'xray:*',
            'cloudwatch:*',
            'bedrock:InvokeModel',
          ],
          '*',
          undefined,
          'WorkloadServices',
        ),
        deny(['iam:*', 'organizations:*', 'account:*'], '*', undefined, 'NoIdentityChanges'),
      ),
      policy(
        allow(
          [
            's3:*',
            'dynamodb:*',
            'sqs:*',
            'sns:*',
            'logs:*',
            'kms:Decrypt',
            'xray:*',
            'cloudwatch:*',
            'bedrock:InvokeModel*',
          ],
          '*',
          undefined,
          'WorkloadServices',
        ),
        deny(
          ['iam:*', 'organizations:*', 'account:*', 'sts:AssumeRole'],
          '*',
          undefined,
          'NoIdentityChanges',
        ),
      ),
    ],
    defaultIndex: 0,
    createdDaysAgo: Math.min(ageDays, 700),
  });
}

export function addProdScenarios(acct: AccountBuilder, org: OrgContext, boundary: string): void {
  const { rng, id } = acct;
  const r = 'us-east-1';
  acct.setRoot({ mfa: true, passwordLastUsedDaysAgo: 41 });

  // Bedrock agents and their service roles.
  const agents = [
    {
      name: 'support-triage-agent',
      description: 'Routes customer support tickets and drafts replies',
      instruction:
        'You triage support tickets for Northwind Robotics fleet customers and draft a first reply.',
      model: CLAUDE,
      pin: true,
      perms: [bedrockModelPolicy(r, [CLAUDE])],
      status: 'PREPARED' as const,
      used: 1,
      guardrail: true,
    },
    {
      name: 'order-status-agent',
      description: 'Answers order and shipment status questions',
      instruction: 'Answer questions about order status using the order lookup action group.',
      model: HAIKU,
      pin: true,
      perms: [
        bedrockModelPolicy(r, [HAIKU]),
        {
          name: 'OrderLookupActionGroup',
          document: policy(
            allow('lambda:InvokeFunction', `arn:aws:lambda:${r}:${id}:function:nw-order-lookup`),
            allow(['dynamodb:GetItem', 'dynamodb:Query'], `arn:aws:dynamodb:${r}:${id}:table/nw-orders`),
          ),
        },
      ],
      status: 'PREPARED' as const,
      used: 0,
      guardrail: false,
    },
    {
      name: 'field-service-copilot',
      description: 'Helps field technicians diagnose robot faults',
      instruction: 'Help field technicians diagnose faults using manuals and telemetry.',
      model: CLAUDE,
      pin: false,
      perms: [
        {
          name: 'AmazonBedrockAgentFullAccessPolicy',
          document: policy(allow('bedrock:*', '*'), allow('s3:*', '*')),
        },
      ],
      status: 'PREPARED' as const,
      used: 3,
      guardrail: false,
    },
    {
      name: 'warranty-claims-agent',
      description: 'Prototype for warranty claim intake (abandoned)',
      instruction: 'Collect warranty claim details from customers.',
      model: CLAUDE,
      pin: true,
      perms: [bedrockModelPolicy(r, [CLAUDE])],
      status: 'NOT_PREPARED' as const,
      used: undefined,
      guardrail: false,
    },
  ];
  for (const a of agents) {
    const agentId = rng.upperAlnum(10);
    const created = rng.int(60, 400);
    const roleArn = bedrockAgentRole(acct, {
      region: r,
      agentId,
      pinAgent: a.pin,
      permissions: a.perms,
      createdDaysAgo: created,
      lastUsedDaysAgo: a.used,
    });
    addBedrockAgent(acct, {
      name: a.name,
      agentId,
      roleArn,
      region: r,
      model: a.model,
      description: a.description,
      instruction: a.instruction,
      status: a.status,
      createdDaysAgo: created,
      updatedDaysAgo: a.used === undefined ? created - 1 : rng.int(1, 30),
      guardrail: a.guardrail,
    });
  }

  // AgentCore runtimes.
  const dispatchRole = agentCoreRuntimeRole(acct, {
    region: r,
    runtimeName: 'fleet_dispatch_agent',
    extra: [],
    createdDaysAgo: 95,
    lastUsedDaysAgo: 2,
  });
  addAgentRuntime(acct, {
    name: 'fleet_dispatch_agent',
    roleArn: dispatchRole,
    region: r,
    description: 'Plans robot dispatch for incoming service requests',
    protocol: 'HTTP',
    createdDaysAgo: 95,
    updatedDaysAgo: 6,
    version: 7,
    jwtAuthorizer: true,
  });
  const invoiceRole = agentCoreRuntimeRole(acct, {
    region: r,
    runtimeName: 'invoice_reconciler',
    extra: [
      {
        name: 'InvoiceDataAccess',
        document: policy(
          allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${r}:${id}:secret:nw/erp/*`),
          allow(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-invoices-prod', 'arn:aws:s3:::nw-invoices-prod/*'],
          ),
        ),
      },
    ],
    createdDaysAgo: 60,
    lastUsedDaysAgo: 0,
  });
  addAgentRuntime(acct, {
    name: 'invoice_reconciler',
    roleArn: invoiceRole,
    region: r,
    description: 'MCP server that reconciles supplier invoices against purchase orders',
    protocol: 'MCP',
    createdDaysAgo: 60,
    updatedDaysAgo: 4,
    version: 3,
  });

  // Lambda-hosted LLM agents.
  const chatRole = lambdaAgentRole(acct, {
    name: 'nw-support-chat-agent-role',
    modelResources: [modelArn(r, CLAUDE), modelArn(r, HAIKU)],
    streaming: true,
    data: [
      {
        name: 'chat-data',
        document: policy(
          allow(
            'secretsmanager:GetSecretValue',
            `arn:aws:secretsmanager:${r}:${id}:secret:nw/support/zendesk-token-Ab12Cd`,
          ),
          allow(
            ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
            `arn:aws:dynamodb:${r}:${id}:table/nw-chat-sessions`,
          ),
        ),
      },
    ],
    boundary,
    createdDaysAgo: 210,
    lastUsedDaysAgo: 0,
  });
  addLambdaFunction(acct, {
    name: 'nw-support-chat-agent',
    roleArn: chatRole,
    region: r,
    runtime: 'python3.12',
    description: 'Customer support chat agent (Bedrock Converse)',
    modifiedDaysAgo: 9,
    env: { MODEL_ID: CLAUDE, SESSIONS_TABLE: 'nw-chat-sessions', LOG_LEVEL: 'INFO' },
    memory: 1024,
    timeout: 60,
  });
  const ragRole = lambdaAgentRole(acct, {
    name: 'nw-rag-indexer-role',
    modelResources: '*',
    streaming: false,
    data: [
      {
        name: 'knowledge-base-read',
        document: policy(
          allow(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-knowledge-base', 'arn:aws:s3:::nw-knowledge-base/*'],
          ),
          allow('aoss:APIAccessAll', `arn:aws:aoss:${r}:${id}:collection/*`),
        ),
      },
    ],
    createdDaysAgo: 330,
    lastUsedDaysAgo: 1,
  });
  addLambdaFunction(acct, {
    name: 'nw-rag-indexer',
    roleArn: ragRole,
    region: r,
    runtime: 'python3.11',
    description: 'Embeds knowledge base documents with Titan',
    modifiedDaysAgo: 40,
    env: { EMBEDDING_MODEL_ID: TITAN_EMBED, BUCKET: 'nw-knowledge-base' },
    memory: 2048,
    timeout: 900,
  });
  const mailRole = lambdaAgentRole(acct, {
    name: 'nw-email-summarizer-role',
    modelResources: '*',
    streaming: true,
    data: [
      {
        name: 'mail-data',
        document: policy(
          allow('secretsmanager:GetSecretValue', '*'),
          allow(['s3:GetObject', 's3:PutObject'], '*'),
        ),
      },
    ],
    createdDaysAgo: 520,
    lastUsedDaysAgo: 2,
  });
  addLambdaFunction(acct, {
    name: 'nw-email-summarizer',
    roleArn: mailRole,
    region: r,
    runtime: 'nodejs20.x',
    description: 'Summarises shared mailbox threads with an LLM',
    modifiedDaysAgo: 120,
    env: { MODEL_ID: HAIKU },
  });

  // Bedrock API keys: IAM users named BedrockAPIKey-xxxx with a service-specific credential.
  const longKeyUser = `BedrockAPIKey-${rng.lowerAlnum(4)}`;
  acct.addUser({
    name: longKeyUser,
    managed: [awsManagedPolicyArn('AmazonBedrockLimitedAccess')],
    createdDaysAgo: 212,
  });
  acct.addServiceCredential({
    userName: longKeyUser,
    serviceName: 'bedrock.amazonaws.com',
    status: 'Active',
    createdDaysAgo: 212,
  });
  const shortKeyUser = `BedrockAPIKey-${rng.lowerAlnum(4)}`;
  acct.addUser({
    name: shortKeyUser,
    managed: [awsManagedPolicyArn('AmazonBedrockLimitedAccess')],
    createdDaysAgo: 12,
  });
  acct.addServiceCredential({
    userName: shortKeyUser,
    serviceName: 'bedrock.amazonaws.com',
    status: 'Active',
    createdDaysAgo: 12,
    validDays: 30,
  });

  // Over-privileged agents, from a stream of their own so the rest of the account stays as it was.
  acct.withStream('scenario:over-privileged-agents', () => addOverPrivilegedAgents(acct));

  // Over-privileged automation: inline full admin on a long-lived EC2 role.
  acct.addRole({
    name: 'legacy-automation-role',
    trust: serviceTrust('ec2.amazonaws.com'),
    inline: [{ name: 'AdminEverything', document: policy(allow('*', '*')) }],
    instanceProfile: true,
    tags: { Owner: 'platform-team', CostCenter: 'CC-1001' },
    createdDaysAgo: 1900,
    lastUsedDaysAgo: 0,
  });

  // Well-scoped workloads: resource-scoped, conditions, permissions boundary.
  acct.addRole({
    name: 'orders-api-task-role',
    trust: serviceTrust('ecs-tasks.amazonaws.com', {
      ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${r}:${id}:*` },
      StringEquals: { 'aws:SourceAccount': id },
    }),
    inline: [
      {
        name: 'orders-data',
        document: policy(
          allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::nw-orders-prod/*'),
          allow(
            ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
            `arn:aws:dynamodb:${r}:${id}:table/nw-orders`,
            {
              StringEquals: { 'aws:RequestedRegion': r },
            },
          ),
        ),
      },
    ],
    boundary,
    tags: { Service: 'orders-api', Team: 'ecommerce' },
    createdDaysAgo: 640,
    lastUsedDaysAgo: 0,
  });
  acct.addRole({
    name: 'telemetry-ingest-role',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: [awsManagedPolicyArn('AWSLambdaBasicExecutionRole')],
    inline: [
      {
        name: 'stream-read',
        document: policy(
          allow(
            [
              'kinesis:GetRecords',
              'kinesis:GetShardIterator',
              'kinesis:DescribeStream',
              'kinesis:ListShards',
            ],
            `arn:aws:kinesis:${r}:${id}:stream/nw-robot-telemetry`,
          ),
          allow('s3:PutObject', 'arn:aws:s3:::nw-telemetry-archive/raw/*', {
            StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
          }),
        ),
      },
    ],
    boundary,
    createdDaysAgo: 500,
    lastUsedDaysAgo: 0,
  });

  // Customer managed policy with several versions; the default is not the latest.
  const deployPolicy = acct.addCustomerPolicy({
    name: 'nw-app-deploy',
    description: 'Deploy permissions for the application pipeline',
    versions: [
      policy(
        allow(['ecs:UpdateService', 'ecs:DescribeServices'], `arn:aws:ecs:${r}:${id}:service/nw-prod/*`),
      ),
      policy(
        allow(
          ['ecs:UpdateService', 'ecs:DescribeServices', 'ecs:RegisterTaskDefinition'],
          `arn:aws:ecs:${r}:${id}:service/nw-prod/*`,
        ),
        allow('iam:PassRole', `arn:aws:iam::${id}:role/orders-api-task-role`),
      ),
      policy(allow(['ecs:*', 'iam:PassRole'], '*')),
      policy(allow(['ecs:*', 'iam:PassRole', 'lambda:*'], '*')),
    ],
    defaultIndex: 1,
    createdDaysAgo: 800,
  });
  acct.addRole({
    name: 'app-deploy-role',
    trust: awsTrust(`arn:aws:iam::${org.stagingId}:role/github-actions-app-deploy`),
    managed: [deployPolicy],
    createdDaysAgo: 790,
    lastUsedDaysAgo: 0,
  });

  // Cross-account trusts.
  acct.addRole({
    name: 'vendor-monitoring-integration',
    trust: awsTrust(`arn:aws:iam::${org.vendorMonitoringId}:root`, {
      StringEquals: { 'sts:ExternalId': rng.guid() },
    }),
    managed: [awsManagedPolicyArn('SecurityAudit'), awsManagedPolicyArn('ReadOnlyAccess')],
    createdDaysAgo: 1100,
    lastUsedDaysAgo: 0,
  });
  acct.addRole({
    name: 'partner-data-exchange-role',
    trust: awsTrust(`arn:aws:iam::${org.partnerId}:root`),
    inline: [
      {
        name: 'exchange-bucket',
        document: policy(
          allow(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-partner-exchange', 'arn:aws:s3:::nw-partner-exchange/*'],
          ),
        ),
      },
    ],
    createdDaysAgo: 950,
    lastUsedDaysAgo: 33,
  });
  acct.addRole({
    name: 'nw-security-audit',
    trust: awsTrust(`arn:aws:iam::${org.securityId}:role/nw-security-scanner`),
    managed: [awsManagedPolicyArn('SecurityAudit')],
    createdDaysAgo: 700,
    lastUsedDaysAgo: 0,
  });

  // Dormant: a migration role nobody removed.
  acct.addRole({
    name: 'nw-migration-2022-role',
    trust: awsTrust(`arn:aws:iam::${id}:root`),
    managed: [awsManagedPolicyArn('PowerUserAccess')],
    createdDaysAgo: 1200,
    lastUsedDaysAgo: 700,
  });

  // People-ish users: break-glass admin and a vendor service user with an old key.
  acct.addUser({
    name: 'breakglass-admin',
    managed: [awsManagedPolicyArn('AdministratorAccess')],
    password: { changedDaysAgo: 380, lastUsedDaysAgo: 150 },
    mfa: true,
    createdDaysAgo: 2000,
  });
  acct.addUser({
    name: 'svc-wingtip-analytics',
    path: '/service/',
    inline: [
      {
        name: 'analytics-export-read',
        document: policy(
          allow(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-analytics-exports', 'arn:aws:s3:::nw-analytics-exports/*'],
          ),
        ),
      },
    ],
    keys: [{ active: true, rotatedDaysAgo: 730, lastUsedDaysAgo: 1, service: 's3' }],
    createdDaysAgo: 800,
  });
}

/**
 * Agents that can take over the account, the findings a consultant must not miss: a Bedrock agent
 * whose action-group permissions let it pass an administrator role to a Lambda function it creates
 * (privilege escalation), and one whose execution role had AdministratorAccess attached during a
 * prototype (administrator-equivalent).
 */
function addOverPrivilegedAgents(acct: AccountBuilder): void {
  const { rng } = acct;
  const r = 'us-east-1';
  // The admin role an operations team keeps for its auto-remediation function.
  const remediationRole = acct.addRole({
    name: 'nw-ops-auto-remediation-role',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: [awsManagedPolicyArn('AWSLambdaBasicExecutionRole'), awsManagedPolicyArn('AdministratorAccess')],
    tags: { Owner: 'platform-team', Purpose: 'auto-remediation' },
    createdDaysAgo: 480,
    lastUsedDaysAgo: 3,
  });
  addLambdaFunction(acct, {
    name: 'nw-ops-auto-remediation',
    roleArn: remediationRole,
    region: r,
    runtime: 'python3.12',
    description: 'Closes public buckets and stops rogue instances on GuardDuty findings',
    modifiedDaysAgo: 60,
  });

  const agents = [
    {
      name: 'cloud-ops-agent',
      description: 'Works routine cloud operations tickets: restarts services, deploys hotfix functions',
      instruction:
        'You resolve Northwind cloud operations tickets. Use the ops action group to deploy and run Lambda functions.',
      perms: [
        bedrockModelPolicy(r, [CLAUDE]),
        {
          name: 'OpsActionGroupPolicy',
          document: policy(
            allow(
              [
                'lambda:CreateFunction',
                'lambda:UpdateFunctionCode',
                'lambda:InvokeFunction',
                'lambda:GetFunction',
              ],
              '*',
              undefined,
              'DeployHotfixFunctions',
            ),
            allow('iam:PassRole', '*', undefined, 'PassExecutionRoles'),
          ),
        },
      ],
      managed: [] as string[],
      created: 140,
      used: 0,
    },
    {
      name: 'infra-cost-agent',
      description: 'Investigates cost anomalies and right-sizes idle resources (prototype)',
      instruction: 'Find idle or oversized resources and propose or apply right-sizing changes.',
      perms: [bedrockModelPolicy(r, [HAIKU])],
      // Attached "temporarily" while the prototype's action groups were being written.
      managed: [awsManagedPolicyArn('AdministratorAccess')],
      created: 200,
      used: 4,
    },
  ];
  for (const a of agents) {
    const agentId = rng.upperAlnum(10);
    const roleArn = bedrockAgentRole(acct, {
      region: r,
      agentId,
      pinAgent: true,
      permissions: a.perms,
      managed: a.managed,
      createdDaysAgo: a.created,
      lastUsedDaysAgo: a.used,
    });
    addBedrockAgent(acct, {
      name: a.name,
      agentId,
      roleArn,
      region: r,
      model: a.name === 'cloud-ops-agent' ? CLAUDE : HAIKU,
      description: a.description,
      instruction: a.instruction,
      status: 'PREPARED',
      createdDaysAgo: a.created,
      updatedDaysAgo: rng.int(1, 20),
    });
  }
}

export function addStagingScenarios(acct: AccountBuilder, org: OrgContext): void {
  const { rng, id } = acct;
  const r = 'us-east-1';
  // The one account with an active root access key.
  acct.setRoot({
    mfa: true,
    passwordLastUsedDaysAgo: 400,
    keys: [{ active: true, rotatedDaysAgo: 1100, lastUsedDaysAgo: 3, service: 's3' }],
  });

  // CI/CD bot users with old static keys, all in the ci-bots group.
  const ciPolicy = acct.addCustomerPolicy({
    name: 'nw-ci-deploy',
    description: 'CI deploy permissions',
    versions: [
      policy(allow(['cloudformation:*', 's3:PutObject', 's3:GetObject'], '*')),
      policy(allow(['cloudformation:*', 's3:PutObject', 's3:GetObject', 'ecr:*'], '*')),
      policy(allow(['cloudformation:*', 's3:*', 'ecr:*', 'iam:PassRole'], '*')),
    ],
    defaultIndex: 0,
    createdDaysAgo: 1500,
  });
  acct.addGroup({
    name: 'ci-bots',
    inline: [
      {
        name: 'ci-bots-artifacts',
        document: policy(
          allow(
            ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-ci-artifacts', 'arn:aws:s3:::nw-ci-artifacts/*'],
          ),
        ),
      },
    ],
    managed: [ciPolicy],
    createdDaysAgo: 1500,
  });
  const bots: {
    name: string;
    keys: { active: boolean; rotatedDaysAgo: number; lastUsedDaysAgo?: number; service?: string }[];
  }[] = [
    {
      name: 'ci-deploy-bot',
      keys: [{ active: true, rotatedDaysAgo: 610, lastUsedDaysAgo: 1, service: 'cloudformation' }],
    },
    {
      name: 'ci-artifact-publisher',
      keys: [{ active: true, rotatedDaysAgo: 480, lastUsedDaysAgo: 3, service: 's3' }],
    },
    {
      name: 'ci-terraform-runner',
      keys: [
        { active: true, rotatedDaysAgo: 520, lastUsedDaysAgo: 2, service: 'sts' },
        { active: true, rotatedDaysAgo: 45, lastUsedDaysAgo: 0, service: 'sts' },
      ],
    },
    {
      name: 'ci-legacy-jenkins',
      keys: [
        { active: true, rotatedDaysAgo: 1300, lastUsedDaysAgo: 400, service: 'ec2' },
        { active: false, rotatedDaysAgo: 1500, lastUsedDaysAgo: 1310, service: 'ec2' },
      ],
    },
  ];
  for (const b of bots) {
    acct.addUser({
      name: b.name,
      path: '/ci/',
      groups: ['ci-bots'],
      keys: b.keys,
      tags: { Purpose: 'ci', ManagedBy: 'platform-team' },
      createdDaysAgo: Math.max(...b.keys.map((k) => k.rotatedDaysAgo)) + rng.int(0, 30),
    });
  }
  acct.addUser({
    name: 'svc-fabrikam-sync',
    path: '/service/',
    inline: [
      {
        name: 'codecommit-pull',
        document: policy(allow(['codecommit:GitPull'], `arn:aws:codecommit:${r}:${id}:fabrikam-connector`)),
      },
    ],
    createdDaysAgo: 900,
  });
  acct.addServiceCredential({
    userName: 'svc-fabrikam-sync',
    serviceName: 'codecommit.amazonaws.com',
    status: 'Active',
    createdDaysAgo: 880,
  });

  // GitHub Actions OIDC roles: pinned, wildcard subject, and missing audience.
  const provider = `arn:aws:iam::${id}:oidc-provider/${GITHUB_OIDC}`;
  acct.addRole({
    name: 'github-actions-app-deploy',
    trust: oidcTrust(provider, {
      StringEquals: {
        [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB_OIDC}:sub`]: `repo:${GITHUB_ORG}/app:ref:refs/heads/main`,
      },
    }),
    inline: [
      {
        name: 'deploy-app',
        document: policy(
          allow(
            ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'],
            `arn:aws:ecr:${r}:${id}:repository/nw-app`,
          ),
          allow('sts:AssumeRole', `arn:aws:iam::${org.prodId}:role/app-deploy-role`),
        ),
      },
    ],
    createdDaysAgo: 420,
    lastUsedDaysAgo: 0,
  });
  acct.addRole({
    name: 'github-actions-infra',
    trust: oidcTrust(provider, {
      StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${GITHUB_OIDC}:sub`]: `repo:${GITHUB_ORG}/*` },
    }),
    managed: [awsManagedPolicyArn('PowerUserAccess')],
    inline: [
      {
        name: 'pass-any-role',
        document: policy(allow(['iam:PassRole', 'iam:CreateRole', 'iam:AttachRolePolicy'], '*')),
      },
    ],
    createdDaysAgo: 600,
    lastUsedDaysAgo: 1,
  });
  acct.addRole({
    name: 'github-actions-docs-publish',
    trust: oidcTrust(provider, { StringLike: { [`${GITHUB_OIDC}:sub`]: `repo:${GITHUB_ORG}/docs-site:*` } }),
    inline: [
      {
        name: 'publish-docs',
        document: policy(
          allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::nw-docs-site/*'),
          allow('cloudfront:CreateInvalidation', '*'),
        ),
      },
    ],
    createdDaysAgo: 300,
    lastUsedDaysAgo: 5,
  });

  // Privilege-escalation paths.
  acct.addRole({
    name: 'deploy-pipeline-role',
    trust: serviceTrust('codebuild.amazonaws.com'),
    inline: [
      {
        name: 'lambda-deployer',
        document: policy(
          allow(
            ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode'],
            '*',
          ),
        ),
      },
    ],
    createdDaysAgo: 700,
    lastUsedDaysAgo: 0,
  });
  acct.addRole({
    name: 'platform-ops-role',
    trust: awsTrust(`arn:aws:iam::${id}:root`),
    inline: [
      {
        name: 'role-admin',
        document: policy(
          allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'], '*'),
        ),
      },
    ],
    createdDaysAgo: 850,
    lastUsedDaysAgo: 12,
  });
  acct.addRole({
    name: 'policy-manager-role',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: [awsManagedPolicyArn('AWSLambdaBasicExecutionRole')],
    inline: [
      {
        name: 'policy-versions',
        document: policy(allow(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], '*')),
      },
    ],
    createdDaysAgo: 640,
    lastUsedDaysAgo: 140,
  });

  // Agents in staging.
  const qaRole = agentCoreRuntimeRole(acct, {
    region: r,
    runtimeName: 'qa_test_agent',
    extra: [],
    createdDaysAgo: 30,
    lastUsedDaysAgo: 1,
  });
  addAgentRuntime(acct, {
    name: 'qa_test_agent',
    roleArn: qaRole,
    region: r,
    description: 'A2A agent that runs exploratory QA against staging',
    protocol: 'A2A',
    createdDaysAgo: 30,
    updatedDaysAgo: 2,
    version: 2,
  });
  const agentId = rng.upperAlnum(10);
  const catalogRole = bedrockAgentRole(acct, {
    region: 'us-west-2',
    agentId,
    pinAgent: true,
    permissions: [bedrockModelPolicy('us-west-2', [HAIKU])],
    createdDaysAgo: 75,
    lastUsedDaysAgo: 8,
  });
  addBedrockAgent(acct, {
    name: 'catalog-qa-agent',
    agentId,
    roleArn: catalogRole,
    region: 'us-west-2',
    model: HAIKU,
    description: 'Answers product catalog questions (staging)',
    instruction: 'Answer questions about spare parts using the catalog knowledge base.',
    status: 'PREPARED',
    createdDaysAgo: 75,
    updatedDaysAgo: 8,
  });

  // Cross-account without external id (internal).
  acct.addRole({
    name: 'staging-shared-artifacts',
    trust: awsTrust(`arn:aws:iam::${org.prodId}:root`),
    inline: [
      {
        name: 'artifacts-read',
        document: policy(allow(['s3:GetObject'], 'arn:aws:s3:::nw-staging-artifacts/*')),
      },
    ],
    createdDaysAgo: 560,
    lastUsedDaysAgo: 4,
  });
}

export function addSecurityScenarios(acct: AccountBuilder, org: OrgContext): void {
  const { rng, id } = acct;
  const r = 'us-east-1';
  acct.setRoot({ mfa: true, passwordLastUsedDaysAgo: 220 });

  acct.addRole({
    name: 'nw-security-scanner',
    trust: serviceTrust(['lambda.amazonaws.com', 'ec2.amazonaws.com']),
    managed: [awsManagedPolicyArn('SecurityAudit')],
    inline: [
      {
        name: 'assume-audit-roles',
        document: policy(allow('sts:AssumeRole', 'arn:aws:iam::*:role/nw-security-audit')),
      },
    ],
    createdDaysAgo: 700,
    lastUsedDaysAgo: 0,
  });
  const socRole = lambdaAgentRole(acct, {
    name: 'nw-soc-triage-agent-role',
    modelResources: [modelArn(r, CLAUDE)],
    streaming: false,
    data: [
      {
        name: 'soc-data',
        document: policy(
          allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${r}:${id}:secret:soc/*`),
          allow(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-org-cloudtrail-logs', 'arn:aws:s3:::nw-org-cloudtrail-logs/*'],
          ),
          allow(['guardduty:GetFindings', 'guardduty:ListFindings'], '*'),
        ),
      },
    ],
    createdDaysAgo: 150,
    lastUsedDaysAgo: 0,
  });
  addLambdaFunction(acct, {
    name: 'nw-soc-triage-agent',
    roleArn: socRole,
    region: r,
    runtime: 'python3.12',
    description: 'Summarises GuardDuty findings and proposes next steps',
    modifiedDaysAgo: 14,
    env: { MODEL_ID: CLAUDE, FINDINGS_BUCKET: 'nw-org-cloudtrail-logs' },
    memory: 1024,
    timeout: 120,
  });
  acct.addRole({
    name: 'incident-response-breakglass',
    trust: awsTrust(`arn:aws:iam::${id}:root`, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    managed: [awsManagedPolicyArn('AdministratorAccess')],
    createdDaysAgo: 900,
  });
  acct.addRole({
    name: 'vendor-pentest-access',
    trust: awsTrust(`arn:aws:iam::${org.pentestId}:root`, {
      StringEquals: { 'sts:ExternalId': `nw-pentest-${rng.lowerAlnum(8)}` },
    }),
    managed: [awsManagedPolicyArn('ReadOnlyAccess')],
    createdDaysAgo: 400,
    lastUsedDaysAgo: 120,
  });
  acct.addUser({
    name: 'svc-siem-forwarder',
    path: '/service/',
    inline: [
      {
        name: 'siem-read',
        document: policy(
          allow(
            ['s3:GetObject', 's3:ListBucket'],
            ['arn:aws:s3:::nw-org-cloudtrail-logs', 'arn:aws:s3:::nw-org-cloudtrail-logs/*'],
          ),
        ),
      },
    ],
    keys: [{ active: true, rotatedDaysAgo: 95, lastUsedDaysAgo: 0, service: 's3' }],
    createdDaysAgo: 700,
  });
}
