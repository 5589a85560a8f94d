/**
 * AWS evidence that an IAM principal acts as an AI agent, after
 * shared/reference/aws/ai_agent_identity_signals.json (AWS docs and public samples).
 */
import type { ClassificationSignal } from '../../model/assess';
import type { AwsPolicyGrant, Identity } from '../../model/inventory';
import type { InventoryIndex } from '../inventory-index';
import { rowsOf } from '../inventory-index';
import { asList, iamGlobMatch } from '../util/aws-policy';
import { attrString } from '../util/json';
import { weakNameAndTagSignals } from './name-signals';

/** Services whose execution roles are agents by construction. */
const AGENT_SERVICE_PRINCIPALS: Record<string, string> = {
  'bedrock.amazonaws.com': 'Bedrock agents, knowledge bases and flows',
  'bedrock-agentcore.amazonaws.com': 'Bedrock AgentCore runtimes and gateways',
  'sagemaker.amazonaws.com': 'SageMaker notebooks, training jobs and endpoints',
};
/** Generic compute: an agent only when it also uses models (contextual evidence). */
const COMPUTE_SERVICE_PRINCIPALS = new Set([
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'ec2.amazonaws.com',
]);

/** Calling a model. */
export const MODEL_USE_ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:CallWithBearerToken',
  'bedrock:ApplyGuardrail',
  'bedrock-mantle:CreateInference',
  'aws-external-anthropic:CreateInference',
  'sagemaker:InvokeEndpoint',
  'sagemaker:InvokeEndpointAsync',
  'sagemaker:InvokeEndpointWithResponseStream',
  'qbusiness:Chat',
  'qbusiness:ChatSync',
];
/** Orchestrating agents, tools, retrieval and agent credentials: what agents (not just apps) do. */
export const AGENT_ACTIONS = [
  'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent',
  'bedrock:InvokeFlow',
  'bedrock:Retrieve',
  'bedrock:RetrieveAndGenerate',
  'bedrock:InvokeTool',
  'bedrock-agentcore:InvokeAgentRuntime',
  'bedrock-agentcore:InvokeAgentRuntimeForUser',
  'bedrock-agentcore:InvokeAgentRuntimeCommand',
  'bedrock-agentcore:InvokeGateway',
  'bedrock-agentcore:InvokeCodeInterpreter',
  'bedrock-agentcore:GetWorkloadAccessToken',
  'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
  'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
  'bedrock-agentcore:GetResourceApiKey',
  'bedrock-agentcore:GetResourceOauth2Token',
  'nova-act:InvokeActStep',
];
const AGENT_MANAGED_POLICIES = [
  'AmazonBedrockFullAccess',
  'AmazonBedrockLimitedAccess',
  'BedrockAgentCoreFullAccess',
];

/**
 * Allow statements naming an AI service's action. `*` and `NotAction` are left out on purpose: an
 * administrator can invoke models too, but that makes them an admin, not an agent.
 */
/** Service prefixes of the actions above; a statement naming none of them is skipped without globbing. */
const AI_PREFIX = /^(bedrock|sagemaker|qbusiness|nova-act|aws-external-anthropic)/i;

export function matchedActions(grants: readonly AwsPolicyGrant[], wanted: readonly string[]) {
  const hits: { grant: AwsPolicyGrant; actions: string[] }[] = [];
  for (const grant of grants) {
    const st = grant.statement;
    if (grant.kind !== 'aws-policy-statement' || st.Effect !== 'Allow') continue;
    const patterns = asList(st.Action).filter((p) => AI_PREFIX.test(p) && p.includes(':'));
    if (patterns.length === 0) continue;
    const actions = wanted.filter((a) => patterns.some((p) => iamGlobMatch(p, a)));
    if (actions.length > 0) hits.push({ grant, actions });
  }
  return hits;
}

export function awsSignals(identity: Identity, index: InventoryIndex): ClassificationSignal[] {
  const signals: ClassificationSignal[] = [];

  for (const trust of rowsOf(index.trusts, identity.id)) {
    if (trust.kind !== 'aws-trust-statement' || trust.effect !== 'Allow' || trust.principalType !== 'Service')
      continue;
    const service = trust.principal.toLowerCase();
    const meaning = AGENT_SERVICE_PRINCIPALS[service];
    if (meaning) {
      signals.push({
        signal: `aws-trust-${service.split('.')[0]}`,
        strength: 'strong',
        summary: `Trust policy lets ${service} assume it (${meaning})`,
        ref: trust.id,
      });
    } else if (COMPUTE_SERVICE_PRINCIPALS.has(service)) {
      signals.push({
        signal: 'aws-trust-compute',
        strength: 'weak',
        summary: `Runs code: trust policy lets ${service} assume it`,
        ref: trust.id,
      });
    }
  }

  for (const workload of rowsOf(index.workloads, identity.id)) {
    if (workload.kind === 'bedrock-agent' || workload.kind === 'agentcore-runtime') {
      signals.push({
        signal: `aws-workload-${workload.kind}`,
        strength: 'strong',
        summary: `Execution role of ${workload.kind} "${workload.name}"`,
        ref: workload.id,
      });
    }
  }

  const grants = rowsOf(index.grants, identity.id);
  const policyGrants = grants.filter(
    (g): g is AwsPolicyGrant => g.kind === 'aws-policy-statement' || g.kind === 'aws-permissions-boundary',
  );
  const agentHits = matchedActions(policyGrants, AGENT_ACTIONS);
  if (agentHits.length > 0) {
    const first = agentHits[0];
    const actions = [...new Set(agentHits.flatMap((h) => h.actions))].sort();
    signals.push({
      signal: 'aws-agent-actions',
      strength: 'medium',
      summary: `Allowed to orchestrate agents or tools: ${actions.join(', ')}`,
      ref: first?.grant.id,
    });
  }
  const modelHits = matchedActions(policyGrants, MODEL_USE_ACTIONS);
  if (modelHits.length > 0) {
    const actions = [...new Set(modelHits.flatMap((h) => h.actions))].sort();
    signals.push({
      signal: 'aws-model-use',
      strength: 'medium',
      summary: `Allowed to invoke models: ${actions.join(', ')}`,
      ref: modelHits[0]?.grant.id,
    });
  }
  for (const grant of grants) {
    if (grant.kind !== 'aws-managed-policy-ref') continue;
    const name = grant.policyName;
    if (AGENT_MANAGED_POLICIES.includes(name)) {
      signals.push({
        signal: 'aws-managed-policy-ai',
        strength: 'medium',
        summary: `AWS managed policy ${name} attached`,
        ref: grant.id,
      });
    }
  }

  for (const credential of rowsOf(index.credentials, identity.id)) {
    if (credential.kind === 'service-specific' && isBedrockCredential(credential.attributes)) {
      signals.push({
        signal: 'aws-bedrock-api-key',
        strength: 'strong',
        summary: `Holds a Bedrock API key (service-specific credential ${credential.nativeId})`,
        ref: credential.id,
      });
    }
  }
  if (identity.kind === 'aws-user' && /^BedrockAPIKey-/i.test(identity.name)) {
    signals.push({
      signal: 'aws-bedrock-api-key-user',
      strength: 'medium',
      summary: 'User name follows the BedrockAPIKey-* pattern the console uses for long-term API keys',
    });
  }
  if (identity.kind === 'api-key' && /bedrock/i.test(attrString(identity.attributes, 'serviceName') ?? '')) {
    signals.push({ signal: 'aws-bedrock-api-key', strength: 'strong', summary: 'Bedrock API key' });
  }

  signals.push(...weakNameAndTagSignals(identity, AWS_AGENT_ROLE_NAMES));
  return signals;
}

export function isBedrockCredential(attributes: Record<string, unknown>): boolean {
  const service = attributes['serviceName'] ?? attributes['ServiceName'];
  return typeof service === 'string' && service.toLowerCase().startsWith('bedrock');
}

/** Names the console and starter toolkits give agent roles. Still names: weak evidence. */
const AWS_AGENT_ROLE_NAMES = [
  /^AmazonBedrockExecutionRoleForAgents_/i,
  /^AmazonBedrockAgentCoreSDKRuntime-/i,
  /^AmazonBedrockExecutionRoleForKnowledgeBase_/i,
  /^AmazonBedrockExecutionRoleForFlows_/i,
];
