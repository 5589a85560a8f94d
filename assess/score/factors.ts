/**
 * Which score factor each rule's findings count towards. Most rules follow their area; the
 * exceptions are listed by rule id with the reason. A rule added later without an entry here falls
 * back to its area, so it is never left out of the score.
 */
import type { ScoreFactor } from '../../model/posture';
import { ruleById } from '../rules';
import type { RuleArea } from '../rules/types';

export const FACTOR_BY_AREA: Readonly<Record<RuleArea, ScoreFactor>> = {
  'aws-privilege': 'privilege',
  'entra-privilege': 'privilege',
  agents: 'privilege',
  'aws-credentials': 'credentials',
  'entra-credentials': 'credentials',
  // Who can become the identity from outside: trust policies.
  'aws-trust': 'exposure',
  lifecycle: 'ownership',
};

export const FACTOR_BY_RULE: Readonly<Record<string, ScoreFactor>> = {
  // Use, not hygiene: an unused or never-used key says the identity (or key) is not needed.
  'AA-AWS-KEY-002': 'activity',
  'AA-AWS-KEY-003': 'activity',
  'AA-LIFE-DORMANT-001': 'activity',
  // Who can act as the identity: a wildcard federated subject, people assuming an agent, a vendor.
  'AA-ENT-FIC-001': 'exposure',
  'AA-AGT-HUMAN-001': 'exposure',
  'AA-ENT-3P-001': 'exposure',
  // Accountability: several agents behind one identity cannot be told apart or owned separately.
  'AA-AGT-SHARED-001': 'ownership',
  'AA-AGT-SHARED-002': 'ownership',
};

/** The factor of a rule id; unknown rules (e.g. removed since the findings were stored) count as privilege. */
export function factorOf(ruleId: string): ScoreFactor {
  const explicit = FACTOR_BY_RULE[ruleId];
  if (explicit) return explicit;
  const rule = ruleById(ruleId);
  return rule ? FACTOR_BY_AREA[rule.area] : 'privilege';
}
