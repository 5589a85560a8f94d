/** Executive summary: totals, the headline, KPIs, top agent risks and the change since the last scan. */
import type { Finding, Severity } from '../../model/findings';
import type { FindingRef, IdentityRef as DiffIdentity, PrivilegeChange } from '../../model/posture';
import {
  AGENT_RANK,
  SEVERITY_RANK,
  clip,
  compareText,
  emptySeverityCounts,
  isAgent,
  num,
  percent,
  plural,
} from '../format';
import type {
  ChangeView,
  DiffFindingRef,
  DiffIdentityRef,
  ReportModel,
  RoadmapItem,
  SeverityCounts,
  TopRiskRow,
} from '../types';
import type { ReportContext } from './context';
import { kpiViews } from './kpis';

export function buildTotals(ctx: ReportContext): ReportModel['totals'] {
  const { inventory, assessment } = ctx.input;
  let agentsYes = 0;
  let agentsLikely = 0;
  let providerManaged = 0;
  for (const identity of inventory.identities) {
    const c = ctx.classificationOf(identity.id);
    if (c?.agent === 'yes') agentsYes += 1;
    else if (c?.agent === 'likely') agentsLikely += 1;
    if (c?.providerManaged) providerManaged += 1;
  }
  const openBySeverity = emptySeverityCounts();
  const agentOpenBySeverity = emptySeverityCounts();
  let findingsOpen = 0;
  let findingsSuppressed = 0;
  const withFindings = new Set<string>();
  for (const f of assessment.findings) {
    if (!ctx.counted(f)) {
      findingsSuppressed += 1;
      continue;
    }
    findingsOpen += 1;
    openBySeverity[f.severity] += 1;
    if (isAgent(ctx.verdict(f.identityId))) agentOpenBySeverity[f.severity] += 1;
    withFindings.add(f.identityId);
  }
  let agentsWithFindings = 0;
  for (const id of withFindings) if (isAgent(ctx.verdict(id))) agentsWithFindings += 1;
  return {
    identities: inventory.identities.length,
    agents: agentsYes + agentsLikely,
    agentsYes,
    agentsLikely,
    providerManaged,
    credentials: inventory.credentials.length,
    grants: inventory.grants.length,
    workloads: inventory.workloads.length,
    findingsOpen,
    findingsSuppressed,
    openBySeverity,
    agentOpenBySeverity,
    identitiesWithFindings: withFindings.size,
    agentsWithFindings,
  };
}

function worstFinding(findings: readonly Finding[]): Finding | undefined {
  let worst: Finding | undefined;
  for (const f of findings) {
    if (
      !worst ||
      SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst.severity] ||
      (f.severity === worst.severity && f.scoreContribution > worst.scoreContribution)
    )
      worst = f;
  }
  return worst;
}

export function buildTopRisks(ctx: ReportContext, limit = 10): TopRiskRow[] {
  const agents = ctx.input.inventory.identities
    .filter((i) => isAgent(ctx.verdict(i.id)) && ctx.score(i.id) > 0)
    .map((i) => i.id);
  // Ranked by score alone (not agents-first: all are agents), ties by name for a stable order.
  agents.sort(
    (a, b) =>
      ctx.score(b) - ctx.score(a) ||
      ctx.riskPoints(b) - ctx.riskPoints(a) ||
      compareText(ctx.ref(a).name, ctx.ref(b).name) ||
      compareText(a, b),
  );
  return agents.slice(0, limit).map((id, index) => {
    const open = (ctx.findingsByIdentity.get(id) ?? []).filter((f) => ctx.counted(f));
    const counts = emptySeverityCounts();
    for (const f of open) counts[f.severity] += 1;
    const worst = worstFinding(open);
    return {
      rank: index + 1,
      identity: ctx.ref(id),
      score: ctx.score(id),
      findings: counts,
      topFinding: worst
        ? {
            ruleId: worst.ruleId,
            title: worst.title,
            severity: worst.severity,
            message: clip(worst.message, 160),
          }
        : undefined,
    };
  });
}

function bySeverity(list: readonly { severity: Severity }[]): SeverityCounts {
  const counts = emptySeverityCounts();
  for (const f of list) counts[f.severity] += 1;
  return counts;
}

const SAMPLE = 8;

function findingRefs(list: readonly FindingRef[]): DiffFindingRef[] {
  return [...list]
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.key, b.key))
    .slice(0, SAMPLE)
    .map((f) => ({
      key: f.key,
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      identityId: f.identityId,
      identityName: clip(f.identityName, 160),
    }));
}

function identityRefs(
  ctx: ReportContext,
  list: readonly DiffIdentity[],
  current: boolean,
): DiffIdentityRef[] {
  const refs: DiffIdentityRef[] = list.map((i) => ({
    identityId: i.id,
    name: clip(i.name, 160),
    kind: i.kind,
    // Removed identities are not in this scan: their verdict is not known here.
    ...(current ? { agent: ctx.verdict(i.id) } : {}),
  }));
  const rank = (r: DiffIdentityRef) => (r.agent === undefined ? 3 : AGENT_RANK[r.agent]);
  return refs
    .sort(
      (a, b) => rank(a) - rank(b) || compareText(a.name, b.name) || compareText(a.identityId, b.identityId),
    )
    .slice(0, SAMPLE);
}

function privilegeSummary(p: PrivilegeChange): string {
  const parts: string[] = [];
  if (p.grantsAdded.length)
    parts.push(`+${p.grantsAdded.length} grant${p.grantsAdded.length === 1 ? '' : 's'}`);
  if (p.grantsRemoved.length)
    parts.push(`-${p.grantsRemoved.length} grant${p.grantsRemoved.length === 1 ? '' : 's'}`);
  if (p.grantsChanged.length) parts.push(`${p.grantsChanged.length} changed`);
  if (p.admin) parts.push(p.admin.to ? 'became admin-equivalent' : 'no longer admin-equivalent');
  if (p.escalation) parts.push(p.escalation.to ? 'gained an escalation path' : 'lost its escalation path');
  return parts.join(', ');
}

export function buildChange(ctx: ReportContext): ChangeView {
  const change = ctx.input.change;
  if (change.status !== 'compared') return change;
  const d = change.diff;
  const privilege = [...d.privilege].sort(
    (a, b) =>
      Number(Boolean(b.admin?.to || b.escalation?.to)) - Number(Boolean(a.admin?.to || a.escalation?.to)) ||
      compareText(a.identity.name, b.identity.name) ||
      compareText(a.identity.id, b.identity.id),
  );
  return {
    status: 'compared',
    fromScanId: d.from.id,
    toScanId: d.to.id,
    counts: {
      identitiesAdded: d.identities.added.length,
      identitiesRemoved: d.identities.removed.length,
      findingsNew: d.findings.new.length,
      findingsResolved: d.findings.resolved.length,
      privilegeChanges: d.privilege.length,
    },
    newBySeverity: bySeverity(d.findings.new),
    resolvedBySeverity: bySeverity(d.findings.resolved),
    samples: {
      findingsNew: findingRefs(d.findings.new),
      findingsResolved: findingRefs(d.findings.resolved),
      identitiesAdded: identityRefs(ctx, d.identities.added, true),
      identitiesRemoved: identityRefs(ctx, d.identities.removed, false),
      privilegeChanges: privilege.slice(0, SAMPLE).map((p) => ({
        identityId: p.identity.id,
        name: clip(p.identity.name, 160),
        summary: privilegeSummary(p),
      })),
    },
  };
}

export function buildKpis(ctx: ReportContext): ReportModel['kpis'] {
  const kpis = ctx.input.kpis;
  if (!kpis)
    return {
      available: false,
      reason:
        'The posture KPIs have not been computed for this scan. Run the assessment of the scan and export the report again.',
    };
  return { available: true, items: kpiViews(kpis) };
}

export function buildScoring(ctx: ReportContext): ReportModel['scoring'] {
  if (ctx.input.scores)
    return {
      basis: 'score',
      label: 'Risk score (0-100)',
      note: `Each identity has a risk score from 0 to 100: a weighted sum of factors (privilege, credential hygiene, activity, ownership, exposure).${ctx.options.variant === 'full' ? ' The per-identity appendix shows each factor’s contribution.' : ''}`,
    };
  const w = ctx.input.assessment.settings.weights;
  return {
    basis: 'risk-points',
    label: 'Risk points',
    note: `Identity scores are not stored for this scan, so identities are ranked by risk points: each open finding adds the weight of its severity (critical ${w.critical}, high ${w.high}, medium ${w.medium}, low ${w.low}, info ${w.info}), multiplied by ${w.agentMultiplier} for agents and ${w.likelyAgentMultiplier} for likely agents.`,
  };
}

export function buildHeadline(
  model: Pick<ReportModel, 'totals' | 'meta' | 'kpis' | 'change'>,
  roadmap: readonly RoadmapItem[],
): string[] {
  const t = model.totals;
  const scope: string[] = [];
  if (model.meta.awsAccounts.length) scope.push(plural(model.meta.awsAccounts.length, 'AWS account'));
  if (model.meta.entraTenants.length) scope.push(plural(model.meta.entraTenants.length, 'Entra tenant'));
  const lines = [
    `${plural(t.identities, 'non-human identity', 'non-human identities')} reviewed in ${scope.join(' and ') || 'no source'}; ` +
      `${plural(t.agents, 'acts', 'act')} as AI agents (${num(t.agentsYes)} confirmed, ${num(t.agentsLikely)} likely).`,
  ];
  const critHighAgents = t.agentOpenBySeverity.critical + t.agentOpenBySeverity.high;
  lines.push(
    `${plural(t.findingsOpen, 'open finding')}: ${num(t.openBySeverity.critical)} critical and ${num(t.openBySeverity.high)} high; ` +
      `${num(critHighAgents)} of the critical and high findings concern agents ` +
      `(${percent(t.agentsWithFindings, t.agents)} of agents have at least one finding).`,
  );
  if (model.kpis.available) {
    const shown = model.kpis.items
      .slice(0, 2)
      .map((k) => `${k.name} ${k.display}`)
      .join('; ');
    lines.push(`Posture measures: ${shown}.`);
  }
  if (model.change.status === 'compared') {
    const c = model.change.counts;
    lines.push(
      `Since scan ${model.change.fromScanId}: ${plural(c.findingsNew, 'new finding')} and ${num(c.findingsResolved)} resolved; ` +
        `${num(c.identitiesAdded)} identities added and ${num(c.identitiesRemoved)} removed.`,
    );
  }
  const first = roadmap[0];
  if (first)
    lines.push(
      `Most risk removed per unit of effort: “${first.title}” (${plural(first.identities, 'identity', 'identities')}, ${first.effort} effort).`,
    );
  return lines;
}
