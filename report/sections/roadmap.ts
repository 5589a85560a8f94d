/**
 * The remediation roadmap: one item per rule with open findings, in three phases by effort (quick
 * wins first) and, within a phase, by risk removed per unit of effort. Risk removed is the sum of
 * the risk points of the rule's open findings; effort is the rule's effort class (report/effort.ts)
 * per identity to fix.
 */
import type { Finding, Severity } from '../../model/findings';
import { ruleById } from '../../assess/rules';
import { EFFORT_UNITS, effortOf, planOf } from '../effort';
import { SEVERITY_RANK, compareText, isAgent } from '../format';
import type { Effort, RoadmapItem } from '../types';
import type { ReportContext } from './context';

const PHASE: Record<Effort, RoadmapItem['phase']> = {
  low: 'Quick wins',
  medium: 'Short term',
  high: 'Structural',
};
const PHASE_ORDER: Record<Effort, number> = { low: 0, medium: 1, high: 2 };

/**
 * The first sentence of a remediation without its commands: "Move the workload to an IAM role
 * (...) and delete the key." The full text with the commands is in the findings section.
 */
export function shortAction(remediation: string): string {
  let text = remediation.replace(/\s*\([^()]*`[^`]*`[^()]*\)/g, '');
  text = text.split(/:\s*`/)[0] ?? text;
  text = text.split(/`/)[0] ?? text;
  const sentence = /^(.*?[.!?])(\s|$)/.exec(text);
  const out = (sentence?.[1] ?? text).trim().replace(/[,;:\s]+$/, '');
  return /[.!?]$/.test(out) ? out : `${out}.`;
}

export function buildRoadmap(ctx: ReportContext): RoadmapItem[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of ctx.input.assessment.findings) {
    if (!ctx.counted(f)) continue;
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const items: Omit<RoadmapItem, 'rank'>[] = [];
  for (const [ruleId, findings] of byRule) {
    const rule = ruleById(ruleId);
    const effort = effortOf(ruleId);
    const identities = new Set(findings.map((f) => f.identityId));
    let agents = 0;
    for (const id of identities) if (isAgent(ctx.verdict(id))) agents += 1;
    let risk = 0;
    let worst: Severity = 'info';
    for (const f of findings) {
      risk += f.scoreContribution;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst]) worst = f.severity;
    }
    const effortUnits = EFFORT_UNITS[effort] * identities.size;
    items.push({
      phase: PHASE[effort],
      ruleId,
      title: rule?.title ?? findings[0]?.title ?? ruleId,
      severity: worst,
      effort,
      effortUnits,
      riskReduced: Math.round(risk * 100) / 100,
      ratio: effortUnits === 0 ? 0 : Math.round((risk / effortUnits) * 100) / 100,
      identities: identities.size,
      agents,
      action: planOf(ruleId)?.action ?? shortAction(rule?.remediation ?? findings[0]?.remediation ?? ''),
    });
  }
  items.sort(
    (a, b) =>
      PHASE_ORDER[a.effort] - PHASE_ORDER[b.effort] ||
      b.ratio - a.ratio ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.riskReduced - a.riskReduced ||
      compareText(a.ruleId, b.ruleId),
  );
  return items.map((item, index) => ({ rank: index + 1, ...item }));
}
