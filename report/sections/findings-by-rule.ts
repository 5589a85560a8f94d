/**
 * Findings grouped by rule: what the rule checks and why, how to fix it, and the identities it
 * found, agents first. Large tenants can have thousands of findings for one rule; the table keeps
 * the first `rowsPerRule` (agents and the worst first) and counts the rest, which the CSV/XLSX
 * exports list in full.
 */
import type { Finding, Severity } from '../../model/findings';
import { controlTitle } from '../../assess/frameworks';
import { ruleById } from '../../assess/rules';
import { AGENT_RANK, SEVERITY_RANK, clip, compareText, isAgent } from '../format';
import type { AffectedRow, RuleSection } from '../types';
import type { ReportContext } from './context';

export function buildFindingsByRule(ctx: ReportContext): RuleSection[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of ctx.input.assessment.findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const sections: RuleSection[] = [];
  for (const [ruleId, findings] of byRule) {
    const rule = ruleById(ruleId);
    let worst: Severity = findings[0]?.severity ?? 'info';
    let open = 0;
    let riskPoints = 0;
    const identities = new Set<string>();
    const agents = new Set<string>();
    for (const f of findings) {
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst]) worst = f.severity;
      identities.add(f.identityId);
      if (isAgent(ctx.verdict(f.identityId))) agents.add(f.identityId);
      if (ctx.counted(f)) {
        open += 1;
        riskPoints += f.scoreContribution;
      }
    }
    // The executive report prints no rows: no need to order thousands of findings.
    const sorted =
      ctx.limits.rowsPerRule === 0
        ? []
        : [...findings].sort(
            (a, b) =>
              Number(!ctx.counted(a)) - Number(!ctx.counted(b)) ||
              AGENT_RANK[ctx.verdict(a.identityId)] - AGENT_RANK[ctx.verdict(b.identityId)] ||
              SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
              ctx.compareIdentities(a.identityId, b.identityId) ||
              compareText(a.key, b.key),
          );
    const shown = sorted.slice(0, ctx.limits.rowsPerRule);
    const rows: AffectedRow[] = shown.map((f) => ({
      identity: ctx.ref(f.identityId),
      findingKey: f.key,
      message: clip(f.message, 220),
      evidence: f.evidence.slice(0, ctx.limits.evidencePerFinding).map((e) => clip(e.summary, 140)),
      status: ctx.status(f),
      severity: f.severity,
    }));
    const first = findings[0];
    sections.push({
      ruleId,
      title: rule?.title ?? first?.title ?? ruleId,
      severity: worst,
      area: rule?.area ?? '',
      rationale: rule?.rationale ?? '',
      remediation: rule?.remediation ?? first?.remediation ?? '',
      references: rule ? [...rule.references] : [],
      frameworks: (rule?.frameworks ?? first?.frameworks ?? []).map((r) => ({
        framework: r.framework,
        control: r.control,
        title: controlTitle(r),
      })),
      open,
      suppressed: findings.length - open,
      identities: identities.size,
      agents: agents.size,
      riskPoints: Math.round(riskPoints * 100) / 100,
      rows,
      omittedRows: findings.length - shown.length,
    });
  }
  // Worst rules first; among equals, the one with more open findings on agents matters more.
  return sections.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Number(b.open > 0) - Number(a.open > 0) ||
      b.agents - a.agents ||
      b.open - a.open ||
      compareText(a.ruleId, b.ruleId),
  );
}
