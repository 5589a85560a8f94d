/**
 * Suppressions: a consultant's decision that a finding is accepted or not applicable, scoped to a
 * rule, an identity, an identity tag or a combination. Suppressed findings are kept and marked with
 * `suppressedBy` (never dropped); suppressions past their expiry are ignored and reported back.
 */
import type { Suppression } from '../model/assess';
import type { Finding } from '../model/findings';
import type { Identity } from '../model/inventory';
import { toMs } from './util/time';

export interface SuppressionOutcome {
  findings: Finding[];
  /** Ids of suppressions that matched at least one finding, sorted. */
  applied: string[];
  /** Suppressions ignored because they expired before `now`, sorted by id. */
  expired: Suppression[];
}

export function isExpired(s: Suppression, nowMs: number): boolean {
  const expires = toMs(s.expiresAt);
  return expires !== undefined && expires <= nowMs;
}

export function suppressionMatches(
  s: Suppression,
  finding: Finding,
  identity: Identity | undefined,
): boolean {
  const { ruleId, identityId, tag } = s.scope;
  if (ruleId !== undefined && ruleId !== finding.ruleId) return false;
  if (identityId !== undefined && identityId !== finding.identityId) return false;
  if (tag !== undefined) {
    const value = identity?.tags[tag.key];
    if (value === undefined) return false;
    if (tag.value !== undefined && tag.value !== value) return false;
  }
  return true;
}

export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  identityById: ReadonlyMap<string, Identity>,
  nowMs: number,
): SuppressionOutcome {
  const byId = (a: Suppression, b: Suppression) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = [...suppressions].sort(byId);
  const active = sorted.filter((s) => !isExpired(s, nowMs));
  const expired = sorted.filter((s) => isExpired(s, nowMs));
  const applied = new Set<string>();
  const out = findings.map((f) => {
    // The first matching suppression (by id) is the one recorded; order is stable across runs.
    const match = active.find((s) => suppressionMatches(s, f, identityById.get(f.identityId)));
    if (!match) return f;
    applied.add(match.id);
    return { ...f, suppressedBy: match.id, scoreContribution: 0 };
  });
  return { findings: out, applied: [...applied].sort(), expired };
}
