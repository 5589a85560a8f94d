import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Inventory } from '../../../model/inventory';
import { readAwsAccountDir, readAwsImportDir } from '../../../collectors/aws/read-files';
import { transformAwsImport } from '../../../collectors/aws/import-source';
import { stagedAwsTransform, transformAwsAccount } from '../../../collectors/aws/transform';
import { authDetailsPageSchema, type AwsAccountRaw } from '../../../collectors/aws/raw-schemas';
import { inventorySchema } from '../../../model/inventory';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  COLLECTED_AT,
  DIR_A,
  DIR_B,
  EXPORT_DIR,
  importAccount,
  readFixtureJson,
  sourceFor,
  roleId,
  transform,
  userId,
} from './helpers';

const BEDROCK_ROLE = roleId(ACCOUNT_A, 'service-role/AmazonBedrockExecutionRoleForAgents_support');
const GITHUB_ROLE = roleId(ACCOUNT_A, 'github-actions-deploy');
const AUDIT_ROLE = roleId(ACCOUNT_A, 'CrossAccountAudit');
const SUPPORT_ROLE = roleId(ACCOUNT_A, 'aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport');
const CI_USER = userId(ACCOUNT_A, 'ci/ci-deployer');
const ALICE = userId(ACCOUNT_A, 'alice');
const API_KEY_USER = userId(ACCOUNT_A, 'BedrockAPIKey-x7k2');
const ROOT_A = `aws:arn:aws:iam::${ACCOUNT_A}:root`;

let inv: Inventory;
beforeAll(async () => {
  inv = await importAccount(DIR_A, ACCOUNT_A);
});

const identity = (id: string) => inv.identities.find((i) => i.id === id);
const grantsOf = (id: string) => inv.grants.filter((g) => g.identityId === id);
const trustsOf = (id: string) => inv.trusts.filter((t) => t.identityId === id);
const credentialsOf = (id: string) => inv.credentials.filter((c) => c.identityId === id);
const coverage = (area: string) => inv.coverage.find((c) => c.area === `aws:${ACCOUNT_A}:${area}`);

describe('transformAwsAccount: identities', () => {
  it('makes roles, users and the root account with stable ARN ids and their attributes', () => {
    expect(inv.identities.map((i) => `${i.kind} ${i.name}`).sort()).toEqual([
      'aws-role AWSServiceRoleForSupport',
      'aws-role AmazonBedrockAgentCoreSDKRuntime-us-east-1-4f2a9c1b7e',
      'aws-role AmazonBedrockExecutionRoleForAgents_support',
      'aws-role CrossAccountAudit',
      'aws-role github-actions-deploy',
      'aws-role ticket-summarizer-role-k3j9',
      'aws-root <root_account>',
      'aws-user BedrockAPIKey-x7k2',
      'aws-user alice',
      'aws-user ci-deployer',
    ]);
    const bedrock = identity(BEDROCK_ROLE);
    expect(bedrock).toMatchObject({
      provider: 'aws',
      nativeId: 'arn:aws:iam::111122223333:role/service-role/AmazonBedrockExecutionRoleForAgents_support',
      account: ACCOUNT_A,
      createdAt: '2024-09-12T14:03:11.000Z',
      enabled: true,
      tags: { app: 'support-agent' },
      attributes: {
        path: '/service-role/',
        roleId: 'AROAQ3EXAMPLEBEDROCK',
        roleLastUsedRegion: 'eu-central-1',
      },
    });
    expect(identity(GITHUB_ROLE)?.attributes.permissionsBoundaryArn).toBe(
      'arn:aws:iam::111122223333:policy/DeveloperBoundary',
    );
    expect(identity(AUDIT_ROLE)?.attributes.maxSessionDuration).toBe(7200);
    expect(
      identity(roleId(ACCOUNT_A, 'service-role/ticket-summarizer-role-k3j9'))?.attributes.instanceProfiles,
    ).toEqual(['ticket-summarizer-profile']);
    expect(identity(CI_USER)?.attributes).toMatchObject({ path: '/ci/', groups: ['ci'], mfaActive: false });
  });

  it('marks only roles under /aws-service-role/ as service-linked', () => {
    const linked = inv.identities.filter((i) => i.attributes.serviceLinked === true).map((i) => i.id);
    expect(linked).toEqual([SUPPORT_ROLE]);
  });

  it('makes the aws-root identity from the <root_account> row, with MFA state and last password use', () => {
    expect(identity(ROOT_A)).toMatchObject({
      kind: 'aws-root',
      nativeId: 'arn:aws:iam::111122223333:root',
      account: ACCOUNT_A,
      createdAt: '2019-02-14T10:00:00.000Z',
      attributes: { mfaActive: true },
    });
    // Its access keys are inactive and were never rotated: they do not exist.
    expect(credentialsOf(ROOT_A)).toEqual([]);
    expect(inv.activities.filter((a) => a.identityId === ROOT_A)).toEqual([
      expect.objectContaining({
        source: 'credential-report',
        lastUsedAt: '2025-01-20T08:00:00.000Z',
        attributes: { via: 'password' },
      }),
    ]);
  });
});

describe('transformAwsAccount: grants', () => {
  it('turns each inline statement into a grant, a single-object Statement included', () => {
    expect(grantsOf(ALICE)).toEqual([
      expect.objectContaining({
        id: `${ALICE}#inline:self-manage-mfa#0`,
        kind: 'aws-policy-statement',
        policyType: 'inline',
        policyName: 'self-manage-mfa',
        statementIndex: 0,
        resource: 'arn:aws:iam::111122223333:user/${aws:username}',
        statement: expect.objectContaining({ Sid: 'ManageOwnMfa', Effect: 'Allow' }),
      }),
    ]);
  });

  it('uses only the default version of a managed policy with several versions', () => {
    const deploy = grantsOf(GITHUB_ROLE).filter((g) => g.kind === 'aws-policy-statement');
    expect(deploy.map((g) => g.kind === 'aws-policy-statement' && g.statement.Action)).toEqual([
      ['cloudformation:*', 's3:PutObject'],
      'iam:PassRole',
    ]);
    expect(deploy[0]).toMatchObject({
      id: `${GITHUB_ROLE}#managed:arn:aws:iam::111122223333:policy/DeployPolicy#0`,
      policyType: 'managed',
      policyName: 'DeployPolicy',
      policyArn: 'arn:aws:iam::111122223333:policy/DeployPolicy',
    });
    // v1 ("*") and v2 ("iam:*") are not operative and must not appear anywhere.
    const actions = inv.grants.flatMap((g) =>
      g.kind === 'aws-policy-statement' ? [g.statement.Action] : [],
    );
    expect(actions).not.toContain('*');
    expect(actions).not.toContain('iam:*');
  });

  it('keeps permission boundary statements apart from permissions', () => {
    const boundary = grantsOf(GITHUB_ROLE).filter((g) => g.kind === 'aws-permissions-boundary');
    expect(boundary).toEqual([
      expect.objectContaining({
        id: `${GITHUB_ROLE}#boundary:arn:aws:iam::111122223333:policy/DeveloperBoundary#0`,
        policyName: 'DeveloperBoundary',
        resource: '*',
        statement: expect.objectContaining({ NotAction: ['iam:*', 'organizations:*'] }),
      }),
    ]);
  });

  it('gives users the inline and managed policies of their groups, attached via the group', () => {
    const ci = grantsOf(CI_USER);
    expect(ci.map((g) => g.id)).toEqual([
      `${CI_USER}#group:ci#inline:ci-artifacts#0`,
      `${CI_USER}#group:ci#inline:ci-artifacts#1`,
      `${CI_USER}#group:ci#managed:arn:aws:iam::111122223333:policy/DeployPolicy#0`,
      `${CI_USER}#group:ci#managed:arn:aws:iam::111122223333:policy/DeployPolicy#1`,
    ]);
    expect(
      new Set(ci.map((g) => g.kind !== 'entra-app-role' && 'attachedVia' in g && g.attachedVia)),
    ).toEqual(new Set(['group:ci']));
    expect(ci[1]?.resource).toBe('NOT arn:aws:s3:::acme-scratch, arn:aws:s3:::acme-tmp');
  });

  it('refers to attached policies missing from the export and names them in one partial coverage row', () => {
    const refs = inv.grants.filter((g) => g.kind === 'aws-managed-policy-ref');
    expect(refs.map((g) => g.kind === 'aws-managed-policy-ref' && `${g.identityId} ${g.policyArn}`)).toEqual([
      `${GITHUB_ROLE} arn:aws:iam::aws:policy/ReadOnlyAccess`,
      `${AUDIT_ROLE} arn:aws:iam::aws:policy/SecurityAudit`,
      `${SUPPORT_ROLE} arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy`,
      `${roleId(ACCOUNT_A, 'service-role/ticket-summarizer-role-k3j9')} arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
      `${API_KEY_USER} arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess`,
    ]);
    const row = coverage('managed-policies');
    expect(row).toMatchObject({ status: 'partial', itemCount: 2 });
    for (const ref of refs)
      expect(row?.message).toContain(ref.kind === 'aws-managed-policy-ref' ? ref.policyArn : '');
    expect(inv.coverage.filter((c) => c.area.endsWith(':managed-policies'))).toHaveLength(1);
  });

  it('gives every grant a unique id', () => {
    expect(new Set(inv.grants.map((g) => g.id)).size).toBe(inv.grants.length);
  });
});

describe('transformAwsAccount: trusts', () => {
  it('records the Bedrock service trust with its SourceAccount and SourceArn conditions', () => {
    const service = trustsOf(BEDROCK_ROLE).filter((t) => t.kind === 'aws-trust-statement');
    expect(service).toEqual([
      expect.objectContaining({
        principalType: 'Service',
        principal: 'bedrock.amazonaws.com',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:eu-central-1:111122223333:agent/*' },
        },
      }),
    ]);
    expect(service[0]?.principalId).toBeUndefined();
    expect(service[0]?.evidence).toMatchObject({ Principal: { Service: 'bedrock.amazonaws.com' } });
  });

  it('records a GitHub OIDC trust with the federated provider and the subject condition', () => {
    expect(trustsOf(GITHUB_ROLE)).toEqual([
      expect.objectContaining({
        principalType: 'Federated',
        principal: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        conditions: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
        },
      }),
    ]);
  });

  it('splits a cross-account statement into one row per principal, a bare account id becoming its root', () => {
    const rows = trustsOf(AUDIT_ROLE);
    expect(rows.map((t) => [t.principalType, t.principal, t.principalId])).toEqual([
      ['AWS', 'arn:aws:iam::444455556666:role/auditor', 'aws:arn:aws:iam::444455556666:role/auditor'],
      ['AWS', 'arn:aws:iam::777788889999:root', 'aws:arn:aws:iam::777788889999:root'],
    ]);
    for (const row of rows)
      expect(row.conditions).toEqual({ StringEquals: { 'sts:ExternalId': 'acme-audit-2020' } });
  });

  it('handles "*", CanonicalUser, NotPrincipal and Deny statements', () => {
    const raw: AwsAccountRaw = {
      authDetails: [
        authDetailsPageSchema.parse({
          RoleDetailList: [
            {
              RoleName: 'open',
              Arn: 'arn:aws:iam::111122223333:role/open',
              AssumeRolePolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
                  {
                    Effect: 'Allow',
                    Principal: { CanonicalUser: 'abc123' },
                    Action: ['sts:AssumeRole', 'sts:TagSession'],
                  },
                  {
                    Effect: 'Deny',
                    NotPrincipal: { AWS: '123456789012' },
                    NotAction: 'sts:GetCallerIdentity',
                  },
                ],
              },
            },
          ],
        }),
      ],
    };
    const out = transform(raw, ACCOUNT_A);
    expect(
      out.trusts.map((t) => [t.principalType, t.principal, t.principalId ?? null, t.effect, t.actions]),
    ).toEqual([
      ['*', '*', null, 'Allow', ['sts:AssumeRole']],
      ['CanonicalUser', 'abc123', null, 'Allow', ['sts:AssumeRole', 'sts:TagSession']],
      ['NotPrincipal:AWS', '123456789012', null, 'Deny', ['NOT sts:GetCallerIdentity']],
    ]);
  });
});

describe('transformAwsAccount: credentials and activity', () => {
  it('gives the CI user its two active access keys with dates, use and a latest activity', () => {
    expect(credentialsOf(CI_USER).filter((c) => c.kind === 'access-key')).toEqual([
      {
        id: 'aws:arn:aws:iam::111122223333:user/ci/ci-deployer#access-key-1',
        identityId: CI_USER,
        provider: 'aws',
        kind: 'access-key',
        nativeId: 'arn:aws:iam::111122223333:user/ci/ci-deployer#access-key-1',
        name: 'access key 1',
        createdAt: '2022-06-01T12:05:00.000Z',
        lastUsedAt: '2025-05-30T23:10:00.000Z',
        status: 'active',
        attributes: { slot: 1, lastUsedService: 's3', lastUsedRegion: 'eu-west-1' },
      },
      expect.objectContaining({
        nativeId: 'arn:aws:iam::111122223333:user/ci/ci-deployer#access-key-2',
        createdAt: '2024-11-02T08:00:00.000Z',
        lastUsedAt: '2025-05-31T01:00:00.000Z',
        status: 'active',
      }),
    ]);
    const activity = inv.activities.filter((a) => a.identityId === CI_USER);
    expect(activity.map((a) => [a.credentialId ?? null, a.lastUsedAt])).toEqual([
      ['aws:arn:aws:iam::111122223333:user/ci/ci-deployer#access-key-1', '2025-05-30T23:10:00.000Z'],
      ['aws:arn:aws:iam::111122223333:user/ci/ci-deployer#access-key-2', '2025-05-31T01:00:00.000Z'],
      [null, '2025-05-31T01:00:00.000Z'],
    ]);
  });

  it('reads password, an inactive rotated key and a signing certificate; an empty slot is no credential', () => {
    expect(credentialsOf(ALICE).map((c) => [c.kind, c.status, c.createdAt, c.lastUsedAt ?? null])).toEqual([
      ['password', 'active', '2024-12-01T10:00:00.000Z', '2025-05-20T07:45:00.000Z'],
      ['access-key', 'inactive', '2023-01-01T10:00:00.000Z', '2023-06-01T10:00:00.000Z'],
      ['signing-certificate', 'active', '2022-02-02T10:00:00.000Z', null],
    ]);
    expect(identity(ALICE)?.attributes).toMatchObject({ mfaActive: true, passwordEnabled: true });
  });

  it('makes Bedrock API keys service-specific credentials with expiry and service name', () => {
    expect(credentialsOf(API_KEY_USER)).toEqual([
      {
        id: 'aws:arn:aws:iam::111122223333:user/BedrockAPIKey-x7k2#service-specific:ACCAQ3EXAMPLEBEDROCK1',
        identityId: API_KEY_USER,
        provider: 'aws',
        kind: 'service-specific',
        nativeId: 'ACCAQ3EXAMPLEBEDROCK1',
        name: 'BedrockAPIKey-x7k2-at-111122223333',
        createdAt: '2025-03-03T10:00:05.000Z',
        expiresAt: '2025-09-03T10:00:05.000Z',
        status: 'active',
        attributes: {
          serviceName: 'bedrock.amazonaws.com',
          serviceUserName: 'BedrockAPIKey-x7k2-at-111122223333',
          serviceCredentialAlias: 'BedrockAPIKey-x7k2-at-111122223333',
          userName: 'BedrockAPIKey-x7k2',
        },
      },
    ]);
    expect(credentialsOf(CI_USER).find((c) => c.kind === 'service-specific')).toMatchObject({
      status: 'inactive',
      attributes: { serviceName: 'codecommit.amazonaws.com' },
    });
  });

  it('records role last use as a role-last-used activity, and none for a role never used', () => {
    expect(inv.activities.filter((a) => a.identityId === BEDROCK_ROLE)).toEqual([
      {
        id: `${BEDROCK_ROLE}#activity:role-last-used`,
        identityId: BEDROCK_ROLE,
        provider: 'aws',
        source: 'role-last-used',
        lastUsedAt: '2025-05-29T17:44:02.000Z',
        attributes: { region: 'eu-central-1' },
      },
    ]);
    expect(inv.activities.filter((a) => a.identityId === AUDIT_ROLE)).toEqual([]);
  });

  it('marks a service-specific credential past its expiration as expired, and creates users only in the report', () => {
    const raw: AwsAccountRaw = {
      authDetails: [authDetailsPageSchema.parse({ RoleDetailList: [] })],
      credentialReport: [
        {
          user: 'legacy,svc',
          arn: 'arn:aws:iam::111122223333:user/legacy/legacy,svc',
          user_creation_time: '2018-01-01T00:00:00+00:00',
          password_enabled: 'false',
          password_last_used: 'N/A',
          password_last_changed: 'N/A',
          password_next_rotation: 'N/A',
          mfa_active: 'false',
          access_key_1_active: 'true',
          access_key_1_last_rotated: '2018-01-01T00:05:00+00:00',
          access_key_1_last_used_date: 'N/A',
          access_key_1_last_used_region: 'N/A',
          access_key_1_last_used_service: 'N/A',
          access_key_2_active: 'false',
          access_key_2_last_rotated: 'N/A',
          access_key_2_last_used_date: 'N/A',
          access_key_2_last_used_region: 'N/A',
          access_key_2_last_used_service: 'N/A',
          cert_1_active: 'false',
          cert_1_last_rotated: 'N/A',
          cert_2_active: 'false',
          cert_2_last_rotated: 'N/A',
        },
      ],
      serviceSpecificCredentials: [
        {
          UserName: 'legacy,svc',
          Status: 'Active',
          ServiceName: 'bedrock.amazonaws.com',
          ServiceSpecificCredentialId: 'ACCAEXPIRED000000001',
          CreateDate: '2025-01-01T00:00:00Z',
          ExpirationDate: '2025-02-01T00:00:00Z',
        },
        {
          UserName: 'gone-user',
          Status: 'Active',
          ServiceName: 'bedrock.amazonaws.com',
          ServiceSpecificCredentialId: 'ACCAORPHAN0000000001',
        },
      ],
    };
    const out = transform(raw, ACCOUNT_A);
    const legacy = 'aws:arn:aws:iam::111122223333:user/legacy/legacy,svc';
    expect(out.identities).toEqual([
      expect.objectContaining({
        id: legacy,
        kind: 'aws-user',
        name: 'legacy,svc',
        attributes: {
          path: '/legacy/',
          onlyInCredentialReport: true,
          mfaActive: false,
          passwordEnabled: false,
        },
      }),
    ]);
    expect(out.credentials.map((c) => [c.kind, c.status])).toEqual([
      ['access-key', 'active'],
      ['service-specific', 'expired'],
    ]);
    const ssc = out.coverage.find((c) => c.area.endsWith(':service-specific-credentials'));
    expect(ssc).toMatchObject({ status: 'partial', itemCount: 2 });
    expect(ssc?.message).toContain('gone-user');
  });
});

describe('transformAwsAccount: workloads', () => {
  it('links the Bedrock agent, AgentCore runtime and Lambda to their roles, with a workload trust each', () => {
    expect(inv.workloads.map((w) => [w.kind, w.name, w.region, w.identityId, w.createdAt ?? null])).toEqual([
      ['bedrock-agent', 'support-agent', 'eu-central-1', BEDROCK_ROLE, '2024-09-12T14:05:00.123Z'],
      [
        'agentcore-runtime',
        'research_agent',
        'us-east-1',
        roleId(ACCOUNT_A, 'AmazonBedrockAgentCoreSDKRuntime-us-east-1-4f2a9c1b7e'),
        '2025-04-02T11:05:00.000Z',
      ],
      [
        'lambda-function',
        'ticket-summarizer',
        'eu-west-1',
        roleId(ACCOUNT_A, 'service-role/ticket-summarizer-role-k3j9'),
        null,
      ],
    ]);
    expect(inv.workloads[0]?.attributes).toEqual({
      agentId: 'K4ZP7QXN2M',
      foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      agentStatus: 'PREPARED',
      agentVersion: 'DRAFT',
      updatedAt: '2025-01-07T09:00:00.000Z',
    });
    expect(inv.workloads[1]?.attributes.workloadIdentityArn).toContain(
      'workload-identity/research_agent-Xk29Lm4QpR',
    );
    expect(inv.workloads[2]?.attributes).toEqual({
      runtime: 'python3.12',
      packageType: 'Zip',
      lastModified: '2025-05-10T08:12:44.512Z',
    });

    const workloadTrust = trustsOf(BEDROCK_ROLE).find((t) => t.kind === 'workload');
    expect(workloadTrust).toMatchObject({
      principalType: 'workload',
      principal: 'arn:aws:bedrock:eu-central-1:111122223333:agent/K4ZP7QXN2M',
      principalId: 'aws:arn:aws:bedrock:eu-central-1:111122223333:agent/K4ZP7QXN2M',
      effect: 'Allow',
    });
  });

  it('keeps the role ARN but no identity link when the role is not in the export', () => {
    const raw: AwsAccountRaw = {
      authDetails: [authDetailsPageSchema.parse({ RoleDetailList: [] })],
      lambdaFunctions: [
        {
          FunctionName: 'orphan',
          FunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:orphan',
          Role: 'arn:aws:iam::111122223333:role/deleted-role',
        },
      ],
    };
    const out = transform(raw, ACCOUNT_A);
    expect(out.workloads[0]).toMatchObject({
      roleArn: 'arn:aws:iam::111122223333:role/deleted-role',
      account: ACCOUNT_A,
    });
    expect(out.workloads[0]?.identityId).toBeUndefined();
    expect(out.trusts).toEqual([]);
  });
});

describe('transformAwsAccount: coverage', () => {
  it('has one row per area with counts, and skipped rows with the reason for missing files', async () => {
    expect(coverage('authorization-details')).toMatchObject({ status: 'complete', itemCount: 9 });
    expect(coverage('credential-report')).toMatchObject({ status: 'complete', itemCount: 4 });
    expect(coverage('bedrock-agents')).toMatchObject({ status: 'complete', itemCount: 1 });
    const b = await importAccount(DIR_B, ACCOUNT_B);
    const rows = Object.fromEntries(b.coverage.map((c) => [c.area.replace(`aws:${ACCOUNT_B}:`, ''), c]));
    expect(Object.keys(rows)).toEqual([
      'authorization-details',
      'managed-policies',
      'credential-report',
      'service-specific-credentials',
      'bedrock-agents',
      'agentcore-runtimes',
      'lambda-functions',
    ]);
    expect(rows['lambda-functions']).toMatchObject({ status: 'skipped', itemCount: 0 });
    expect(rows['lambda-functions']?.message).toContain('lambda-functions.json not in');
    expect(rows['credential-report']).toMatchObject({ status: 'complete', itemCount: 2 });
    expect(b.coverage.every((c) => c.sourceId === `aws:${ACCOUNT_B}:import`)).toBe(true);
  });

  it('is pure: the same input gives the same output and is left unchanged', async () => {
    const { raw } = await readAwsAccountDir(DIR_A);
    const before = JSON.stringify(raw);
    const first = transform(raw, ACCOUNT_A);
    const second = transform(raw, ACCOUNT_A);
    expect(second).toEqual(first);
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('stagedAwsTransform (the live scan transform)', () => {
  const ctx = { source: sourceFor(ACCOUNT_A), collectedAt: COLLECTED_AT };
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('gives the one-shot result when everything but the authorization details arrives after its first stage', async () => {
    const { raw } = await readAwsAccountDir(DIR_A);
    const whole = transformAwsAccount(raw, ctx);
    // The live scan's order at its latest: authorization details, the first stage, then the rest.
    const { authDetails, accountId } = raw;
    const growing: AwsAccountRaw = { accountId, authDetails, areaNotes: {} };
    const staged = stagedAwsTransform(growing, ctx, nextTurn);
    await staged.authPart();
    Object.assign(growing, { ...raw, authDetails });
    expect(await staged.finish()).toEqual(whole);
    // The credential report's users, keys and the workloads came in after the first stage.
    expect(whole.credentials.length).toBeGreaterThan(0);
    expect(whole.workloads.length).toBeGreaterThan(0);
  });

  it('runs the first stage itself when finish comes first, and only once', async () => {
    const { raw } = await readAwsAccountDir(DIR_A);
    let pauses = 0;
    const staged = stagedAwsTransform(raw, ctx, async () => {
      pauses += 1;
      await nextTurn();
    });
    const [a, b] = await Promise.all([staged.finish(), staged.authPart().then(() => staged.finish())]);
    expect(a).toEqual(transformAwsAccount(raw, ctx));
    expect(b).toBe(a);
    expect(pauses).toBeGreaterThan(2);
  });
});

/** Re-encode every policy document of an authorization details file with `encode`. */
function reencode(value: unknown, encode: (doc: unknown) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => reencode(v, encode));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      ['PolicyDocument', 'AssumeRolePolicyDocument', 'Document'].includes(k)
        ? encode(v)
        : reencode(v, encode),
    ]),
  );
}

describe('policy document forms and paging', () => {
  it('gives the same inventory for URL-encoded, JSON-string and object documents', async () => {
    const { raw } = await readAwsAccountDir(DIR_A);
    const file = await readFixtureJson(join(DIR_A, 'account-authorization-details.json'));
    const asObjects = transform(raw, ACCOUNT_A);
    for (const encode of [
      (d: unknown) => encodeURIComponent(JSON.stringify(d)),
      (d: unknown) => JSON.stringify(d),
    ]) {
      const page = authDetailsPageSchema.parse(reencode(file, encode));
      expect(transform({ ...raw, authDetails: [page] }, ACCOUNT_A)).toEqual(asObjects);
    }
  });

  it('merges three API pages into the inventory one merged page gives', async () => {
    const { raw } = await readAwsAccountDir(DIR_A);
    const file = (await readFixtureJson(join(DIR_A, 'account-authorization-details.json'))) as Record<
      string,
      unknown
    >;
    // Policies and groups arrive on pages after the users and roles that use them.
    const pages = [
      { UserDetailList: file.UserDetailList, IsTruncated: true, Marker: 'm1' },
      { RoleDetailList: file.RoleDetailList, IsTruncated: true, Marker: 'm2' },
      { GroupDetailList: file.GroupDetailList, Policies: file.Policies, IsTruncated: false },
    ].map((p) => authDetailsPageSchema.parse(p));
    const merged = transform(raw, ACCOUNT_A);
    const paged = transform({ ...raw, authDetails: pages }, ACCOUNT_A);
    const stripMessages = (i: Inventory) => ({
      ...i,
      coverage: i.coverage.map((c) => ({ ...c, message: undefined })),
    });
    expect(new Set(paged.identities.map((i) => i.id))).toEqual(new Set(merged.identities.map((i) => i.id)));
    expect(new Set(paged.grants.map((g) => g.id))).toEqual(new Set(merged.grants.map((g) => g.id)));
    expect(stripMessages({ ...paged, identities: [], grants: [], trusts: [] })).toEqual(
      stripMessages({ ...merged, identities: [], grants: [], trusts: [] }),
    );
    expect(paged.coverage[0]?.message).toContain('from 3 pages');
  });

  it('reads the numbered API pages of account B with URL-encoded documents', async () => {
    const b = await importAccount(DIR_B, ACCOUNT_B);
    const auditor = roleId(ACCOUNT_B, 'auditor');
    expect(
      b.grants
        .filter((g) => g.identityId === auditor)
        .map((g) => g.kind === 'aws-policy-statement' && g.statement.Action),
    ).toEqual(['sts:AssumeRole', ['athena:StartQueryExecution', 'athena:GetQueryResults']]);
    expect(b.trusts.find((t) => t.identityId === auditor)?.conditions).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    });
    expect(b.credentials.map((c) => c.id)).toEqual([
      `aws:arn:aws:iam::${ACCOUNT_B}:root#access-key-1`,
      `aws:arn:aws:iam::${ACCOUNT_B}:user/svc-report#access-key-1`,
    ]);
  });

  it('flags an export whose last page is still truncated', async () => {
    const { raw } = await readAwsAccountDir(DIR_B);
    const cut = { ...raw, authDetails: raw.authDetails.slice(0, 2) };
    const out = transform(cut, ACCOUNT_B);
    expect(out.coverage[0]).toMatchObject({
      area: `aws:${ACCOUNT_B}:authorization-details`,
      status: 'partial',
    });
    expect(out.coverage[0]?.message).toContain('IsTruncated');
  });
});

describe('several accounts', () => {
  it('imports a folder of account folders into one inventory with a source per account', async () => {
    const accounts = await readAwsImportDir(EXPORT_DIR);
    expect(accounts.map((a) => a.accountId)).toEqual([ACCOUNT_A, ACCOUNT_B]);
    const all = inventorySchema.parse(transformAwsImport(accounts, COLLECTED_AT));
    expect(all.sources.map((s) => [s.id, s.account, s.method])).toEqual([
      [`aws:${ACCOUNT_A}:import`, ACCOUNT_A, 'import'],
      [`aws:${ACCOUNT_B}:import`, ACCOUNT_B, 'import'],
    ]);
    expect(all.sources[1]?.inputs.map((f) => f.split('/').pop())).toEqual([
      'account-authorization-details.1.json',
      'account-authorization-details.2.json',
      'account-authorization-details.3.json',
      'credential-report.json',
    ]);
    // The cross-account trust in A points at an identity that B's import contains.
    const trusted = all.trusts.find(
      (t) => t.identityId === AUDIT_ROLE && t.principal.endsWith(':role/auditor'),
    );
    expect(all.identities.some((i) => i.id === trusted?.principalId)).toBe(true);
    expect(new Set(all.identities.map((i) => i.account))).toEqual(new Set([ACCOUNT_A, ACCOUNT_B]));
  });
});
