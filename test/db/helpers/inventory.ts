/**
 * Inventories for the engagement file tests: a small realistic one (an AWS Bedrock agent role with
 * an inline policy statement and its trust, an IAM user with an access key, an Entra service
 * principal holding a Microsoft Graph app role) and a generated large one for volume tests.
 */
import type { Coverage, Inventory } from '../../../model/inventory';

export const AWS_ACCOUNT = '123456789012';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GRAPH_SP_ID = '5c5d3a3b-0f4c-4a1b-9d6e-2a1f3b4c5d6e';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const SP_OBJECT_ID = 'a1b2c3d4-1111-4222-8333-944455566677';

export function smallInventory(options: { coverage?: Coverage[]; roleSuffix?: string } = {}): Inventory {
  const suffix = options.roleSuffix ?? '';
  const roleName = `BedrockAgentExecution${suffix}`;
  const roleArn = `arn:aws:iam::${AWS_ACCOUNT}:role/service-role/${roleName}`;
  const userArn = `arn:aws:iam::${AWS_ACCOUNT}:user/ci-deployer`;
  const roleId = `aws:${roleArn}`;
  const userId = `aws:${userArn}`;
  const spId = `entra:${SP_OBJECT_ID}`;
  return {
    sources: [
      {
        id: `aws:${AWS_ACCOUNT}:import`,
        provider: 'aws',
        method: 'import',
        account: AWS_ACCOUNT,
        label: 'AWS 123456789012 (authorization details)',
        inputs: ['exports/get-account-authorization-details.json', 'exports/credential-report.csv'],
      },
      {
        id: `entra:${TENANT_ID}:import`,
        provider: 'entra',
        method: 'import',
        account: TENANT_ID,
        label: 'Entra contoso.onmicrosoft.com',
        inputs: ['exports/servicePrincipals.json'],
      },
    ],
    coverage: options.coverage ?? [
      {
        sourceId: `aws:${AWS_ACCOUNT}:import`,
        area: `aws:${AWS_ACCOUNT}:authorization-details`,
        status: 'complete',
        itemCount: 2,
      },
      {
        sourceId: `entra:${TENANT_ID}:import`,
        area: `entra:${TENANT_ID}:servicePrincipals`,
        status: 'complete',
        itemCount: 1,
      },
    ],
    identities: [
      {
        id: roleId,
        provider: 'aws',
        kind: 'aws-role',
        nativeId: roleArn,
        name: roleName,
        description: 'Execution role for the support-triage Bedrock agent',
        account: AWS_ACCOUNT,
        createdAt: '2024-03-11T09:14:02.000Z',
        enabled: true,
        tags: { team: 'support-ai', 'agent-anchor:hostile': "'); DROP TABLE scans; --" },
        owners: [],
        attributes: { path: '/service-role/', roleId: 'AROAEXAMPLEID1234567', maxSessionDuration: 3600 },
      },
      {
        id: userId,
        provider: 'aws',
        kind: 'aws-user',
        nativeId: userArn,
        name: 'ci-deployer',
        account: AWS_ACCOUNT,
        createdAt: '2021-06-01T12:00:00.000Z',
        enabled: true,
        tags: {},
        owners: [],
        attributes: { path: '/', userId: 'AIDAEXAMPLEID7654321', passwordEnabled: false },
      },
      {
        id: spId,
        provider: 'entra',
        kind: 'entra-service-principal',
        nativeId: SP_OBJECT_ID,
        name: 'Contoso Copilot Connector',
        displayName: 'Contoso Copilot Connector',
        account: TENANT_ID,
        createdAt: '2024-11-20T16:45:31.000Z',
        enabled: true,
        tags: { WindowsAzureActiveDirectoryIntegratedApp: '' },
        owners: [
          {
            id: 'entra:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            nativeId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            displayName: 'Megan Bowen',
            type: 'user',
            principalName: 'MeganB@contoso.onmicrosoft.com',
            enabled: true,
            relation: 'owner',
          },
        ],
        attributes: {
          appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
          servicePrincipalType: 'Application',
          signInAudience: 'AzureADMyOrg',
        },
      },
    ],
    credentials: [
      {
        id: `${userId}:access-key:AKIAIOSFODNN7EXAMPLE`,
        identityId: userId,
        provider: 'aws',
        kind: 'access-key',
        nativeId: 'AKIAIOSFODNN7EXAMPLE',
        name: 'access key 1',
        createdAt: '2021-06-01T12:05:00.000Z',
        lastUsedAt: '2025-01-15T08:30:00.000Z',
        status: 'active',
        attributes: { lastUsedService: 'sts', lastUsedRegion: 'us-east-1' },
      },
    ],
    grants: [
      {
        id: `${roleId}:inline:BedrockInvoke:0`,
        identityId: roleId,
        provider: 'aws',
        kind: 'aws-policy-statement',
        policyType: 'inline',
        policyName: 'BedrockInvoke',
        statementIndex: 0,
        statement: {
          Sid: 'InvokeModels',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*',
        },
        resource: 'arn:aws:bedrock:us-east-1::foundation-model/*',
      },
      {
        id: `${userId}:managed:AdministratorAccess`,
        identityId: userId,
        provider: 'aws',
        kind: 'aws-managed-policy-ref',
        policyName: 'AdministratorAccess',
        policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        resource: '*',
      },
      {
        id: `${spId}:app-role:19dbc75e-c2e2-444c-a770-ec69d8559fc7`,
        identityId: spId,
        provider: 'entra',
        kind: 'entra-app-role',
        resourceId: `entra:${GRAPH_SP_ID}`,
        resourceName: 'Microsoft Graph',
        resourceAppId: GRAPH_APP_ID,
        permissionId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
        permission: 'Directory.ReadWrite.All',
        createdAt: '2024-11-20T16:50:00.000Z',
        resource: 'Microsoft Graph',
      },
    ],
    trusts: [
      {
        id: `${roleId}:trust:0:bedrock.amazonaws.com`,
        identityId: roleId,
        provider: 'aws',
        kind: 'aws-trust-statement',
        principalType: 'Service',
        principal: 'bedrock.amazonaws.com',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        conditions: { StringEquals: { 'aws:SourceAccount': AWS_ACCOUNT } },
        evidence: {
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': AWS_ACCOUNT } },
        },
      },
    ],
    activities: [
      {
        id: `${roleId}:role-last-used`,
        identityId: roleId,
        provider: 'aws',
        source: 'role-last-used',
        lastUsedAt: '2025-02-01T10:00:00.000Z',
        attributes: { region: 'us-east-1' },
      },
      {
        id: `${spId}:sp-sign-in-activity`,
        identityId: spId,
        provider: 'entra',
        source: 'sp-sign-in-activity',
        lastUsedAt: '2025-02-03T07:12:44.000Z',
        attributes: {},
      },
    ],
    workloads: [
      {
        id: `aws:arn:aws:bedrock:us-east-1:${AWS_ACCOUNT}:agent/SUPPORT${suffix}01`,
        provider: 'aws',
        kind: 'bedrock-agent',
        nativeId: `arn:aws:bedrock:us-east-1:${AWS_ACCOUNT}:agent/SUPPORT${suffix}01`,
        name: 'support-triage',
        account: AWS_ACCOUNT,
        region: 'us-east-1',
        identityId: roleId,
        roleArn,
        createdAt: '2024-03-11T09:20:00.000Z',
        attributes: { foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0' },
      },
    ],
  };
}

/**
 * A generated AWS inventory: `identities` roles, each with `grantsPerIdentity` policy statements,
 * one trust and one activity; every seventh identity is an IAM user and every tenth has an access
 * key.
 */
export function largeInventory(identities: number, grantsPerIdentity: number): Inventory {
  const inv: Inventory = {
    sources: [
      {
        id: `aws:${AWS_ACCOUNT}:import`,
        provider: 'aws',
        method: 'import',
        account: AWS_ACCOUNT,
        label: 'generated',
        inputs: [],
      },
    ],
    coverage: [
      {
        sourceId: `aws:${AWS_ACCOUNT}:import`,
        area: `aws:${AWS_ACCOUNT}:authorization-details`,
        status: 'complete',
        itemCount: identities,
      },
    ],
    identities: [],
    credentials: [],
    grants: [],
    trusts: [],
    activities: [],
    workloads: [],
  };
  for (let i = 0; i < identities; i += 1) {
    const n = String(i).padStart(7, '0');
    const isUser = i % 7 === 0;
    const arn = `arn:aws:iam::${AWS_ACCOUNT}:${isUser ? 'user' : 'role'}/agent-${n}`;
    const id = `aws:${arn}`;
    inv.identities.push({
      id,
      provider: 'aws',
      kind: isUser ? 'aws-user' : 'aws-role',
      nativeId: arn,
      name: `agent-${n}`,
      account: AWS_ACCOUNT,
      createdAt: '2024-01-02T03:04:05.000Z',
      enabled: true,
      tags: { team: `team-${i % 40}` },
      owners: [],
      attributes: { path: '/', roleId: `AROA${n}EXAMPLE` },
    });
    for (let g = 0; g < grantsPerIdentity; g += 1) {
      inv.grants.push({
        id: `${id}:inline:AgentPolicy:${g}`,
        identityId: id,
        provider: 'aws',
        kind: 'aws-policy-statement',
        policyType: 'inline',
        policyName: 'AgentPolicy',
        statementIndex: g,
        statement: {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', `bedrock:InvokeModel`],
          Resource: `arn:aws:s3:::bucket-${n}/prefix-${g}/*`,
        },
        resource: `arn:aws:s3:::bucket-${n}/prefix-${g}/*`,
      });
    }
    inv.trusts.push({
      id: `${id}:trust:0`,
      identityId: id,
      provider: 'aws',
      kind: 'aws-trust-statement',
      principalType: 'Service',
      principal: 'bedrock.amazonaws.com',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      conditions: {},
      evidence: {
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    });
    inv.activities.push({
      id: `${id}:role-last-used`,
      identityId: id,
      provider: 'aws',
      source: 'role-last-used',
      lastUsedAt: '2025-01-01T00:00:00.000Z',
      attributes: {},
    });
    if (i % 10 === 0) {
      inv.credentials.push({
        id: `${id}:access-key:1`,
        identityId: id,
        provider: 'aws',
        kind: 'access-key',
        nativeId: `AKIA${n}EXAMPLE`,
        status: 'active',
        attributes: {},
      });
    }
  }
  return inv;
}
