/**
 * One firing and one non-firing realistic case per rule. rules.test.ts runs them and checks by
 * iterating the registry that every rule id has both.
 */
import type { Finding } from '../../model/findings';
import type { Inventory } from '../../model/inventory';
import type { AwsIdentityPrivilege, AwsPrivilegeView } from '../../assess/aws-view';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  VENDOR_TENANT,
  accessKey,
  activity,
  appRole,
  awsRole,
  awsRoot,
  awsTrust,
  awsUser,
  bedrockKey,
  certificate,
  clientSecret,
  consolePassword,
  daysAgo,
  daysAhead,
  delegated,
  directoryRole,
  entraApp,
  entraSp,
  fic,
  githubTrust,
  inventory,
  owner,
  statement,
  workload,
} from './fixtures';

export interface RuleCase {
  rule: string;
  name: string;
  fires: boolean;
  inventory: () => Inventory;
  awsPrivilege?: AwsPrivilegeView;
  /** Extra assertions on the rule's findings. */
  check?: (findings: Finding[]) => void;
}

function expect1(findings: Finding[], pred: (f: Finding) => boolean, what: string) {
  if (!findings.some(pred))
    throw new Error(
      `expected a finding where ${what}; got ${JSON.stringify(findings.map((f) => [f.severity, f.message]))}`,
    );
}

const ciUser = awsUser('ci-deployer');
const agentRole = awsRole('AmazonBedrockExecutionRoleForAgents_support');
const bedrockTrust = awsTrust(agentRole, 'Service', 'bedrock.amazonaws.com', {
  StringEquals: { 'aws:SourceAccount': ACCOUNT },
  ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:eu-west-1:${ACCOUNT}:agent/*` },
});

// Entra tenant pieces
const graphAdminSp = entraSp('Provisioning Robot', 'sp-robot');
const graphAdminApp = entraApp('Provisioning Robot', 'app-robot', graphAdminSp);
const readerSp = entraSp('Reporting Reader', 'sp-reader');
const readerApp = entraApp('Reporting Reader', 'app-reader', readerSp);

function awsView(id: string, p: Partial<AwsIdentityPrivilege>): AwsPrivilegeView {
  return { byIdentity: new Map([[id, { escalations: [], adminReach: [], ...p }]]) };
}
const stmtEvidence = (grantId: string) => [
  { type: 'policy-statement', summary: 'app-policy statement 0', ref: grantId },
];

export const CASES: RuleCase[] = [
  // ---------------- AWS access keys ----------------
  {
    rule: 'AA-AWS-KEY-001',
    name: 'active key rotated 412 days ago',
    fires: true,
    inventory: () =>
      inventory({ identities: [ciUser], credentials: [accessKey(ciUser, 1, { createdAt: daysAgo(412) })] }),
    check: (f) =>
      expect1(
        f,
        (x) => x.message.includes('412 days old') && x.key === `AA-AWS-KEY-001|${ciUser.id}|access-key-1`,
        'key age in message and stable key',
      ),
  },
  {
    rule: 'AA-AWS-KEY-001',
    name: 'key 60 days old, and an old inactive key',
    fires: false,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [
          accessKey(ciUser, 1, { createdAt: daysAgo(60) }),
          accessKey(ciUser, 2, { createdAt: daysAgo(500), status: 'inactive' }),
        ],
      }),
  },
  {
    rule: 'AA-AWS-KEY-002',
    name: 'key last used 120 days ago',
    fires: true,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [accessKey(ciUser, 1, { createdAt: daysAgo(200), lastUsedAt: daysAgo(120) })],
      }),
  },
  {
    rule: 'AA-AWS-KEY-002',
    name: 'key used yesterday',
    fires: false,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [accessKey(ciUser, 1, { createdAt: daysAgo(200), lastUsedAt: daysAgo(1) })],
      }),
  },
  {
    rule: 'AA-AWS-KEY-003',
    name: 'key created 30 days ago, never used',
    fires: true,
    inventory: () => {
      const { lastUsedAt: _unused, ...key } = accessKey(ciUser, 1, { createdAt: daysAgo(30) });
      return inventory({ identities: [ciUser], credentials: [key] });
    },
  },
  {
    rule: 'AA-AWS-KEY-003',
    name: 'key created 2 days ago, not used yet (grace period)',
    fires: false,
    inventory: () => {
      const { lastUsedAt: _unused, ...key } = accessKey(ciUser, 1, { createdAt: daysAgo(2) });
      return inventory({ identities: [ciUser], credentials: [key] });
    },
  },
  {
    rule: 'AA-AWS-KEY-004',
    name: 'two active keys',
    fires: true,
    inventory: () =>
      inventory({ identities: [ciUser], credentials: [accessKey(ciUser, 1), accessKey(ciUser, 2)] }),
  },
  {
    rule: 'AA-AWS-KEY-004',
    name: 'one active and one inactive key',
    fires: false,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [accessKey(ciUser, 1), accessKey(ciUser, 2, { status: 'inactive' })],
      }),
  },
  {
    rule: 'AA-AWS-KEY-005',
    name: 'root has an active access key',
    fires: true,
    inventory: () => inventory({ identities: [awsRoot()], credentials: [accessKey(awsRoot(), 1)] }),
    check: (f) => expect1(f, (x) => x.severity === 'critical', 'critical severity'),
  },
  {
    rule: 'AA-AWS-KEY-005',
    name: 'root with password only',
    fires: false,
    inventory: () => inventory({ identities: [awsRoot()], credentials: [consolePassword(awsRoot())] }),
  },
  // ---------------- AWS users ----------------
  {
    rule: 'AA-AWS-USER-001',
    name: 'CI user with access key and console password',
    fires: true,
    inventory: () =>
      inventory({ identities: [ciUser], credentials: [accessKey(ciUser, 1), consolePassword(ciUser)] }),
  },
  {
    rule: 'AA-AWS-USER-001',
    name: 'a person with a console password only',
    fires: false,
    inventory: () => {
      const alice = awsUser('alice.smith');
      return inventory({ identities: [alice], credentials: [consolePassword(alice)] });
    },
  },
  {
    rule: 'AA-AWS-USER-002',
    name: 'key-holding user with an inline policy',
    fires: true,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [accessKey(ciUser, 1)],
        grants: [
          statement(ciUser, {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::deploy-bucket/*',
          }),
        ],
      }),
  },
  {
    rule: 'AA-AWS-USER-002',
    name: 'key-holding user that gets permissions from a group',
    fires: false,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [accessKey(ciUser, 1)],
        grants: [
          statement(
            ciUser,
            { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
            { attachedVia: 'deployers', policyType: 'managed' },
          ),
        ],
      }),
  },
  // ---------------- Bedrock API keys ----------------
  {
    rule: 'AA-AWS-BRK-001',
    name: 'Bedrock API key without expiry',
    fires: true,
    inventory: () => {
      const u = awsUser('BedrockAPIKey-x7k2');
      const { expiresAt: _never, ...key } = bedrockKey(u);
      return inventory({ identities: [u], credentials: [key] });
    },
    check: (f) =>
      expect1(f, (x) => x.severity === 'high' && /never expires/.test(x.message), 'never expires, high'),
  },
  {
    rule: 'AA-AWS-BRK-001',
    name: 'Bedrock API key valid 15 days',
    fires: false,
    inventory: () => {
      const u = awsUser('BedrockAPIKey-x7k2');
      return inventory({ identities: [u], credentials: [bedrockKey(u)] });
    },
  },
  {
    rule: 'AA-AWS-BRK-002',
    name: 'expired Bedrock API key still present',
    fires: true,
    inventory: () => {
      const u = awsUser('BedrockAPIKey-old');
      return inventory({
        identities: [u],
        credentials: [bedrockKey(u, { createdAt: daysAgo(60), expiresAt: daysAgo(30), status: 'expired' })],
      });
    },
  },
  {
    rule: 'AA-AWS-BRK-002',
    name: 'valid Bedrock API key',
    fires: false,
    inventory: () => {
      const u = awsUser('BedrockAPIKey-x7k2');
      return inventory({ identities: [u], credentials: [bedrockKey(u)] });
    },
  },
  // ---------------- AWS trust ----------------
  {
    rule: 'AA-AWS-OIDC-001',
    name: 'GitHub trust for any repository of the organisation',
    fires: true,
    inventory: () => {
      const r = awsRole('gha-deploy');
      return inventory({
        identities: [r],
        trusts: [
          githubTrust(r, {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:contoso/*' },
          }),
        ],
      });
    },
    check: (f) =>
      expect1(
        f,
        (x) => x.severity === 'high' && x.message.includes('repo:contoso/*'),
        'organisation-wide = high',
      ),
  },
  {
    rule: 'AA-AWS-OIDC-001',
    name: 'GitHub trust pinned to one environment',
    fires: false,
    inventory: () => {
      const r = awsRole('gha-deploy');
      return inventory({
        identities: [r],
        trusts: [
          githubTrust(r, {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:contoso/api:environment:prod',
            },
          }),
        ],
      });
    },
  },
  {
    rule: 'AA-AWS-OIDC-002',
    name: 'GitHub trust with audience only',
    fires: true,
    inventory: () => {
      const r = awsRole('gha-deploy');
      return inventory({
        identities: [r],
        trusts: [
          githubTrust(r, {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          }),
        ],
      });
    },
    check: (f) => expect1(f, (x) => x.severity === 'critical', 'critical for GitHub'),
  },
  {
    rule: 'AA-AWS-OIDC-002',
    name: 'GitHub trust with a subject condition',
    fires: false,
    inventory: () => {
      const r = awsRole('gha-deploy');
      return inventory({
        identities: [r],
        trusts: [
          githubTrust(r, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:contoso/api:*' } }),
        ],
      });
    },
  },
  {
    rule: 'AA-AWS-OIDC-003',
    name: 'GitHub trust without an audience',
    fires: true,
    inventory: () => {
      const r = awsRole('gha-deploy');
      return inventory({
        identities: [r],
        trusts: [
          githubTrust(r, {
            StringEquals: {
              'token.actions.githubusercontent.com:sub': 'repo:contoso/api:ref:refs/heads/main',
            },
          }),
        ],
      });
    },
  },
  {
    rule: 'AA-AWS-OIDC-003',
    name: 'GitHub trust with aud sts.amazonaws.com',
    fires: false,
    inventory: () => {
      const r = awsRole('gha-deploy');
      return inventory({
        identities: [r],
        trusts: [
          githubTrust(r, {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:contoso/api:ref:refs/heads/main',
            },
          }),
        ],
      });
    },
  },
  {
    rule: 'AA-AWS-TRUST-001',
    name: 'vendor account trusted without external id',
    fires: true,
    inventory: () => {
      const r = awsRole('vendor-monitoring');
      return inventory({
        identities: [r],
        trusts: [awsTrust(r, 'AWS', `arn:aws:iam::${OTHER_ACCOUNT}:root`)],
      });
    },
  },
  {
    rule: 'AA-AWS-TRUST-001',
    name: 'vendor account with external id',
    fires: false,
    inventory: () => {
      const r = awsRole('vendor-monitoring');
      return inventory({
        identities: [r],
        trusts: [
          awsTrust(r, 'AWS', `arn:aws:iam::${OTHER_ACCOUNT}:root`, {
            StringEquals: { 'sts:ExternalId': 'c0ffee-4411' },
          }),
        ],
      });
    },
  },
  {
    rule: 'AA-AWS-TRUST-002',
    name: 'Principal "*" without conditions',
    fires: true,
    inventory: () => {
      const r = awsRole('shared-read');
      return inventory({ identities: [r], trusts: [awsTrust(r, 'AWS', '*')] });
    },
  },
  {
    rule: 'AA-AWS-TRUST-002',
    name: 'Principal "*" restricted to the organisation',
    fires: false,
    inventory: () => {
      const r = awsRole('shared-read');
      return inventory({
        identities: [r],
        trusts: [awsTrust(r, 'AWS', '*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })],
      });
    },
  },
  {
    rule: 'AA-AWS-TRUST-003',
    name: 'Bedrock agent role without source conditions',
    fires: true,
    inventory: () =>
      inventory({
        identities: [agentRole],
        trusts: [awsTrust(agentRole, 'Service', 'bedrock.amazonaws.com')],
      }),
  },
  {
    rule: 'AA-AWS-TRUST-003',
    name: 'Bedrock agent role with aws:SourceAccount and aws:SourceArn',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
  },
  // ---------------- AWS privilege (engine view) ----------------
  {
    rule: 'AA-AWS-PRIV-001',
    name: 'engine says admin-equivalent',
    fires: true,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {
      adminEquivalent: {
        summary: 'AdministratorAccess attached',
        actions: ['*'],
        evidence: stmtEvidence('g1'),
      },
    }),
    check: (f) =>
      expect1(
        f,
        (x) => x.message.startsWith('AI agent') && x.evidence[0]?.ref === 'g1',
        'agent named and evidence passed through',
      ),
  },
  {
    rule: 'AA-AWS-PRIV-001',
    name: 'engine finds nothing',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {}),
  },
  {
    rule: 'AA-AWS-PRIV-002',
    name: 'two escalation methods, one finding',
    fires: true,
    inventory: () => inventory({ identities: [ciUser] }),
    awsPrivilege: awsView(ciUser.id, {
      escalations: [
        {
          method: 'PutUserPolicy',
          summary: 'can add an inline policy to itself',
          evidence: stmtEvidence('g2'),
        },
        {
          method: 'CreateAccessKey',
          summary: 'can create keys for other users',
          reference: 'https://pathfinding.cloud/paths/iam-002',
          evidence: stmtEvidence('g3'),
        },
      ],
    }),
    check: (f) => {
      if (f.length !== 1) throw new Error(`expected one finding per identity, got ${f.length}`);
      expect1(f, (x) => x.message.includes('CreateAccessKey, PutUserPolicy'), 'methods listed in order');
    },
  },
  {
    rule: 'AA-AWS-PRIV-002',
    name: 'admin identity: escalation is moot',
    fires: false,
    inventory: () => inventory({ identities: [ciUser] }),
    awsPrivilege: awsView(ciUser.id, {
      adminEquivalent: { summary: '*:*', actions: ['*'], evidence: [] },
      escalations: [{ method: 'PutUserPolicy', summary: 'x', evidence: [] }],
    }),
  },
  {
    rule: 'AA-AWS-PRIV-003',
    name: 'can mint database credentials (the registry token beside it is not counted)',
    fires: true,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {
      credentialExposure: {
        summary: '2 actions on *',
        actions: ['ecr:GetAuthorizationToken', 'redshift:GetClusterCredentials'],
        total: 2,
        evidence: stmtEvidence('g4'),
      },
    }),
    check: (f) => {
      expect1(
        f,
        (x) =>
          x.severity === 'high' &&
          x.message.includes('redshift:GetClusterCredentials') &&
          !x.message.includes('ecr:GetAuthorizationToken'),
        'only the database credential action named',
      );
      expect1(
        f,
        (x) => x.evidence.some((e) => e.type === 'note' && e.summary.includes('ecr:GetAuthorizationToken')),
        'the ignored registry token noted in the evidence',
      );
    },
  },
  {
    rule: 'AA-AWS-PRIV-003',
    name: 'reads every secret (reported here, not as a data read)',
    fires: true,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {
      dataExfiltration: {
        summary: '2 actions on *',
        actions: ['s3:GetObject', 'secretsmanager:GetSecretValue'],
        evidence: [
          {
            type: 'policy-statement',
            summary: 'secrets statement 0',
            ref: 'g-secrets',
            data: { statement: { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' } },
          },
          {
            type: 'policy-statement',
            summary: 'docs statement 0',
            ref: 'g-docs',
            data: { statement: { Effect: 'Allow', Action: 's3:Get*', Resource: '*' } },
          },
        ],
      },
    }),
    check: (f) =>
      expect1(
        f,
        (x) =>
          x.message.includes('secretsmanager:GetSecretValue') &&
          x.evidence.map((e) => e.ref).join() === 'g-secrets',
        'secret read named, only its statement cited',
      ),
  },
  {
    rule: 'AA-AWS-PRIV-003',
    name: 'only a registry token and its own session token: needed by every image-pulling workload',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {
      credentialExposure: {
        summary: '2 actions on *',
        actions: ['ecr:GetAuthorizationToken', 'sts:GetSessionToken'],
        total: 2,
        evidence: stmtEvidence('g4'),
      },
    }),
  },
  {
    rule: 'AA-AWS-PRIV-003',
    name: 'no credential exposure',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {}),
  },
  {
    rule: 'AA-AWS-PRIV-004',
    name: 's3:GetObject on *',
    fires: true,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {
      dataExfiltration: {
        summary: 'reads every bucket',
        actions: ['s3:GetObject'],
        evidence: stmtEvidence('g5'),
      },
    }),
  },
  {
    rule: 'AA-AWS-PRIV-004',
    name: 'only secret reads: AA-AWS-PRIV-003 reports them',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {
      dataExfiltration: {
        summary: 'reads every secret',
        actions: ['secretsmanager:GetSecretValue', 'ssm:GetParameter'],
        evidence: stmtEvidence('g5'),
      },
    }),
  },
  {
    rule: 'AA-AWS-PRIV-004',
    name: 'no broad data access',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {}),
  },
  {
    rule: 'AA-AWS-PRIV-005',
    name: 's3:PutBucketPolicy on *',
    fires: true,
    inventory: () => inventory({ identities: [ciUser] }),
    awsPrivilege: awsView(ciUser.id, {
      resourceExposure: {
        summary: 'can rewrite bucket policies',
        actions: ['s3:PutBucketPolicy'],
        evidence: stmtEvidence('g6'),
      },
    }),
  },
  {
    rule: 'AA-AWS-PRIV-005',
    name: 'Glue Data Catalog policy only: catalogue entries, medium',
    fires: true,
    inventory: () => inventory({ identities: [ciUser] }),
    awsPrivilege: awsView(ciUser.id, {
      resourceExposure: {
        summary: 'can rewrite the catalog policy',
        actions: ['glue:PutResourcePolicy'],
        total: 1,
        evidence: stmtEvidence('g6'),
      },
    }),
    check: (f) =>
      expect1(
        f,
        (x) => x.severity === 'medium' && x.message.includes('catalogue or configuration'),
        'medium',
      ),
  },
  {
    rule: 'AA-AWS-PRIV-005',
    name: 'no resource exposure',
    fires: false,
    inventory: () => inventory({ identities: [ciUser] }),
    awsPrivilege: awsView(ciUser.id, {}),
  },
  {
    rule: 'AA-AWS-PRIV-006',
    name: 'agent can assume an admin role',
    fires: true,
    inventory: () =>
      inventory({
        identities: [agentRole, awsRole('OrganizationAccountAccessRole')],
        trusts: [bedrockTrust],
      }),
    awsPrivilege: awsView(agentRole.id, {
      adminReach: [
        {
          targetId: awsRole('OrganizationAccountAccessRole').id,
          targetName: 'OrganizationAccountAccessRole',
          hops: [
            {
              fromId: agentRole.id,
              toId: awsRole('OrganizationAccountAccessRole').id,
              via: 'sts:AssumeRole',
            },
          ],
          evidence: [{ type: 'trust', summary: 'admin role trusts the agent role', ref: 't1' }],
        },
      ],
    }),
    check: (f) =>
      expect1(
        f,
        (x) => x.message.includes('OrganizationAccountAccessRole (sts:AssumeRole)'),
        'target and hop named',
      ),
  },
  {
    rule: 'AA-AWS-PRIV-006',
    name: 'no admin reachable',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
    awsPrivilege: awsView(agentRole.id, {}),
  },
  {
    rule: 'AA-AWS-POL-001',
    name: 'inline policy Allow * on *',
    fires: true,
    inventory: () => {
      const r = awsRole('legacy-batch');
      return inventory({
        identities: [r],
        grants: [statement(r, { Effect: 'Allow', Action: '*', Resource: '*' })],
      });
    },
  },
  {
    rule: 'AA-AWS-POL-001',
    name: 'service-wide wildcard on one bucket',
    fires: false,
    inventory: () => {
      const r = awsRole('legacy-batch');
      return inventory({
        identities: [r],
        grants: [statement(r, { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::batch-data/*' })],
      });
    },
  },
  // ---------------- Entra credentials ----------------
  {
    rule: 'AA-ENT-SECRET-001',
    name: 'app with a client secret whose SP holds a tier-0 permission',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp, graphAdminApp],
        credentials: [clientSecret(graphAdminApp, 'k-1')],
        grants: [appRole(graphAdminSp, 'Policy.ReadWrite.ConditionalAccess')],
      }),
    check: (f) =>
      expect1(
        f,
        (x) => x.severity === 'high' && x.message.includes('Policy.ReadWrite.ConditionalAccess'),
        'privilege raises severity',
      ),
  },
  {
    rule: 'AA-ENT-SECRET-001',
    name: 'one finding per app names each secret with its lifetime problem',
    fires: true,
    inventory: () =>
      inventory({
        identities: [readerSp, readerApp],
        credentials: [
          clientSecret(readerApp, 'k-3y', { createdAt: daysAgo(10), expiresAt: daysAhead(1085) }),
          clientSecret(readerApp, 'k-90', { createdAt: daysAgo(10), expiresAt: daysAhead(80) }),
        ],
      }),
    check: (f) => {
      if (f.length !== 1) throw new Error(`expected one finding for the app, got ${f.length}`);
      expect1(
        f,
        (x) =>
          x.severity === 'medium' &&
          x.message.includes(
            '2 client secrets; 1 valid longer than the 180-day maximum (1095 days, about 3 years)',
          ) &&
          x.evidence.some(
            (e) =>
              e.ref === `${readerApp.id}#k-3y` && e.summary.includes('1095 days, about 3 years; maximum 180'),
          ),
        'lifetime named in message and evidence',
      );
    },
  },
  {
    rule: 'AA-ENT-SECRET-001',
    name: 'secret without an end date is high',
    fires: true,
    inventory: () => {
      const { expiresAt: _none, ...secret } = clientSecret(readerApp, 'k-forever');
      return inventory({ identities: [readerSp, readerApp], credentials: [secret] });
    },
    check: (f) => expect1(f, (x) => x.severity === 'high' && x.message.includes('1 never expires'), 'high'),
  },
  {
    rule: 'AA-ENT-SECRET-001',
    name: 'app with a certificate only',
    fires: false,
    inventory: () =>
      inventory({ identities: [readerSp, readerApp], credentials: [certificate(readerApp, 'c-1')] }),
  },
  {
    rule: 'AA-ENT-SECRET-002',
    name: 'secret added on the service principal',
    fires: true,
    inventory: () =>
      inventory({ identities: [readerSp, readerApp], credentials: [clientSecret(readerSp, 'k-sp')] }),
  },
  {
    rule: 'AA-ENT-SECRET-002',
    name: 'SAML app: password next to its signing certificate',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerSp],
        credentials: [
          clientSecret(readerSp, 'k-saml'),
          certificate(readerSp, 'c-saml', { attributes: { type: 'AsymmetricX509Cert', usage: 'Sign' } }),
        ],
      }),
  },
  {
    rule: 'AA-ENT-CRED-001',
    name: 'certificate valid for two years',
    fires: true,
    inventory: () =>
      inventory({
        identities: [readerApp],
        credentials: [certificate(readerApp, 'c-2y', { createdAt: daysAgo(10), expiresAt: daysAhead(720) })],
      }),
    check: (f) =>
      expect1(f, (x) => x.message.includes('730 days') && x.severity === 'low', 'lifetime computed'),
  },
  {
    rule: 'AA-ENT-CRED-001',
    name: 'certificate valid for 90 days',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerApp],
        credentials: [certificate(readerApp, 'c-90', { createdAt: daysAgo(10), expiresAt: daysAhead(80) })],
      }),
  },
  {
    rule: 'AA-ENT-CRED-001',
    name: 'secret valid for two years: reported once, by AA-ENT-SECRET-001',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerApp],
        credentials: [clientSecret(readerApp, 'k-2y', { createdAt: daysAgo(10), expiresAt: daysAhead(720) })],
      }),
  },
  {
    rule: 'AA-ENT-CRED-002',
    name: 'certificate with the 9999 sentinel (no end date)',
    fires: true,
    inventory: () => {
      const { expiresAt: _none, ...cert } = certificate(readerApp, 'c-forever');
      return inventory({ identities: [readerApp], credentials: [cert] });
    },
  },
  {
    rule: 'AA-ENT-CRED-002',
    name: 'certificate with an end date',
    fires: false,
    inventory: () => inventory({ identities: [readerApp], credentials: [certificate(readerApp, 'c-1')] }),
  },
  {
    rule: 'AA-ENT-CRED-002',
    name: 'secret without an end date: reported once, by AA-ENT-SECRET-001',
    fires: false,
    inventory: () => {
      const { expiresAt: _none, ...secret } = clientSecret(readerApp, 'k-forever');
      return inventory({ identities: [readerApp], credentials: [secret] });
    },
  },
  {
    rule: 'AA-ENT-CRED-003',
    name: 'certificate expired last month',
    fires: true,
    inventory: () =>
      inventory({
        identities: [readerApp],
        credentials: [
          certificate(readerApp, 'c-old', {
            createdAt: daysAgo(400),
            expiresAt: daysAgo(30),
            status: 'expired',
          }),
        ],
      }),
  },
  {
    rule: 'AA-ENT-CRED-003',
    name: 'valid certificate',
    fires: false,
    inventory: () => inventory({ identities: [readerApp], credentials: [certificate(readerApp, 'c-new')] }),
  },
  {
    rule: 'AA-ENT-CRED-004',
    name: 'only secret expires in 12 days',
    fires: true,
    inventory: () =>
      inventory({
        identities: [readerApp],
        credentials: [
          clientSecret(readerApp, 'k-soon', { createdAt: daysAgo(168), expiresAt: daysAhead(12) }),
        ],
      }),
  },
  {
    rule: 'AA-ENT-CRED-004',
    name: 'expiring secret with a replacement already in place',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerApp],
        credentials: [
          clientSecret(readerApp, 'k-soon', { createdAt: daysAgo(168), expiresAt: daysAhead(12) }),
          clientSecret(readerApp, 'k-next', { createdAt: daysAgo(2), expiresAt: daysAhead(178) }),
        ],
      }),
  },
  {
    rule: 'AA-ENT-FIC-001',
    name: 'flexible FIC matching every branch of a repo',
    fires: true,
    inventory: () =>
      inventory({
        identities: [readerApp],
        trusts: [
          fic(readerApp, 'f1', 'https://token.actions.githubusercontent.com', {
            claimsMatchingExpression: "claims['sub'] matches 'repo:contoso/reports:ref:refs/heads/*'",
          }),
        ],
      }),
  },
  {
    rule: 'AA-ENT-FIC-001',
    name: 'exact subject',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerApp],
        trusts: [
          fic(readerApp, 'f1', 'https://token.actions.githubusercontent.com', {
            subject: 'repo:contoso/reports:environment:prod',
          }),
        ],
      }),
  },
  // ---------------- Entra privilege ----------------
  {
    rule: 'AA-ENT-PATH-001',
    name: 'RoleManagement.ReadWrite.Directory',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [appRole(graphAdminSp, 'RoleManagement.ReadWrite.Directory')],
      }),
  },
  {
    rule: 'AA-ENT-PATH-001',
    name: 'RoleManagement.Read.Directory',
    fires: false,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [appRole(graphAdminSp, 'RoleManagement.Read.Directory')],
      }),
  },
  {
    rule: 'AA-ENT-PATH-002',
    name: 'AppRoleAssignment.ReadWrite.All',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [appRole(graphAdminSp, 'AppRoleAssignment.ReadWrite.All')],
      }),
  },
  {
    rule: 'AA-ENT-PATH-002',
    name: 'same name on a non-Graph resource',
    fires: false,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [appRole(graphAdminSp, 'AppRoleAssignment.ReadWrite.All', 'Contoso Internal API')],
      }),
  },
  {
    rule: 'AA-ENT-PATH-003',
    name: 'Application.ReadWrite.All with a privileged app to take over',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp, readerSp],
        grants: [
          appRole(readerSp, 'Application.ReadWrite.All'),
          appRole(graphAdminSp, 'RoleManagement.ReadWrite.Directory'),
        ],
      }),
    check: (f) =>
      expect1(
        f,
        (x) => x.severity === 'critical' && x.message.includes('Provisioning Robot'),
        'names the takeover target',
      ),
  },
  {
    rule: 'AA-ENT-PATH-003',
    name: 'Application.ReadWrite.OwnedBy only',
    fires: false,
    inventory: () =>
      inventory({ identities: [readerSp], grants: [appRole(readerSp, 'Application.ReadWrite.OwnedBy')] }),
  },
  {
    rule: 'AA-ENT-PATH-004',
    name: 'user owns the app of a privileged service principal',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp, { ...graphAdminApp, owners: [owner('dev@contoso.com')] }],
        grants: [appRole(graphAdminSp, 'RoleManagement.ReadWrite.Directory')],
      }),
    check: (f) =>
      expect1(
        f,
        (x) =>
          x.identityId === graphAdminSp.id &&
          x.severity === 'critical' &&
          x.message.includes('dev@contoso.com'),
        'owner named, critical',
      ),
  },
  {
    rule: 'AA-ENT-PATH-004',
    name: 'owned app without privileges',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerSp, { ...readerApp, owners: [owner('dev@contoso.com')] }],
        grants: [appRole(readerSp, 'Reports.Read.All')],
      }),
  },
  {
    rule: 'AA-ENT-PRIV-001',
    name: 'UserAuthenticationMethod.ReadWrite.All',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [appRole(graphAdminSp, 'UserAuthenticationMethod.ReadWrite.All')],
      }),
  },
  {
    rule: 'AA-ENT-PRIV-001',
    name: 'only a path permission (reported by its own rule)',
    fires: false,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [appRole(graphAdminSp, 'RoleManagement.ReadWrite.Directory')],
      }),
  },
  {
    rule: 'AA-ENT-PRIV-002',
    name: 'Global Administrator held by a service principal',
    fires: true,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [directoryRole(graphAdminSp, '62e90394-69f5-4237-9190-012177145e10', 'Global Administrator')],
      }),
    check: (f) => expect1(f, (x) => x.severity === 'critical', 'critical'),
  },
  {
    rule: 'AA-ENT-PRIV-002',
    name: 'Directory Readers',
    fires: false,
    inventory: () =>
      inventory({
        identities: [graphAdminSp],
        grants: [
          directoryRole(graphAdminSp, '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', 'Directory Readers', false),
        ],
      }),
  },
  {
    rule: 'AA-ENT-CONSENT-001',
    name: 'Mail.ReadWrite consented for all users',
    fires: true,
    inventory: () => inventory({ identities: [readerSp], grants: [delegated(readerSp, 'Mail.ReadWrite')] }),
  },
  {
    rule: 'AA-ENT-CONSENT-001',
    name: 'Mail.ReadWrite consented by one user',
    fires: false,
    inventory: () =>
      inventory({
        identities: [readerSp],
        grants: [delegated(readerSp, 'Mail.ReadWrite', 'Principal'), delegated(readerSp, 'User.Read')],
      }),
  },
  {
    rule: 'AA-ENT-3P-001',
    name: 'vendor app with Files.ReadWrite.All',
    fires: true,
    inventory: () => {
      const vendor = entraSp(
        'Acme Backup',
        'sp-acme',
        {},
        { appOwnerOrganizationId: VENDOR_TENANT, multiTenant: true },
      );
      return inventory({ identities: [vendor], grants: [appRole(vendor, 'Files.ReadWrite.All')] });
    },
  },
  {
    rule: 'AA-ENT-3P-001',
    name: 'vendor app with User.Read.All only',
    fires: false,
    inventory: () => {
      const vendor = entraSp(
        'Acme Directory Sync',
        'sp-acme',
        {},
        { appOwnerOrganizationId: VENDOR_TENANT, multiTenant: true },
      );
      return inventory({ identities: [vendor], grants: [appRole(vendor, 'User.ReadBasic.All')] });
    },
  },
  // ---------------- Lifecycle ----------------
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'role last used 200 days ago',
    fires: true,
    inventory: () => {
      const r = awsRole('old-etl');
      return inventory({ identities: [r], activities: [activity(r, daysAgo(200))] });
    },
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'user whose only use is an access key last used 150 days ago',
    fires: true,
    inventory: () =>
      inventory({
        identities: [ciUser],
        credentials: [accessKey(ciUser, 1, { createdAt: daysAgo(400), lastUsedAt: daysAgo(150) })],
      }),
    check: (f) =>
      expect1(
        f,
        (x) => x.severity === 'low' && x.evidence[0]?.ref === accessKey(ciUser, 1).id,
        'credential cited, low for a non-agent',
      ),
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'agent role never used since creation, while the account has usage data',
    fires: true,
    inventory: () => {
      const busy = awsRole('busy');
      return inventory({
        identities: [agentRole, busy],
        trusts: [bedrockTrust],
        activities: [activity(busy, daysAgo(1))],
      });
    },
    check: (f) =>
      expect1(
        f,
        (x) => x.identityId === agentRole.id && x.severity === 'medium' && /no recorded use/.test(x.message),
        'agent, medium',
      ),
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'never-used role in an account without usage data: left to the scan coverage',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'agent identity (no appId in the sign-in report) older than the threshold: activity unknown',
    fires: true,
    inventory: () => {
      const sp = entraSp(
        'Invoice Agent',
        'agent-1',
        { kind: 'entra-agent-identity', createdAt: daysAgo(200) },
        { servicePrincipalType: 'ServiceIdentity' },
      );
      const { appId: _none, ...attributes } = sp.attributes;
      const agent = { ...sp, attributes };
      const busy = entraSp('Busy App', 'sp-busy');
      return inventory({
        identities: [agent, busy],
        activities: [activity(busy, daysAgo(1), 'sp-sign-in-activity')],
      });
    },
    check: (f) => {
      if (f.some((x) => x.key.endsWith('|dormant'))) throw new Error('agent identity reported as dormant');
      expect1(f, (x) => x.severity === 'info' && x.message.includes('keyed by appId'), 'reason given');
    },
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'Bedrock API key user: IAM records no use of the key, so activity is unknown',
    fires: true,
    inventory: () => {
      const keyUser = awsUser('BedrockAPIKey-ab12', { createdAt: daysAgo(200) });
      const busy = awsUser('busy');
      return inventory({
        identities: [keyUser, busy],
        credentials: [bedrockKey(keyUser)],
        activities: [activity(busy, daysAgo(1), 'credential-report')],
      });
    },
    check: (f) => {
      if (f.some((x) => x.key.endsWith('|dormant'))) throw new Error('Bedrock key user reported as dormant');
      expect1(f, (x) => x.severity === 'info' && x.message.includes('service-specific'), 'reason given');
    },
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'role created last month and never used: too young to be dormant',
    fires: false,
    inventory: () => {
      const fresh = awsRole('fresh-etl', { createdAt: daysAgo(30) });
      const busy = awsRole('busy');
      return inventory({ identities: [fresh, busy], activities: [activity(busy, daysAgo(1))] });
    },
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'Microsoft first-party service principal unused for a year: Microsoft runs it',
    fires: false,
    inventory: () => {
      const firstParty = entraSp(
        'Office 365 Exchange Online',
        'sp-exo',
        { createdAt: daysAgo(900) },
        { appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a' },
      );
      return inventory({
        identities: [firstParty],
        activities: [activity(firstParty, daysAgo(365), 'sp-sign-in-activity')],
      });
    },
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'service-linked role with no recorded use: AWS manages it',
    fires: false,
    inventory: () => {
      const slr = awsRole('AWSServiceRoleForSupport', {
        createdAt: daysAgo(900),
        attributes: { path: '/aws-service-role/support.amazonaws.com/', serviceLinked: true },
      });
      const busy = awsRole('busy');
      return inventory({ identities: [slr, busy], activities: [activity(busy, daysAgo(1))] });
    },
  },
  {
    rule: 'AA-LIFE-DORMANT-001',
    name: 'role used last week',
    fires: false,
    inventory: () => {
      const r = awsRole('etl');
      return inventory({ identities: [r], activities: [activity(r, daysAgo(7))] });
    },
  },
  {
    rule: 'AA-LIFE-OWNER-001',
    name: 'app and SP without owners',
    fires: true,
    inventory: () => inventory({ identities: [readerSp, readerApp] }),
    check: (f) => {
      if (f.length !== 1 || f[0]?.identityId !== readerApp.id)
        throw new Error('expected one finding, on the application');
    },
  },
  {
    rule: 'AA-LIFE-OWNER-001',
    name: 'owner on the app registration',
    fires: false,
    inventory: () =>
      inventory({ identities: [readerSp, { ...readerApp, owners: [owner('ops@contoso.com')] }] }),
  },
  {
    rule: 'AA-LIFE-OWNER-002',
    name: 'only owner left the company',
    fires: true,
    inventory: () =>
      inventory({ identities: [readerSp, { ...readerApp, owners: [owner('leaver@contoso.com', false)] }] }),
  },
  {
    rule: 'AA-LIFE-OWNER-002',
    name: 'owner active',
    fires: false,
    inventory: () =>
      inventory({ identities: [readerSp, { ...readerApp, owners: [owner('ops@contoso.com', true)] }] }),
  },
  // ---------------- Agents ----------------
  {
    rule: 'AA-AGT-SHARED-001',
    name: 'two Bedrock agents share one execution role',
    fires: true,
    inventory: () =>
      inventory({
        identities: [agentRole],
        trusts: [bedrockTrust],
        workloads: [
          workload(agentRole, 'bedrock-agent', 'support'),
          workload(agentRole, 'bedrock-agent', 'billing'),
        ],
      }),
  },
  {
    rule: 'AA-AGT-SHARED-001',
    name: 'one agent per role',
    fires: false,
    inventory: () =>
      inventory({
        identities: [agentRole],
        trusts: [bedrockTrust],
        workloads: [workload(agentRole, 'bedrock-agent', 'support')],
      }),
  },
  {
    rule: 'AA-AGT-SHARED-002',
    name: 'agent blueprint trusted by two repositories',
    fires: true,
    inventory: () => {
      const bp = {
        ...entraApp('Support Agent Blueprint', 'bp-1', undefined),
        kind: 'entra-agent-blueprint' as const,
      };
      return inventory({
        identities: [bp],
        trusts: [
          fic(bp, 'f1', 'https://token.actions.githubusercontent.com', {
            subject: 'repo:contoso/agent-a:environment:prod',
          }),
          fic(bp, 'f2', 'https://token.actions.githubusercontent.com', {
            subject: 'repo:contoso/agent-b:environment:prod',
          }),
        ],
      });
    },
  },
  {
    rule: 'AA-AGT-SHARED-002',
    name: 'agent blueprint with one workload',
    fires: false,
    inventory: () => {
      const bp = {
        ...entraApp('Support Agent Blueprint', 'bp-1', undefined),
        kind: 'entra-agent-blueprint' as const,
      };
      return inventory({
        identities: [bp],
        trusts: [
          fic(bp, 'f1', 'https://token.actions.githubusercontent.com', {
            subject: 'repo:contoso/agent-a:environment:prod',
          }),
        ],
      });
    },
  },
  {
    rule: 'AA-AGT-MODEL-001',
    name: 'agent may invoke every model',
    fires: true,
    inventory: () =>
      inventory({
        identities: [agentRole],
        trusts: [bedrockTrust],
        grants: [
          statement(agentRole, {
            Effect: 'Allow',
            Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
            Resource: '*',
          }),
        ],
      }),
  },
  {
    rule: 'AA-AGT-MODEL-001',
    name: 'agent limited to one foundation model',
    fires: false,
    inventory: () =>
      inventory({
        identities: [agentRole],
        trusts: [bedrockTrust],
        grants: [
          statement(agentRole, {
            Effect: 'Allow',
            Action: 'bedrock:InvokeModel',
            Resource: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
          }),
        ],
      }),
  },
  {
    rule: 'AA-AGT-HUMAN-001',
    name: 'IAM user may assume the agent role',
    fires: true,
    inventory: () =>
      inventory({
        identities: [agentRole],
        trusts: [bedrockTrust, awsTrust(agentRole, 'AWS', `arn:aws:iam::${ACCOUNT}:user/alice.smith`)],
      }),
  },
  {
    rule: 'AA-AGT-HUMAN-001',
    name: 'only the Bedrock service may assume it',
    fires: false,
    inventory: () => inventory({ identities: [agentRole], trusts: [bedrockTrust] }),
  },
  {
    rule: 'AA-AGT-PRIV-001',
    name: 'agent identity with Mail.ReadWrite',
    fires: true,
    inventory: () => {
      const agent = { ...entraSp('Inbox Triage Agent', 'agent-1'), kind: 'entra-agent-identity' as const };
      return inventory({ identities: [agent], grants: [appRole(agent, 'Mail.ReadWrite')] });
    },
  },
  {
    rule: 'AA-AGT-PRIV-001',
    name: 'ordinary app with Mail.ReadWrite (not an agent)',
    fires: false,
    inventory: () => inventory({ identities: [readerSp], grants: [appRole(readerSp, 'Mail.ReadWrite')] }),
  },
];
