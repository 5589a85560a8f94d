/**
 * Assessment inputs and outputs besides findings: settings tunable per engagement, suppressions,
 * agent classification, and the result of one assessment run. Scores and KPIs (next issue) hang off
 * `AssessResult` and read `settings.weights`.
 */
import { z } from 'zod';
import { isoDateSchema } from './inventory';
import type { Finding } from './findings';

/** Whole days; 0 turns a threshold-based check into "always" and is allowed on purpose. */
const days = (value: number) => z.number().int().nonnegative().default(value);

export const thresholdsSchema = z.object({
  /** CIS AWS v5 1.13 / v7 2.12: access keys rotated every 90 days. */
  keyMaxAgeDays: days(90),
  /** CIS AWS v5 1.11 / v7 2.11: credentials unused for 45 days are disabled. */
  keyUnusedDays: days(45),
  /** A key created this long ago and never used is reported as never used. */
  neverUsedGraceDays: days(7),
  /** Longest acceptable lifetime of an Entra client secret or certificate. */
  secretMaxLifetimeDays: days(180),
  /** Credentials expiring within this window are reported so rotation can be planned. */
  expiringWithinDays: days(30),
  /** No sign-in, role use or credential use for this long = dormant. */
  dormantDays: days(90),
  /** Longest acceptable lifetime of a long-term Bedrock API key. */
  bedrockKeyMaxLifetimeDays: days(30),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Points per finding by severity; agents weigh more because they act without a person in the loop. */
export const scoreWeightsSchema = z.object({
  critical: z.number().nonnegative().default(40),
  high: z.number().nonnegative().default(20),
  medium: z.number().nonnegative().default(8),
  low: z.number().nonnegative().default(3),
  info: z.number().nonnegative().default(0),
  /** Multiplier for findings on identities classified as agent `yes`. */
  agentMultiplier: z.number().nonnegative().default(1.5),
  /** Multiplier for findings on identities classified as agent `likely`. */
  likelyAgentMultiplier: z.number().nonnegative().default(1.25),
});
export type ScoreWeights = z.infer<typeof scoreWeightsSchema>;

export const assessSettingsSchema = z.object({
  thresholds: thresholdsSchema.prefault({}),
  weights: scoreWeightsSchema.prefault({}),
  /**
   * AWS accounts that belong to the client although they are not in the inventory (e.g. a payer or
   * CI account). Cross-account trust to them is not reported. Accounts present in the inventory are
   * always the client's.
   */
  trustedAccounts: z.array(z.string().regex(/^\d{12}$/)).default([]),
  /** Rule ids switched off for this engagement. */
  disabledRules: z.array(z.string()).default([]),
});
export type AssessSettings = z.infer<typeof assessSettingsSchema>;

/** Settings with every default filled in. */
export function defaultAssessSettings(): AssessSettings {
  return assessSettingsSchema.parse({});
}

export const suppressionScopeSchema = z
  .object({
    ruleId: z.string().min(1).optional(),
    identityId: z.string().min(1).optional(),
    /** Identity tag; without `value` any value of the key matches. */
    tag: z.object({ key: z.string().min(1), value: z.string().optional() }).optional(),
  })
  .refine((s) => s.ruleId !== undefined || s.identityId !== undefined || s.tag !== undefined, {
    message: 'a suppression needs at least one of ruleId, identityId or tag',
  });

export const suppressionSchema = z.object({
  id: z.string().min(1),
  /** Every given field must match (AND). */
  scope: suppressionScopeSchema,
  reason: z.string().min(1),
  author: z.string().min(1),
  createdAt: isoDateSchema.optional(),
  /** After this instant the suppression is ignored and listed as expired. */
  expiresAt: isoDateSchema.optional(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

export const agentVerdictSchema = z.enum(['yes', 'likely', 'no']);
export type AgentVerdict = z.infer<typeof agentVerdictSchema>;

export const signalStrengthSchema = z.enum(['strong', 'medium', 'weak', 'exclusion']);
export type SignalStrength = z.infer<typeof signalStrengthSchema>;

export const classificationSignalSchema = z.object({
  /** Stable signal id, e.g. `aws-trust-bedrock`, `entra-agent-identity`, `name-pattern`. */
  signal: z.string(),
  strength: signalStrengthSchema,
  summary: z.string(),
  /** Inventory row the signal comes from (trust, grant, credential, workload id). */
  ref: z.string().optional(),
});
export type ClassificationSignal = z.infer<typeof classificationSignalSchema>;

export const classificationSchema = z.object({
  identityId: z.string(),
  agent: agentVerdictSchema,
  /** Confidence in the verdict, 0-1. */
  confidence: z.number().min(0).max(1),
  /** The evidence that decided it, strongest first. */
  signals: z.array(classificationSignalSchema),
  /**
   * Set when the identity is run by the provider itself (Microsoft first-party service principal,
   * AWS service-linked role): it is not the client's to fix and rules skip it.
   */
  providerManaged: z.enum(['microsoft', 'aws']).optional(),
});
export type Classification = z.infer<typeof classificationSchema>;

/** A rule that threw on one identity: the rest of the assessment still runs. */
export interface RuleError {
  ruleId: string;
  identityId: string;
  message: string;
}

export interface AssessResult {
  /** Sorted by key; suppressed findings are kept with `suppressedBy` set. */
  findings: Finding[];
  /** One entry per identity, keyed by identity id. */
  classifications: Record<string, Classification>;
  suppressions: {
    /** Suppression ids that matched at least one finding. */
    applied: string[];
    /** Suppressions past their `expiresAt`: ignored, listed so the consultant can renew or drop them. */
    expired: Suppression[];
  };
  ruleErrors: RuleError[];
  settings: AssessSettings;
  /** ISO time the assessment was computed for (the `now` passed in). */
  assessedAt: string;
}
