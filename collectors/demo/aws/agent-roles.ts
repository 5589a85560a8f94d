/**
 * Roles that AI agents run as, with the trust and permission policies AWS's own tooling creates
 * for them: Bedrock agent service roles, AgentCore runtime roles and Lambda-hosted LLM agents.
 */
import type { AccountBuilder, InlinePolicy } from './account-builder';
import { awsManagedPolicyArn } from './managed-policies';
import { allow, policy, serviceTrust } from './policy-docs';

export function modelArn(region: string, model: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${model}`;
}

/** `AmazonBedrockExecutionRoleForAgents_*` as the console creates it for an agent. */
export function bedrockAgentRole(
  acct: AccountBuilder,
  o: {
    region: string;
    agentId: string;
    /** Restrict aws:SourceArn to this agent (true) or to any agent in the account (false). */
    pinAgent: boolean;
    permissions: InlinePolicy[];
    /** AWS managed policies attached beside the console's inline ones (not what the console does). */
    managed?: string[];
    createdDaysAgo: number;
    lastUsedDaysAgo?: number;
  },
): string {
  const suffix = acct.rng.upperAlnum(10);
  return acct.addRole({
    name: `AmazonBedrockExecutionRoleForAgents_${suffix}`,
    path: '/service-role/',
    trust: serviceTrust('bedrock.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': acct.id },
      ArnLike: {
        'aws:SourceArn': `arn:aws:bedrock:${o.region}:${acct.id}:agent/${o.pinAgent ? o.agentId : '*'}`,
      },
    }),
    inline: o.permissions.map((p) => ({ ...p, name: `${p.name}_${suffix}` })),
    ...(o.managed?.length ? { managed: o.managed } : {}),
    createdDaysAgo: o.createdDaysAgo,
    lastUsedDaysAgo: o.lastUsedDaysAgo,
    lastUsedRegion: o.region,
  });
}

export function bedrockModelPolicy(region: string, models: string[]): InlinePolicy {
  return {
    name: 'AmazonBedrockAgentBedrockFoundationModelPolicy',
    document: policy(
      allow(
        'bedrock:InvokeModel',
        models.map((m) => modelArn(region, m)),
        undefined,
        'AmazonBedrockAgentBedrockFoundationModelPolicyProd',
      ),
    ),
  };
}

/** `AmazonBedrockAgentCoreSDKRuntime-{region}-{hash}` as the AgentCore starter toolkit creates it. */
export function agentCoreRuntimeRole(
  acct: AccountBuilder,
  o: {
    region: string;
    runtimeName: string;
    extra: InlinePolicy[];
    createdDaysAgo: number;
    lastUsedDaysAgo?: number;
  },
): string {
  const id = acct.id;
  const r = o.region;
  return acct.addRole({
    name: `AmazonBedrockAgentCoreSDKRuntime-${r}-${acct.rng.hex(10)}`,
    path: '/',
    trust: serviceTrust('bedrock-agentcore.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': id },
      ArnLike: { 'aws:SourceArn': `arn:aws:bedrock-agentcore:${r}:${id}:*` },
    }),
    inline: [
      {
        name: `BedrockAgentCoreRuntimeExecutionPolicy-${o.runtimeName}`,
        document: policy(
          allow(
            ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            [`arn:aws:ecr:${r}:${id}:repository/*`],
            undefined,
            'ECRImageAccess',
          ),
          allow(['ecr:GetAuthorizationToken'], '*', undefined, 'ECRTokenAccess'),
          allow(
            ['logs:DescribeLogStreams', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            [`arn:aws:logs:${r}:${id}:log-group:/aws/bedrock-agentcore/runtimes/*`],
          ),
          allow(
            [
              'xray:PutTraceSegments',
              'xray:PutTelemetryRecords',
              'xray:GetSamplingRules',
              'xray:GetSamplingTargets',
            ],
            ['*'],
          ),
          allow('cloudwatch:PutMetricData', '*', {
            StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' },
          }),
          allow(
            [
              'bedrock-agentcore:GetWorkloadAccessToken',
              'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
              'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
            ],
            [
              `arn:aws:bedrock-agentcore:${r}:${id}:workload-identity-directory/default`,
              `arn:aws:bedrock-agentcore:${r}:${id}:workload-identity-directory/default/workload-identity/${o.runtimeName}-*`,
            ],
            undefined,
            'GetAgentAccessToken',
          ),
          allow(
            ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
            ['arn:aws:bedrock:*::foundation-model/*', `arn:aws:bedrock:${r}:${id}:*`],
            undefined,
            'BedrockModelInvocation',
          ),
        ),
      },
      ...o.extra,
    ],
    createdDaysAgo: o.createdDaysAgo,
    lastUsedDaysAgo: o.lastUsedDaysAgo,
    lastUsedRegion: r,
  });
}

/** A Lambda execution role for a function that calls Bedrock models. */
export function lambdaAgentRole(
  acct: AccountBuilder,
  o: {
    name: string;
    modelResources: string | string[];
    streaming: boolean;
    data: InlinePolicy[];
    createdDaysAgo: number;
    lastUsedDaysAgo?: number;
    region?: string;
    boundary?: string;
  },
): string {
  const actions = o.streaming
    ? ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']
    : 'bedrock:InvokeModel';
  return acct.addRole({
    name: o.name,
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: [awsManagedPolicyArn('AWSLambdaBasicExecutionRole')],
    inline: [{ name: 'bedrock-invoke', document: policy(allow(actions, o.modelResources)) }, ...o.data],
    boundary: o.boundary,
    createdDaysAgo: o.createdDaysAgo,
    lastUsedDaysAgo: o.lastUsedDaysAgo,
    lastUsedRegion: o.region,
  });
}
