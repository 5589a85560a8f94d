/**
 * A small client tenant with agents whose KPI inputs are known by construction (each comment says
 * what the identity contributes), used to hand-check every KPI's numerator and denominator.
 */
import type { Grant, Identity, Inventory } from '../../../model/inventory';
import {
  ACCOUNT,
  accessKey,
  appRole,
  awsRole,
  awsTrust,
  awsUser,
  bedrockKey,
  clientSecret,
  daysAgo,
  daysAhead,
  delegated,
  entraSp,
  inventory,
  owner,
  statement,
} from '../fixtures';

const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Admin-equivalent agent: Bedrock trusts it without a confused-deputy condition. */
export const agentAdmin = awsRole('agent-admin');
/** The contained agent: boundary, one model, a SourceAccount-bounded trust, no keys. */
export const agentContained = awsRole('agent-contained', {
  attributes: { path: '/', permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/agent-boundary` },
});
/** Reads every secret and can pass the admin agent's role to Bedrock. */
export const agentSecrets = awsRole('agent-secrets');
/** A Bedrock API key user that also kept an access key without expiry. */
export const keyUser = awsUser('bedrock-key-user');
/** A person's role that may assume the contained agent. */
export const opsRole = awsRole('ops-engineer');
/** Only allowed to invoke models (one medium signal): a likely agent that can read all of S3. */
export const lambdaRole = awsRole('invoice-extractor-lambda');

export const blueprint = entraSp('Invoice Blueprint', 'bp-0001', {
  kind: 'entra-agent-blueprint-principal',
});
export const invoiceAgent: Identity = {
  ...entraSp('Invoice Agent', 'ai-0001', {
    kind: 'entra-agent-identity',
    owners: [owner('nadia@client.example', true, 'sponsor')],
  }),
  attributes: {
    objectType: 'servicePrincipal',
    servicePrincipalType: 'ServiceIdentity',
    firstParty: false,
    multiTenant: false,
    agentIdentityBlueprintId: 'app-bp-0001',
    linkedBlueprintPrincipalId: blueprint.id,
  },
};

const boundary = (identity: Identity): Grant =>
  ({
    ...statement(identity, { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }),
    kind: 'aws-permissions-boundary',
    policyType: 'managed',
    policyName: 'agent-boundary',
    policyArn: `arn:aws:iam::${ACCOUNT}:policy/agent-boundary`,
  }) as Grant;

export function kpiTenant(): Inventory {
  return inventory({
    identities: [
      agentAdmin,
      agentContained,
      agentSecrets,
      keyUser,
      opsRole,
      lambdaRole,
      blueprint,
      invoiceAgent,
    ],
    grants: [
      statement(agentAdmin, { Effect: 'Allow', Action: '*', Resource: '*' }),
      statement(agentContained, {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      }),
      boundary(agentContained),
      statement(agentSecrets, { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
      statement(agentSecrets, {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arn('agent-admin'),
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      }),
      statement(keyUser, { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }),
      statement(lambdaRole, {
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 's3:GetObject'],
        Resource: '*',
      }),
      appRole(invoiceAgent, 'Mail.Read'),
      delegated(blueprint, 'User.Read', 'Principal'),
    ],
    trusts: [
      awsTrust(agentAdmin, 'Service', 'bedrock.amazonaws.com'),
      awsTrust(agentContained, 'Service', 'bedrock.amazonaws.com', {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
      }),
      awsTrust(agentContained, 'AWS', opsRole.nativeId),
      awsTrust(agentSecrets, 'Service', 'bedrock-agentcore.amazonaws.com'),
      awsTrust(opsRole, 'AWS', `arn:aws:iam::${ACCOUNT}:root`),
      awsTrust(lambdaRole, 'Service', 'lambda.amazonaws.com'),
    ],
    credentials: [
      accessKey(keyUser, 1, { createdAt: daysAgo(200), lastUsedAt: daysAgo(2) }),
      bedrockKey(keyUser, { createdAt: daysAgo(5), expiresAt: daysAhead(10) }),
      clientSecret(blueprint, 'secret-1', { createdAt: daysAgo(30), expiresAt: daysAhead(335) }),
    ],
  });
}
