/**
 * The per-identity risk score: a weighted sum of five factors, each the sum of its findings'
 * points, capped at 100 (docs/scoring.md):
 *
 *   points(f)       = sum of scoreContribution of the identity's findings whose rule counts towards f
 *                     (scoreContribution = severity points x agent multiplier, 0 when suppressed)
 *   contribution(f) = points(f) x factorWeight(f)
 *   uncapped        = sum of contribution(f) over the five factors
 *   score           = min(100, round(uncapped))
 *
 * Every number is kept, so a report can show exactly which finding added what.
 */
import type { AgentVerdict, AssessResult } from '../../model/assess';
import type { Finding } from '../../model/findings';
import type { Identity } from '../../model/inventory';
import {
  SCORE_FACTORS,
  type FactorScore,
  type FactorWeights,
  type IdentityScore,
  type ScoreFactor,
} from '../../model/posture';
import { factorOf } from './factors';

export const SCORE_CAP = 100;

export interface Reach {
  admin: boolean;
  escalation: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const FACTOR_INDEX = Object.fromEntries(SCORE_FACTORS.map((f, i) => [f, i])) as Record<ScoreFactor, number>;

/** Factor per rule id, looked up once per rule rather than once per finding. */
const factorCache = new Map<string, ScoreFactor>();
function cachedFactor(ruleId: string): ScoreFactor {
  let f = factorCache.get(ruleId);
  if (!f) {
    f = factorOf(ruleId);
    factorCache.set(ruleId, f);
  }
  return f;
}

export function scoreIdentity(
  identityId: string,
  agent: AgentVerdict,
  findings: readonly Finding[],
  weights: FactorWeights,
  reach: Reach = { admin: false, escalation: false },
  identity?: Identity,
): IdentityScore {
  const factors: FactorScore[] = SCORE_FACTORS.map((factor) => ({
    factor,
    points: 0,
    weight: weights[factor],
    contribution: 0,
    findings: [],
  }));
  let suppressedFindings = 0;
  for (const f of findings) {
    if (f.suppressedBy !== undefined) {
      suppressedFindings++;
      continue;
    }
    const factor = factors[FACTOR_INDEX[cachedFactor(f.ruleId)]];
    if (!factor) continue;
    factor.points += f.scoreContribution;
    factor.findings.push({ key: f.key, ruleId: f.ruleId, severity: f.severity, points: f.scoreContribution });
  }
  let uncapped = 0;
  for (const factor of factors) {
    factor.points = round2(factor.points);
    factor.contribution = round2(factor.points * factor.weight);
    uncapped += factor.contribution;
  }
  uncapped = round2(uncapped);
  return {
    identityId,
    ...(identity
      ? {
          identity: {
            provider: identity.provider,
            kind: identity.kind,
            nativeId: identity.nativeId,
            name: identity.displayName ?? identity.name,
          },
        }
      : {}),
    agent,
    score: Math.min(SCORE_CAP, Math.round(uncapped)),
    uncapped,
    capped: uncapped > SCORE_CAP,
    factors,
    suppressedFindings,
    reach: { admin: reach.admin, escalation: reach.escalation },
  };
}

/**
 * Scores every identity that has a finding, is classified as an agent (yes or likely) or reaches
 * admin or an escalation; identities with none of these score 0 and are left out. Highest first,
 * ties by identity id.
 */
export function scoreIdentities(
  result: Pick<AssessResult, 'findings' | 'classifications'>,
  weights: FactorWeights,
  reach: ReadonlyMap<string, Reach> = new Map(),
  identityById: ReadonlyMap<string, Identity> = new Map(),
): IdentityScore[] {
  const findingsOf = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = findingsOf.get(f.identityId);
    if (list) list.push(f);
    else findingsOf.set(f.identityId, [f]);
  }
  const scores: IdentityScore[] = [];
  const add = (id: string) => {
    const agent = result.classifications[id]?.agent ?? 'no';
    scores.push(
      scoreIdentity(id, agent, findingsOf.get(id) ?? [], weights, reach.get(id), identityById.get(id)),
    );
  };
  for (const id of findingsOf.keys()) add(id);
  for (const [id, r] of reach) if ((r.admin || r.escalation) && !findingsOf.has(id)) add(id);
  for (const c of Object.values(result.classifications)) {
    if (c.agent !== 'no' && !findingsOf.has(c.identityId) && !reach.has(c.identityId)) add(c.identityId);
  }
  return scores.sort((a, b) => b.uncapped - a.uncapped || (a.identityId < b.identityId ? -1 : 1));
}
