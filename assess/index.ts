/**
 * Entry point of assess/: stored inventory in, findings and agent classifications out. Pure and
 * deterministic: the same inventory, `now`, settings and suppressions give the same result, byte for
 * byte (findings sorted by key, classifications by identity id).
 */
import {
  assessSettingsSchema,
  suppressionSchema,
  type AssessResult,
  type AssessSettings,
  type Classification,
  type Suppression,
} from '../model/assess';
import type { Inventory } from '../model/inventory';
import { UsageError } from '../model/errors';
import { loadAwsCatalog, type AnalyzeAwsOptions } from './aws';
import { loadedAwsCatalog } from './aws/catalog';
import { awsPrivilegeView } from './aws-adapter';
import type { AwsPrivilegeView } from './aws-view';
import { classifyAll } from './classify';
import { analyzeEntraPrivilege, type EntraPrivilegeAnalysis } from './entra/paths';
import { runRules } from './engine';
import { indexInventory, type InventoryIndex } from './inventory-index';
import { RULES } from './rules';
import type { AssessContext, Rule } from './rules/types';
import { applySuppressions } from './suppress';

export interface AssessOptions {
  /** The instant to assess against (ages, expiry, dormancy). Never the wall clock. */
  now: Date | string;
  /** Partial settings; defaults fill the rest. */
  settings?: unknown;
  suppressions?: readonly Suppression[];
  /** Precomputed AWS privilege view; computed from the inventory when absent. */
  awsPrivilege?: AwsPrivilegeView;
  /** Options for the AWS engine (loaded catalogue, SCPs); the catalogue must be loaded either way. */
  aws?: AnalyzeAwsOptions;
  /**
   * Precomputed inventory index and Entra privilege analysis of this same inventory; computed when
   * absent. The full assessment (assess/score) computes them once and shares them with the KPIs.
   */
  index?: InventoryIndex;
  entraPrivilege?: EntraPrivilegeAnalysis;
  /** Rules to run (all registered rules by default); tests use this to run one rule. */
  rules?: readonly Rule[];
}

function nowMsOf(now: Date | string): number {
  const ms = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (Number.isNaN(ms)) throw new UsageError(`assessment time is not a valid date: ${String(now)}`);
  return ms;
}

export function parseSettings(input: unknown): AssessSettings {
  const parsed = assessSettingsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `invalid assessment settings at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function awsView(inventory: Inventory, aws: AnalyzeAwsOptions | undefined): AwsPrivilegeView {
  const hasAws = inventory.identities.some((i) => i.provider === 'aws');
  if (hasAws && !aws?.catalog && !loadedAwsCatalog()) {
    throw new UsageError(
      'the AWS action catalogue is not loaded: await loadAwsCatalog() before assessInventory',
    );
  }
  return awsPrivilegeView(inventory, aws);
}

export function assessInventory(inventory: Inventory, options: AssessOptions): AssessResult {
  const nowMs = nowMsOf(options.now);
  const settings = parseSettings(options.settings);
  const suppressions = (options.suppressions ?? []).map((s) => suppressionSchema.parse(s));

  const index = options.index ?? indexInventory(inventory);
  const classifications = classifyAll(index);
  const clientAccounts = new Set<string>([...index.ownAccounts, ...settings.trustedAccounts]);
  const ctx: AssessContext = {
    nowMs,
    settings,
    index,
    classifications,
    clientAccounts,
    entra: options.entraPrivilege ?? analyzeEntraPrivilege(index),
    aws: options.awsPrivilege ?? awsView(inventory, options.aws),
  };

  const { findings, errors } = runRules(ctx, options.rules ?? RULES);
  const outcome = applySuppressions(findings, suppressions, index.identityById, nowMs);

  const sortedIds = [...classifications.keys()].sort();
  const record: Record<string, Classification> = {};
  for (const id of sortedIds) {
    const c = classifications.get(id);
    if (c) record[id] = c;
  }
  return {
    findings: outcome.findings,
    classifications: record,
    suppressions: { applied: outcome.applied, expired: outcome.expired },
    ruleErrors: errors,
    settings,
    assessedAt: new Date(nowMs).toISOString(),
  };
}

/** Loads what the assessment needs from disk (the AWS action catalogue), then assesses. */
export async function assessInventoryAsync(
  inventory: Inventory,
  options: AssessOptions,
): Promise<AssessResult> {
  if (!options.awsPrivilege && !options.aws?.catalog) await loadAwsCatalog();
  return assessInventory(inventory, options);
}

export { loadAwsCatalog } from './aws';
export { RULES, ruleById } from './rules';
export type { Rule, RuleHit, AssessContext, RuleArea } from './rules/types';
export { FRAMEWORKS, controlTitle } from './frameworks';
export { classifyIdentity } from './classify';
export { applySuppressions } from './suppress';
export { findingKey } from './engine';
