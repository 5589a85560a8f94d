/**
 * Compute and agent resources that run as IAM roles: Bedrock agents (GetAgent `.agent`),
 * AgentCore runtimes (GetAgentRuntime response) and Lambda functions (ListFunctions entries).
 */
import { bedrockTime, lambdaTime } from '../clock';
import type { JsonObject } from '../types';
import type { AccountBuilder } from './account-builder';

export function addBedrockAgent(
  acct: AccountBuilder,
  a: {
    name: string;
    agentId: string;
    roleArn: string;
    region: string;
    model: string;
    description: string;
    instruction: string;
    status: 'PREPARED' | 'NOT_PREPARED' | 'FAILED';
    createdDaysAgo: number;
    updatedDaysAgo: number;
    guardrail?: boolean;
  },
): void {
  const { rng, clock } = acct;
  const created = clock.daysAgo(a.createdDaysAgo, rng);
  const updated = Math.max(created, clock.daysAgo(a.updatedDaysAgo, rng));
  const agent: JsonObject = {
    agentId: a.agentId,
    agentName: a.name,
    agentArn: `arn:aws:bedrock:${a.region}:${acct.id}:agent/${a.agentId}`,
    agentVersion: 'DRAFT',
    clientToken: rng.guid(),
    instruction: a.instruction,
    agentStatus: a.status,
    foundationModel: a.model,
    description: a.description,
    orchestrationType: 'DEFAULT',
    idleSessionTTLInSeconds: rng.pick([600, 900, 1800]),
    agentResourceRoleArn: a.roleArn,
    createdAt: bedrockTime(created),
    updatedAt: bedrockTime(updated),
  };
  if (a.status === 'PREPARED') agent.preparedAt = bedrockTime(updated);
  if (a.guardrail) {
    agent.guardrailConfiguration = {
      guardrailIdentifier: rng.lowerAlnum(12),
      guardrailVersion: String(rng.int(1, 4)),
    };
  }
  agent.agentCollaboration = 'DISABLED';
  acct.agents.push(agent);
}

export function addAgentRuntime(
  acct: AccountBuilder,
  r: {
    name: string;
    roleArn: string;
    region: string;
    description: string;
    protocol: 'HTTP' | 'MCP' | 'A2A';
    createdDaysAgo: number;
    updatedDaysAgo: number;
    version: number;
    jwtAuthorizer?: boolean;
  },
): void {
  const { rng, clock } = acct;
  const runtimeId = `${r.name}-${rng.alnum(10)}`;
  const created = clock.daysAgo(r.createdDaysAgo, rng);
  const updated = Math.max(created, clock.daysAgo(r.updatedDaysAgo, rng));
  const runtime: JsonObject = {
    agentRuntimeArn: `arn:aws:bedrock-agentcore:${r.region}:${acct.id}:runtime/${runtimeId}`,
    agentRuntimeName: r.name,
    agentRuntimeId: runtimeId,
    agentRuntimeVersion: String(r.version),
    createdAt: bedrockTime(created),
    lastUpdatedAt: bedrockTime(updated),
    roleArn: r.roleArn,
    networkConfiguration: { networkMode: 'PUBLIC' },
    status: 'READY',
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    description: r.description,
    workloadIdentityDetails: {
      workloadIdentityArn: `arn:aws:bedrock-agentcore:${r.region}:${acct.id}:workload-identity-directory/default/workload-identity/${runtimeId}`,
    },
    agentRuntimeArtifact: {
      containerConfiguration: {
        containerUri: `${acct.id}.dkr.ecr.${r.region}.amazonaws.com/bedrock-agentcore-${r.name}:latest`,
      },
    },
    protocolConfiguration: { serverProtocol: r.protocol },
  };
  if (r.jwtAuthorizer) {
    runtime.authorizerConfiguration = {
      customJWTAuthorizer: {
        discoveryUrl: `https://cognito-idp.${r.region}.amazonaws.com/${r.region}_${rng.alnum(9)}/.well-known/openid-configuration`,
        allowedClients: [rng.lowerAlnum(26)],
      },
    };
  }
  acct.runtimes.push(runtime);
}

export function addLambdaFunction(
  acct: AccountBuilder,
  f: {
    name: string;
    roleArn: string;
    region: string;
    runtime: string;
    description: string;
    modifiedDaysAgo: number;
    /** Non-secret configuration only; Environment is never read by the import. */
    env?: Record<string, string>;
    memory?: number;
    timeout?: number;
  },
): void {
  const { rng, clock } = acct;
  const fn: JsonObject = {
    FunctionName: f.name,
    FunctionArn: `arn:aws:lambda:${f.region}:${acct.id}:function:${f.name}`,
    Runtime: f.runtime,
    Role: f.roleArn,
    Handler: f.runtime.startsWith('python') ? 'app.handler' : 'index.handler',
    CodeSize: rng.int(4_000, 48_000_000),
    Description: f.description,
    Timeout: f.timeout ?? rng.pick([3, 15, 30, 60, 300, 900]),
    MemorySize: f.memory ?? rng.pick([128, 256, 512, 1024, 2048]),
    LastModified: lambdaTime(clock.daysAgo(f.modifiedDaysAgo, rng)),
    CodeSha256: rng.base64(32),
    Version: '$LATEST',
  };
  if (f.env) fn.Environment = { Variables: f.env };
  fn.TracingConfig = { Mode: rng.chance(0.3) ? 'Active' : 'PassThrough' };
  fn.RevisionId = rng.guid();
  fn.PackageType = 'Zip';
  fn.Architectures = [rng.chance(0.6) ? 'arm64' : 'x86_64'];
  fn.EphemeralStorage = { Size: 512 };
  fn.SnapStart = { ApplyOn: 'None', OptimizationStatus: 'Off' };
  fn.LoggingConfig = { LogFormat: 'Text', LogGroup: `/aws/lambda/${f.name}` };
  acct.functions.push(fn);
}
