/**
 * The regional services of one account, each read in every region of its list: Bedrock agents
 * (list, then each agent for its role), AgentCore runtimes (list, then each runtime for its role and
 * workload identity), Lambda functions, and existing IAM Access Analyzer unused-access findings.
 * A region that fails leaves the others' items in place and the area partial; a region that is not
 * enabled in the account is no gap and only remarked.
 */
import { ListAnalyzersCommand, ListFindingsV2Command } from '@aws-sdk/client-accessanalyzer';
import { GetAgentCommand, ListAgentsCommand } from '@aws-sdk/client-bedrock-agent';
import { GetAgentRuntimeCommand, ListAgentRuntimesCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  agentRuntimeSchema,
  bedrockAgentSchema,
  lambdaFunctionSchema,
  unusedAccessFindingSchema,
  type RawAgentRuntime,
  type RawBedrockAgent,
  type RawLambdaFunction,
  type RawUnusedAccessFinding,
} from '../raw-schemas';
import { droppedMessage, validItems, type AccountContext } from './account-context';
import type { AwsCallError, CallSite } from './errors';
import { allPages, type AwsScanPhase } from './runtime';

type RegionalArea = 'bedrock-agents' | 'agentcore-runtimes' | 'lambda-functions' | 'access-analyzer';

interface RegionResult<T> {
  region: string;
  items?: T[];
  error?: AwsCallError;
  /** Problems that left some items out while the region as a whole answered. */
  problems: string[];
}

/** Item-level failures inside a region (one agent unreadable) and the items that were read. */
class RegionRead<T> {
  readonly items: T[] = [];
  readonly problems: string[] = [];
  readonly dropped: string[] = [];
}

function notOffered(error: AwsCallError): boolean {
  // The endpoint of a service that does not exist in a region does not resolve.
  return error.kind === 'network' && error.code === 'ENOTFOUND';
}

async function perRegion<T>(
  ctx: AccountContext,
  area: RegionalArea,
  phase: AwsScanPhase,
  regions: readonly string[],
  read: (region: string, into: RegionRead<T>) => Promise<void>,
  siteOf: (region: string) => CallSite,
): Promise<T[] | undefined> {
  const results = await Promise.all(
    regions.map(async (region): Promise<RegionResult<T>> => {
      const into = new RegionRead<T>();
      try {
        await read(region, into);
        const dropped = droppedMessage(into.dropped);
        return { region, items: into.items, problems: dropped ? [...into.problems, dropped] : into.problems };
      } catch (e) {
        return { region, error: ctx.failure(e, siteOf(region)), problems: [] };
      }
    }),
  );
  const answered = results.filter((r) => r.items !== undefined);
  const skipped = results.filter(
    (r) => r.error && (r.error.kind === 'region-disabled' || notOffered(r.error)),
  );
  const failed = results.filter((r) => r.error && !skipped.includes(r));
  const items = answered.flatMap((r) => r.items ?? []);
  const problems = [
    ...failed.map((r) =>
      r.error?.kind === 'cancelled'
        ? `${r.region}: not read, the scan was cancelled`
        : (r.error?.message ?? r.region),
    ),
    ...answered.flatMap((r) => r.problems.map((p) => `${r.region}: ${p}`)),
  ];
  const remark =
    skipped.length > 0
      ? `not enabled or not offered in ${skipped.map((r) => r.region).join(', ')} (nothing to read there)`
      : undefined;
  const regionsRead = `${answered.length} region${answered.length === 1 ? '' : 's'} read`;
  if (answered.length === 0 && failed.length > 0) {
    ctx.note(area, { status: 'failed', message: [...problems, remark].filter(Boolean).join('; ') });
    return undefined;
  }
  ctx.note(area, {
    status: problems.length > 0 ? 'partial' : 'complete',
    message: [regionsRead, ...problems, remark].filter(Boolean).join('; '),
  });
  ctx.progress(phase, items.length);
  return items;
}

export async function collectBedrockAgents(ctx: AccountContext): Promise<void> {
  ctx.raw.bedrockAgents = await perRegion<RawBedrockAgent>(
    ctx,
    'bedrock-agents',
    'bedrock-agents',
    ctx.settings.regions.bedrockAgents,
    async (region, into) => {
      const client = ctx.client('bedrock-agent', region);
      const listSite = ctx.site('bedrock-agent', 'ListAgents', region);
      const summaries = await allPages(async (token) => {
        const out = await ctx.runtime.call(
          listSite,
          (o) =>
            client.send(
              new ListAgentsCommand({ maxResults: 1000, ...(token ? { nextToken: token } : {}) }),
              o,
            ),
          token !== undefined,
        );
        return { items: out.agentSummaries ?? [], ...(out.nextToken ? { next: out.nextToken } : {}) };
      });
      const getSite = ctx.site('bedrock-agent', 'GetAgent', region);
      await Promise.all(
        summaries.map(async (s) => {
          if (!s.agentId) return;
          try {
            const out = await ctx.runtime.call(
              getSite,
              (o) => client.send(new GetAgentCommand({ agentId: s.agentId }), o),
              true,
            );
            into.items.push(
              ...validItems([out.agent], bedrockAgentSchema, `agent ${s.agentId}`, into.dropped),
            );
          } catch (e) {
            const error = ctx.failure(e, getSite);
            // Deleted between the list and the read: nothing is missing.
            if (error.kind !== 'not-found') into.problems.push(`agent ${s.agentId}: ${error.message}`);
          }
        }),
      );
      ctx.progress('bedrock-agents', into.items.length, region);
    },
    (region) => ctx.site('bedrock-agent', 'ListAgents', region),
  );
}

export async function collectAgentRuntimes(ctx: AccountContext): Promise<void> {
  ctx.raw.agentcoreRuntimes = await perRegion<RawAgentRuntime>(
    ctx,
    'agentcore-runtimes',
    'agentcore-runtimes',
    ctx.settings.regions.agentcore,
    async (region, into) => {
      const client = ctx.client('bedrock-agentcore-control', region);
      const listSite = ctx.site('bedrock-agentcore-control', 'ListAgentRuntimes', region);
      const summaries = await allPages(async (token) => {
        const out = await ctx.runtime.call(
          listSite,
          (o) =>
            client.send(
              new ListAgentRuntimesCommand({ maxResults: 100, ...(token ? { nextToken: token } : {}) }),
              o,
            ),
          token !== undefined,
        );
        return { items: out.agentRuntimes ?? [], ...(out.nextToken ? { next: out.nextToken } : {}) };
      });
      const getSite = ctx.site('bedrock-agentcore-control', 'GetAgentRuntime', region);
      await Promise.all(
        summaries.map(async (s) => {
          if (!s.agentRuntimeId) return;
          try {
            const out = await ctx.runtime.call(
              getSite,
              (o) => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: s.agentRuntimeId }), o),
              true,
            );
            into.items.push(
              ...validItems([out], agentRuntimeSchema, `runtime ${s.agentRuntimeId}`, into.dropped),
            );
          } catch (e) {
            const error = ctx.failure(e, getSite);
            if (error.kind !== 'not-found')
              into.problems.push(`runtime ${s.agentRuntimeId}: ${error.message}`);
          }
        }),
      );
      ctx.progress('agentcore-runtimes', into.items.length, region);
    },
    (region) => ctx.site('bedrock-agentcore-control', 'ListAgentRuntimes', region),
  );
}

export async function collectLambdaFunctions(ctx: AccountContext): Promise<void> {
  ctx.raw.lambdaFunctions = await perRegion<RawLambdaFunction>(
    ctx,
    'lambda-functions',
    'lambda-functions',
    ctx.settings.regions.lambda,
    async (region, into) => {
      const client = ctx.client('lambda', region);
      const site = ctx.site('lambda', 'ListFunctions', region);
      await allPages(async (marker) => {
        const out = await ctx.runtime.call(
          site,
          (o) =>
            client.send(new ListFunctionsCommand({ MaxItems: 50, ...(marker ? { Marker: marker } : {}) }), o),
          true,
        );
        into.items.push(
          ...validItems(out.Functions, lambdaFunctionSchema, 'Functions', into.dropped, into.items.length),
        );
        ctx.progress('lambda-functions', into.items.length, region);
        return { items: [], ...(out.NextMarker ? { next: out.NextMarker } : {}) };
      });
    },
    (region) => ctx.site('lambda', 'ListFunctions', region),
  );
}

const UNUSED_ACCESS_TYPES = new Set(['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS']);

/** Reads findings of analyzers that exist; never creates one (unused-access analyzers are billed). */
export async function collectUnusedAccessFindings(ctx: AccountContext): Promise<void> {
  let analyzers = 0;
  const findings = await perRegion<RawUnusedAccessFinding>(
    ctx,
    'access-analyzer',
    'access-analyzer',
    ctx.settings.regions.accessAnalyzer,
    async (region, into) => {
      const client = ctx.client('access-analyzer', region);
      const listSite = ctx.site('access-analyzer', 'ListAnalyzers', region);
      const all = await allPages(async (token) => {
        const out = await ctx.runtime.call(
          listSite,
          (o) =>
            client.send(
              new ListAnalyzersCommand({ maxResults: 100, ...(token ? { nextToken: token } : {}) }),
              o,
            ),
          token !== undefined,
        );
        return { items: out.analyzers ?? [], ...(out.nextToken ? { next: out.nextToken } : {}) };
      });
      const unused = all.filter(
        (a) => a.type && UNUSED_ACCESS_TYPES.has(a.type) && (a.status ?? 'ACTIVE') === 'ACTIVE',
      );
      analyzers += unused.length;
      const findSite = ctx.site('access-analyzer', 'ListFindingsV2', region);
      for (const analyzer of unused) {
        await allPages(async (token) => {
          const out = await ctx.runtime.call(
            findSite,
            (o) =>
              client.send(
                new ListFindingsV2Command({
                  analyzerArn: analyzer.arn,
                  filter: { status: { eq: ['ACTIVE'] } },
                  maxResults: 100,
                  ...(token ? { nextToken: token } : {}),
                }),
                o,
              ),
            true,
          );
          const own = (out.findings ?? [])
            .filter((f) => !f.resourceOwnerAccount || f.resourceOwnerAccount === ctx.accountId)
            .map((f) => ({ ...f, analyzerArn: analyzer.arn }));
          into.items.push(...validItems(own, unusedAccessFindingSchema, 'findings', into.dropped));
          return { items: [], ...(out.nextToken ? { next: out.nextToken } : {}) };
        });
      }
    },
    (region) => ctx.site('access-analyzer', 'ListAnalyzers', region),
  );
  if (findings !== undefined && analyzers === 0) {
    const note = ctx.raw.areaNotes?.['access-analyzer'];
    ctx.note('access-analyzer', {
      status: note?.status === 'partial' ? 'partial' : 'skipped',
      message: [
        'no unused-access analyzer exists in the regions read (Agent Anchor never creates one: they are billed)',
        note?.status === 'partial' ? note.message : undefined,
      ]
        .filter(Boolean)
        .join('; '),
    });
    return;
  }
  ctx.raw.unusedAccessFindings = findings;
}
