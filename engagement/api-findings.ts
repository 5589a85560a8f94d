/**
 * The findings screen: findings grouped by rule, and pages of one group's findings with their
 * triage decision. Filtering runs over the scan's findings in memory (a few milliseconds even for
 * hundreds of thousands).
 */
import {
  DEFAULT_PAGE_SIZE,
  type FindingFilter,
  type FindingGroups,
  type FindingPage,
  type ListFindingsArgs,
  type Triage,
  type TriagedFinding,
} from '../model/api';
import { severitySchema, type Finding } from '../model/findings';
import type { ScanModel } from './open-engagement';

const SEVERITY_RANK = new Map(severitySchema.options.map((s, i) => [s, i]));

function matcher(
  model: ScanModel,
  triage: ReadonlyMap<string, Triage>,
  filter: FindingFilter & { ruleId?: string; identityId?: string },
): (f: Finding) => boolean {
  const perIdentity = model.assessment?.perIdentity;
  const severities = filter.severity && filter.severity.length > 0 ? new Set(filter.severity) : undefined;
  const statuses = filter.status && filter.status.length > 0 ? new Set(filter.status) : undefined;
  const needle = filter.search?.trim().toLowerCase() ?? '';
  return (f) => {
    if (f.suppressedBy !== undefined && !filter.includeSuppressed) return false;
    if (filter.ruleId !== undefined && f.ruleId !== filter.ruleId) return false;
    if (filter.identityId !== undefined && f.identityId !== filter.identityId) return false;
    if (severities && !severities.has(f.severity)) return false;
    if (statuses && !statuses.has(triage.get(f.key)?.status ?? 'open')) return false;
    if (filter.agentsOnly) {
      const agent = perIdentity?.get(f.identityId)?.agent;
      if (agent !== 'yes' && agent !== 'likely') return false;
    }
    if (needle !== '') {
      const text =
        `${f.ruleId}\n${f.title}\n${f.message}\n${f.identity.name}\n${f.identity.nativeId}`.toLowerCase();
      if (!text.includes(needle)) return false;
    }
    return true;
  };
}

export function findingGroups(
  model: ScanModel,
  triage: ReadonlyMap<string, Triage>,
  filter: FindingFilter,
): FindingGroups {
  if (!model.assessment) return { scanId: model.scan.id, assessed: false, total: 0, groups: [] };
  const matches = matcher(model, triage, filter);
  const groups = new Map<
    string,
    {
      ruleId: string;
      title: string;
      severity: Finding['severity'];
      count: number;
      open: number;
      ids: Set<string>;
    }
  >();
  let total = 0;
  for (const f of model.assessment.findings()) {
    if (!matches(f)) continue;
    total += 1;
    let group = groups.get(f.ruleId);
    if (!group) {
      group = { ruleId: f.ruleId, title: f.title, severity: f.severity, count: 0, open: 0, ids: new Set() };
      groups.set(f.ruleId, group);
    }
    group.count += 1;
    if ((triage.get(f.key)?.status ?? 'open') === 'open') group.open += 1;
    group.ids.add(f.identityId);
    // A rule's hits can differ in severity; the group shows the worst.
    if (rank(f.severity) < rank(group.severity)) group.severity = f.severity;
  }
  return {
    scanId: model.scan.id,
    assessed: true,
    total,
    groups: [...groups.values()]
      .sort((a, b) => rank(a.severity) - rank(b.severity) || b.count - a.count || compare(a.ruleId, b.ruleId))
      .map(({ ids, ...group }) => ({ ...group, identities: ids.size })),
  };
}

export function findingPage(
  model: ScanModel,
  triage: ReadonlyMap<string, Triage>,
  args: ListFindingsArgs,
): FindingPage {
  const offset = args.offset ?? 0;
  if (!model.assessment) return { total: 0, offset, rows: [] };
  const matches = matcher(model, triage, args);
  const all = model.assessment.findings().filter(matches);
  // Plain comparisons: a collator is far slower on the tens of thousands of findings one rule can have.
  all.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      compare(a.identity.name, b.identity.name) ||
      compare(a.key, b.key),
  );
  const rows: TriagedFinding[] = all.slice(offset, offset + (args.limit ?? DEFAULT_PAGE_SIZE)).map((f) => {
    const decision = triage.get(f.key);
    return decision ? { ...f, triage: decision } : { ...f };
  });
  return { total: all.length, offset, rows };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(severity: Finding['severity']): number {
  return SEVERITY_RANK.get(severity) ?? 99;
}
