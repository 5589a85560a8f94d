/**
 * Bedrock agents, AgentCore runtimes and Lambda functions, the roles they run as, and a `workload`
 * trust on each such role (the workload can act as the role). Pure.
 */
import { toIsoUtc } from '../../model/dates';
import { stableId, type Workload } from '../../model/inventory';
import { accountOfArn, regionOfArn } from './arn';
import { attrs, type InventoryBuilder } from './inventory-builder';
import type { RawAgentRuntime, RawBedrockAgent, RawLambdaFunction } from './raw-schemas';

type WorkloadInput = Omit<Workload, 'id' | 'provider' | 'account' | 'region' | 'identityId'>;

function addWorkload(b: InventoryBuilder, input: WorkloadInput, fallbackAccount: string): void {
  const id = stableId('aws', input.nativeId);
  const roleId = input.roleArn ? stableId('aws', input.roleArn) : undefined;
  // Link to the role only when it is in this inventory; roleArn keeps the reference either way.
  const identityId = roleId && b.identity(roleId) ? roleId : undefined;
  b.addWorkload({
    ...input,
    id,
    provider: 'aws',
    account: accountOfArn(input.nativeId) ?? fallbackAccount,
    region: regionOfArn(input.nativeId),
    identityId,
  });
  if (identityId && input.roleArn) {
    b.addTrust({
      id: `${identityId}#workload:${input.nativeId}`,
      identityId,
      provider: 'aws',
      kind: 'workload',
      principalType: 'workload',
      principal: input.nativeId,
      principalId: id,
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      conditions: {},
      evidence: { workloadKind: input.kind, name: input.name, arn: input.nativeId, roleArn: input.roleArn },
    });
  }
}

export function addBedrockAgents(
  b: InventoryBuilder,
  agents: readonly RawBedrockAgent[],
  account: string,
): void {
  for (const a of agents) {
    addWorkload(
      b,
      {
        kind: 'bedrock-agent',
        nativeId: a.agentArn,
        name: a.agentName,
        roleArn: a.agentResourceRoleArn,
        createdAt: toIsoUtc(a.createdAt),
        attributes: attrs({
          agentId: a.agentId,
          foundationModel: a.foundationModel,
          agentStatus: a.agentStatus,
          agentVersion: a.agentVersion,
          updatedAt: toIsoUtc(a.updatedAt),
        }),
      },
      account,
    );
  }
}

export function addAgentRuntimes(
  b: InventoryBuilder,
  runtimes: readonly RawAgentRuntime[],
  account: string,
): void {
  for (const r of runtimes) {
    addWorkload(
      b,
      {
        kind: 'agentcore-runtime',
        nativeId: r.agentRuntimeArn,
        name: r.agentRuntimeName,
        roleArn: r.roleArn,
        createdAt: toIsoUtc(r.createdAt),
        attributes: attrs({
          agentRuntimeId: r.agentRuntimeId,
          agentRuntimeVersion: r.agentRuntimeVersion,
          status: r.status,
          workloadIdentityArn: r.workloadIdentityDetails?.workloadIdentityArn,
          lastUpdatedAt: toIsoUtc(r.lastUpdatedAt),
        }),
      },
      account,
    );
  }
}

export function addLambdaFunctions(
  b: InventoryBuilder,
  functions: readonly RawLambdaFunction[],
  account: string,
): void {
  for (const f of functions) {
    addWorkload(
      b,
      {
        kind: 'lambda-function',
        nativeId: f.FunctionArn,
        name: f.FunctionName,
        roleArn: f.Role,
        attributes: attrs({
          runtime: f.Runtime,
          packageType: f.PackageType,
          lastModified: toIsoUtc(f.LastModified),
        }),
      },
      account,
    );
  }
}
