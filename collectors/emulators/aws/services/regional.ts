/**
 * The regional REST-JSON services: Bedrock Agents (control plane), Bedrock AgentCore control,
 * Lambda and IAM Access Analyzer. Each answers with what the account holds in the signed region.
 */
import type { JsonValue } from '../../../../model/inventory';
import type { Handler, RequestContext } from '../context';
import { pageOf, pageSize } from '../paging';
import { EmulatorError, jsonResponse, type EmulatorResponse } from '../protocols';
import type { IndexedAccount } from '../state';
import type { JsonObject } from '../types';

function regionOf(arn: JsonValue | undefined): string | undefined {
  return typeof arn === 'string' ? arn.split(':')[3] : undefined;
}

function account(ctx: RequestContext): IndexedAccount {
  if (!ctx.account)
    throw new EmulatorError(500, 'InternalServerException', `no data for account ${ctx.caller.account}`);
  return ctx.account;
}

/** REST-JSON date-time members go out as ISO-8601 strings. */
function isoDates(value: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = { ...value };
  for (const f of fields) {
    const v = out[f];
    if (typeof v === 'string' || typeof v === 'number') {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) out[f] = d.toISOString();
    }
  }
  return out;
}

function numberParam(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? Number(value) : value;
}

// Bedrock Agents ---------------------------------------------------------------------------

function agentsIn(ctx: RequestContext): JsonObject[] {
  return account(ctx).data.bedrockAgents.filter((a) => regionOf(a.agentArn) === ctx.region);
}

function listAgents(ctx: RequestContext): EmulatorResponse {
  const agents = agentsIn(ctx).map((a) =>
    isoDates(
      {
        agentId: a.agentId ?? '',
        agentName: a.agentName ?? '',
        agentStatus: a.agentStatus ?? 'NOT_PREPARED',
        ...(typeof a.description === 'string' ? { description: a.description } : {}),
        updatedAt: a.updatedAt ?? null,
        latestAgentVersion: a.agentVersion ?? 'DRAFT',
      },
      ['updatedAt'],
    ),
  );
  const page = pageOf(
    agents,
    ctx.body.nextToken as string | undefined,
    pageSize(ctx.body.maxResults, 1000, 1000),
    'ValidationException',
  );
  return jsonResponse('rest-json', {
    agentSummaries: page.items,
    ...(page.next ? { nextToken: page.next } : {}),
  });
}

function getAgent(ctx: RequestContext): EmulatorResponse {
  const agent = agentsIn(ctx).find((a) => a.agentId === ctx.pathParams.agentId);
  if (!agent)
    throw new EmulatorError(404, 'ResourceNotFoundException', `Agent ${ctx.pathParams.agentId} not found`);
  return jsonResponse('rest-json', { agent: isoDates(agent, ['createdAt', 'updatedAt', 'preparedAt']) });
}

// AgentCore control ------------------------------------------------------------------------

function runtimesIn(ctx: RequestContext): JsonObject[] {
  return account(ctx).data.agentRuntimes.filter((r) => regionOf(r.agentRuntimeArn) === ctx.region);
}

function listAgentRuntimes(ctx: RequestContext): EmulatorResponse {
  const runtimes = runtimesIn(ctx).map((r) =>
    isoDates(
      {
        agentRuntimeArn: r.agentRuntimeArn ?? '',
        agentRuntimeId: r.agentRuntimeId ?? '',
        agentRuntimeVersion: r.agentRuntimeVersion ?? '1',
        agentRuntimeName: r.agentRuntimeName ?? '',
        description: r.description ?? '',
        lastUpdatedAt: r.lastUpdatedAt ?? null,
        status: r.status ?? 'READY',
      },
      ['lastUpdatedAt'],
    ),
  );
  const size = pageSize(numberParam(ctx.params.get('maxResults') ?? undefined), 100, 100);
  const page = pageOf(runtimes, ctx.params.get('nextToken'), size, 'ValidationException');
  return jsonResponse('rest-json', {
    agentRuntimes: page.items,
    ...(page.next ? { nextToken: page.next } : {}),
  });
}

function getAgentRuntime(ctx: RequestContext): EmulatorResponse {
  const runtime = runtimesIn(ctx).find((r) => r.agentRuntimeId === ctx.pathParams.agentRuntimeId);
  if (!runtime)
    throw new EmulatorError(
      404,
      'ResourceNotFoundException',
      `Runtime ${ctx.pathParams.agentRuntimeId} not found`,
    );
  return jsonResponse('rest-json', isoDates(runtime, ['createdAt', 'lastUpdatedAt']));
}

// Lambda ----------------------------------------------------------------------------------

function listFunctions(ctx: RequestContext): EmulatorResponse {
  const functions = account(ctx).data.lambdaFunctions.filter((f) => regionOf(f.FunctionArn) === ctx.region);
  const size = pageSize(numberParam(ctx.params.get('MaxItems') ?? undefined), 50, 50);
  const page = pageOf(functions, ctx.params.get('Marker'), size, 'InvalidParameterValueException');
  return jsonResponse('rest-json', {
    Functions: page.items,
    ...(page.next ? { NextMarker: page.next } : {}),
  });
}

// IAM Access Analyzer ---------------------------------------------------------------------

function analyzerArn(ctx: RequestContext, name: string): string {
  return `arn:aws:access-analyzer:${ctx.region}:${ctx.caller.account}:analyzer/${name}`;
}

function listAnalyzers(ctx: RequestContext): EmulatorResponse {
  const type = ctx.params.get('type');
  const analyzers = (account(ctx).data.analyzers ?? [])
    .filter((a) => a.region === ctx.region && (!type || a.type === type))
    .map((a) => ({
      arn: analyzerArn(ctx, a.name),
      name: a.name,
      type: a.type,
      createdAt: new Date(a.createdAt).toISOString(),
      status: 'ACTIVE',
    }));
  const page = pageOf(
    analyzers,
    ctx.params.get('nextToken'),
    pageSize(numberParam(ctx.params.get('maxResults') ?? undefined), 100, 100),
    'ValidationException',
  );
  return jsonResponse('rest-json', { analyzers: page.items, ...(page.next ? { nextToken: page.next } : {}) });
}

function listFindingsV2(ctx: RequestContext): EmulatorResponse {
  const arn = ctx.body.analyzerArn;
  const analyzer = (account(ctx).data.analyzers ?? []).find(
    (a) => a.region === ctx.region && analyzerArn(ctx, a.name) === arn,
  );
  if (!analyzer)
    throw new EmulatorError(404, 'ResourceNotFoundException', `Analyzer ${String(arn)} not found`);
  const filter = ctx.body.filter as Record<string, { eq?: string[] }> | undefined;
  const statuses = filter?.status?.eq;
  const findings = analyzer.findings
    .filter((f) => !statuses || statuses.includes(String(f.status)))
    .map((f) => isoDates(f, ['analyzedAt', 'createdAt', 'updatedAt']));
  const page = pageOf(
    findings,
    ctx.body.nextToken as string | undefined,
    pageSize(ctx.body.maxResults, 100, 100, 25),
    'ValidationException',
  );
  return jsonResponse('rest-json', { findings: page.items, ...(page.next ? { nextToken: page.next } : {}) });
}

export interface RestRoute {
  method: string;
  /** Path with `{name}` segments. */
  path: string;
  operation: string;
  handler: Handler;
}

export const REST_ROUTES: Record<string, RestRoute[]> = {
  'bedrock-agent': [
    { method: 'POST', path: '/agents/', operation: 'ListAgents', handler: listAgents },
    { method: 'GET', path: '/agents/{agentId}/', operation: 'GetAgent', handler: getAgent },
  ],
  'bedrock-agentcore-control': [
    { method: 'POST', path: '/runtimes/', operation: 'ListAgentRuntimes', handler: listAgentRuntimes },
    {
      method: 'GET',
      path: '/runtimes/{agentRuntimeId}/',
      operation: 'GetAgentRuntime',
      handler: getAgentRuntime,
    },
  ],
  lambda: [
    { method: 'GET', path: '/2015-03-31/functions/', operation: 'ListFunctions', handler: listFunctions },
  ],
  'access-analyzer': [
    { method: 'GET', path: '/analyzer', operation: 'ListAnalyzers', handler: listAnalyzers },
    { method: 'POST', path: '/findingv2', operation: 'ListFindingsV2', handler: listFindingsV2 },
  ],
};

/** The route of a request, with its path parameters; trailing slashes are not significant. */
export function matchRoute(
  service: string,
  method: string,
  path: string,
): { route: RestRoute; params: Record<string, string> } | undefined {
  const parts = path.replace(/\/+$/, '').split('/');
  for (const route of REST_ROUTES[service] ?? []) {
    if (route.method !== method) continue;
    const pattern = route.path.replace(/\/+$/, '').split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      const actual = parts[i] ?? '';
      if (seg.startsWith('{') && seg.endsWith('}')) {
        params[seg.slice(1, -1)] = decodeURIComponent(actual);
        return actual !== '';
      }
      return seg === actual;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
