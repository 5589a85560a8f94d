/**
 * The dashboard of one scan: the assessment's KPIs (with the previous scan's values), findings by
 * severity, identities by kind, agents, credential ages, the rules and identities that weigh most,
 * and what changed since the scan before.
 */
import type { Dashboard, Kpi } from '../model/api';
import { severitySchema } from '../model/findings';
import type { ScanModel } from './open-engagement';

const DAY_MS = 86_400_000;
const AGE_BUCKETS: { label: string; maxDays: number }[] = [
  { label: '< 30 days', maxDays: 30 },
  { label: '30-90 days', maxDays: 90 },
  { label: '90-180 days', maxDays: 180 },
  { label: '180-365 days', maxDays: 365 },
  { label: '> 1 year', maxDays: Number.POSITIVE_INFINITY },
];

export function buildDashboard(model: ScanModel, previous: ScanModel | undefined): Dashboard {
  const { scan, assessment } = model;
  const asOf = Date.parse(scan.finishedAt);
  const byKind = new Map<string, { label: string; provider: 'aws' | 'entra'; count: number }>();
  for (const row of model.index.rows) {
    const entry = byKind.get(row.kind) ?? { label: row.kind, provider: row.provider, count: 0 };
    entry.count += 1;
    byKind.set(row.kind, entry);
  }

  const ages = AGE_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  let unknownAge = 0;
  for (const c of model.credentials) {
    if (c.status !== 'active') continue;
    const created = c.createdAt ? Date.parse(c.createdAt) : Number.NaN;
    if (Number.isNaN(created)) {
      unknownAge += 1;
      continue;
    }
    const days = Math.max(0, (asOf - created) / DAY_MS);
    const bucket = AGE_BUCKETS.findIndex((b) => days < b.maxDays);
    const target = ages[bucket === -1 ? ages.length - 1 : bucket];
    if (target) target.count += 1;
  }
  if (unknownAge > 0) ages.push({ label: 'creation date unknown', count: unknownAge });

  // Agents first: the report's "top agent risks"; any identity when the scan has no risky agent.
  const risky = (agent?: ('yes' | 'likely')[]) =>
    model.index.query({
      sort: 'score',
      descending: true,
      severity: ['critical', 'high', 'medium', 'low'],
      ...(agent ? { agent } : {}),
      limit: 10,
    }).rows;
  const agentRisks = assessment ? risky(['yes', 'likely']) : [];
  const riskRows = agentRisks.length > 0 ? agentRisks : assessment ? risky() : [];
  const topRisks = riskRows.map((r) => ({
    id: r.id,
    name: r.name,
    provider: r.provider,
    kind: r.kind,
    agent: r.agent,
    severity: r.severity,
    findingCount: r.findingCount,
    ...(r.score !== undefined ? { score: r.score } : {}),
  }));

  return {
    scanId: scan.id,
    scanLabel: scan.label,
    scanFinishedAt: scan.finishedAt,
    scanStatus: scan.status,
    assessed: assessment !== undefined,
    kpis: withPrevious(assessment?.kpis ?? [], previous?.assessment?.kpis),
    findingsBySeverity: severitySchema.options.map((severity) => ({
      severity,
      count: assessment?.bySeverity[severity] ?? 0,
    })),
    identitiesByKind: [...byKind.values()].sort((a, b) => b.count - a.count),
    ...(assessment ? { agents: assessment.agents } : {}),
    credentialAge: ages,
    topRules: [...(assessment?.byRule ?? [])]
      .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId))
      .slice(0, 10),
    topRisks,
    topRisksAgentsOnly: agentRisks.length > 0,
    ...(previous ? { change: changeSince(model, previous) } : {}),
    gaps: scan.coverage
      .filter((c) => c.status !== 'complete')
      .map((c) => ({
        area: c.area,
        status: c.status,
        ...(c.message !== undefined ? { message: c.message } : {}),
      })),
  };
}

function withPrevious(kpis: readonly Kpi[], previous: readonly Kpi[] | undefined): Kpi[] {
  return kpis.map((k) => {
    const before = previous?.find((p) => p.id === k.id);
    return before ? { ...k, previous: before.value } : { ...k };
  });
}

function changeSince(model: ScanModel, previous: ScanModel): NonNullable<Dashboard['change']> {
  let added = 0;
  let removed = 0;
  for (const row of model.index.rows) if (!previous.index.row(row.id)) added += 1;
  for (const row of previous.index.rows) if (!model.index.row(row.id)) removed += 1;
  const change: NonNullable<Dashboard['change']> = {
    previousScanId: previous.scan.id,
    identitiesAdded: added,
    identitiesRemoved: removed,
  };
  if (model.assessment && previous.assessment) {
    const now = new Set(
      model.assessment
        .findings()
        .filter((f) => !f.suppressedBy)
        .map((f) => f.key),
    );
    const before = new Set(
      previous.assessment
        .findings()
        .filter((f) => !f.suppressedBy)
        .map((f) => f.key),
    );
    change.findingsNew = [...now].filter((k) => !before.has(k)).length;
    change.findingsResolved = [...before].filter((k) => !now.has(k)).length;
  }
  return change;
}
