/**
 * One complete assessment of an inventory: findings and classifications (assessInventory), the
 * per-identity scores and the KPIs. The AWS privilege analysis, the costly part, runs once and is
 * shared by the rules and the KPIs. Pure: same inventory, time, settings and suppressions, same result.
 */
import type { AssessResult } from '../../model/assess';
import { UsageError } from '../../model/errors';
import type { Inventory } from '../../model/inventory';
import {
  engagementAssessSettingsSchema,
  type EngagementAssessSettings,
  type IdentityScore,
  type KpiReport,
} from '../../model/posture';
import { assessInventory, type AssessOptions } from '../index';
import { awsPrivilegeView } from '../aws-adapter';
import { analyzeEntraPrivilege } from '../entra/paths';
import { indexInventory } from '../inventory-index';
import { computeKpis, privilegeStatus, type KpiContext } from '../kpi';
import { scoreIdentities, type Reach } from './identity-score';

export interface FullAssessOptions extends Omit<AssessOptions, 'settings'> {
  /** Engagement settings (model/posture.ts): assessment settings plus factor weights; partial is fine. */
  settings?: unknown;
}

export interface FullAssessment {
  result: AssessResult;
  settings: EngagementAssessSettings;
  scores: IdentityScore[];
  kpis: KpiReport;
  /** Milliseconds per phase, for the benchmark. */
  timings: { awsPrivilege: number; rules: number; scores: number; kpis: number };
}

export function parseEngagementSettings(input: unknown): EngagementAssessSettings {
  const parsed = engagementAssessSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `invalid assessment settings at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

export function assessWithScores(inventory: Inventory, options: FullAssessOptions): FullAssessment {
  const settings = parseEngagementSettings(options.settings);
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const aws = options.awsPrivilege ?? awsPrivilegeView(inventory);
  const awsMs = lap();
  const index = indexInventory(inventory);
  const entra = analyzeEntraPrivilege(index);
  const result = assessInventory(inventory, {
    ...options,
    settings,
    awsPrivilege: aws,
    index,
    entraPrivilege: entra,
  });
  const rulesMs = lap();

  const ctx: KpiContext = {
    index,
    classifications: result.classifications,
    aws,
    entra,
    nowMs: Date.parse(result.assessedAt),
    settings: result.settings,
    clientAccounts: new Set([...index.ownAccounts, ...settings.trustedAccounts]),
  };
  const reach: ReadonlyMap<string, Reach> = privilegeStatus(ctx);
  const scores = scoreIdentities(result, settings.factorWeights, reach, index.identityById);
  const scoresMs = lap();
  const kpis = computeKpis(ctx);
  const kpisMs = lap();
  return {
    result,
    settings,
    scores,
    kpis,
    timings: { awsPrivilege: awsMs, rules: rulesMs, scores: scoresMs, kpis: kpisMs },
  };
}
