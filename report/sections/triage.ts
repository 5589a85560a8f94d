/** The triage and suppressions appendix: every decision a consultant made, none hidden. */
import type { Suppression } from '../../model/assess';
import { clip, compareText, day, dayTime } from '../format';
import type { SuppressionRowView, TriageRowView } from '../types';
import type { ReportContext } from './context';

function scopeText(s: Suppression): string {
  const parts: string[] = [];
  if (s.scope.ruleId) parts.push(`rule ${s.scope.ruleId}`);
  if (s.scope.identityId) parts.push(`identity ${s.scope.identityId}`);
  if (s.scope.tag)
    parts.push(
      `tag ${s.scope.tag.key}${s.scope.tag.value !== undefined ? `=${s.scope.tag.value}` : ' (any value)'}`,
    );
  return parts.join(' and ');
}

export function buildTriage(ctx: ReportContext): {
  decisions: TriageRowView[];
  suppressions: SuppressionRowView[];
} {
  const findingByKey = new Map(ctx.input.assessment.findings.map((f) => [f.key, f]));
  const decisions: TriageRowView[] = [...ctx.input.triage]
    .sort((a, b) => compareText(a.findingKey, b.findingKey))
    .map((t) => {
      const f = findingByKey.get(t.findingKey);
      // Keys are `${ruleId}|${identityId}|${discriminator}`: readable even when the finding is gone.
      const [ruleId = '', identityId = ''] = t.findingKey.split('|');
      return {
        findingKey: t.findingKey,
        ruleId: f?.ruleId ?? ruleId,
        identityName: f ? ctx.ref(f.identityId).name : identityId,
        status: t.status,
        note: clip(t.note, 400),
        author: t.author,
        updatedAt: dayTime(t.updatedAt),
        inScan: f !== undefined,
      };
    });

  const applied = new Set(ctx.input.assessment.suppressions.applied);
  const expired = new Set(ctx.input.assessment.suppressions.expired.map((s) => s.id));
  const matched = new Map<string, number>();
  for (const f of ctx.input.assessment.findings)
    if (f.suppressedBy !== undefined) matched.set(f.suppressedBy, (matched.get(f.suppressedBy) ?? 0) + 1);
  const suppressions: SuppressionRowView[] = [...ctx.input.suppressions]
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => ({
      id: s.id,
      scope: scopeText(s),
      reason: s.reason,
      author: s.author,
      createdAt: day(s.createdAt),
      expiresAt: day(s.expiresAt),
      state: expired.has(s.id) ? 'expired' : applied.has(s.id) ? 'applied' : 'unused',
      findings: matched.get(s.id) ?? 0,
    }));
  return { decisions, suppressions };
}
