/**
 * API shapes of the findings, dashboard, scan diff and settings screens.
 */
import { z } from 'zod';
import { agentVerdictSchema, scoreWeightsSchema, thresholdsSchema } from './assess';
import { severitySchema, triageStatusSchema } from './findings';
import { identityKindSchema, isoDateSchema, providerSchema } from './inventory';
import { identitySeveritySchema, triagedFindingSchema } from './api-inventory';
import { MAX_PAGE_SIZE, MAX_SEARCH_LENGTH, MAX_TRIAGE_KEYS } from './api-limits';

export { DIFF_LIST_LIMIT, MAX_TRIAGE_KEYS } from './api-limits';

/** Triage filter: a status, with `open` also matching findings never triaged. */
const statusList = z.array(triageStatusSchema).max(4).optional();

export const findingFilterSchema = z.strictObject({
  scanId: z.number().int().positive().optional(),
  severity: z.array(severitySchema).max(5).optional(),
  status: statusList,
  /** Only findings on identities classified as agents (yes or likely). */
  agentsOnly: z.boolean().optional(),
  /** Include suppressed findings (listed with `suppressedBy`). */
  includeSuppressed: z.boolean().optional(),
  /** Substring of the title, message, identity name or rule id. */
  search: z.string().max(MAX_SEARCH_LENGTH).optional(),
});
export type FindingFilter = z.infer<typeof findingFilterSchema>;

export const findingGroupSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: severitySchema,
  count: z.number().int().nonnegative(),
  /** Of `count`, those still open (never triaged or triaged open). */
  open: z.number().int().nonnegative(),
  identities: z.number().int().nonnegative(),
});
export type FindingGroup = z.infer<typeof findingGroupSchema>;

export const findingGroupsSchema = z.object({
  scanId: z.number().int().positive().optional(),
  /** False when this build or scan has no assessment. */
  assessed: z.boolean(),
  total: z.number().int().nonnegative(),
  groups: z.array(findingGroupSchema),
});
export type FindingGroups = z.infer<typeof findingGroupsSchema>;

export const listFindingsArgsSchema = findingFilterSchema.extend({
  ruleId: z.string().min(1).max(100).optional(),
  identityId: z.string().min(1).max(2048).optional(),
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});
export type ListFindingsArgs = z.infer<typeof listFindingsArgsSchema>;

export const findingPageSchema = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(triagedFindingSchema),
});
export type FindingPage = z.infer<typeof findingPageSchema>;

export const setTriageArgsSchema = z.strictObject({
  keys: z.array(z.string().min(1).max(4096)).min(1).max(MAX_TRIAGE_KEYS),
  status: triageStatusSchema,
  /** Replaces the note; absent keeps each finding's note as it is. */
  note: z.string().max(4000).optional(),
});
export type SetTriageArgs = z.infer<typeof setTriageArgsSchema>;

export const triageResultSchema = z.object({ updated: z.number().int().nonnegative() });

export const kpiSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Null when it cannot be computed (no agents, no assessment). */
  value: z.number().nullable(),
  unit: z.enum(['percent', 'days', 'count', 'score']),
  /** One sentence: what it measures. */
  definition: z.string(),
  formula: z.string().optional(),
  /** The article's KPIs measured on configuration, not on attacks: labelled as posture measures. */
  postureMeasure: z.boolean(),
  /** Higher is better (containment) or worse (attack success). */
  better: z.enum(['higher', 'lower']),
  previous: z.number().nullable().optional(),
});
export type Kpi = z.infer<typeof kpiSchema>;

const countRow = z.object({ label: z.string(), count: z.number().int().nonnegative() });

export const topRiskSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerSchema,
  kind: identityKindSchema,
  agent: z.union([agentVerdictSchema, z.literal('unknown')]),
  severity: identitySeveritySchema,
  findingCount: z.number().int().nonnegative(),
  score: z.number().nonnegative().optional(),
});

export const scanChangeSchema = z.object({
  previousScanId: z.number().int().positive(),
  identitiesAdded: z.number().int().nonnegative(),
  identitiesRemoved: z.number().int().nonnegative(),
  findingsNew: z.number().int().nonnegative().optional(),
  findingsResolved: z.number().int().nonnegative().optional(),
});

export const dashboardSchema = z.object({
  scanId: z.number().int().positive(),
  scanLabel: z.string(),
  scanFinishedAt: isoDateSchema,
  scanStatus: z.enum(['complete', 'partial']),
  assessed: z.boolean(),
  kpis: z.array(kpiSchema),
  /** Unsuppressed findings by severity, in severity order. */
  findingsBySeverity: z.array(z.object({ severity: severitySchema, count: z.number().int().nonnegative() })),
  identitiesByKind: z.array(countRow.extend({ provider: providerSchema })),
  agents: z.object({ yes: z.number().int(), likely: z.number().int(), no: z.number().int() }).optional(),
  /** Active credentials by age: `< 30 days`, `30-90 days`, ... */
  credentialAge: z.array(countRow),
  topRules: z.array(
    z.object({ ruleId: z.string(), title: z.string(), severity: severitySchema, count: z.number().int() }),
  ),
  topRisks: z.array(topRiskSchema),
  /** True when `topRisks` lists agents only (yes or likely). */
  topRisksAgentsOnly: z.boolean(),
  change: scanChangeSchema.optional(),
  /** Coverage rows that are not complete. */
  gaps: z.array(z.object({ area: z.string(), status: z.string(), message: z.string().optional() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const scanArgsSchema = z.strictObject({ scanId: z.number().int().positive().optional() });

export const diffArgsSchema = z.strictObject({
  /** Defaults to the scan before `toScanId`. */
  fromScanId: z.number().int().positive().optional(),
  /** Defaults to the latest scan. */
  toScanId: z.number().int().positive().optional(),
});
export type DiffArgs = z.infer<typeof diffArgsSchema>;

const diffIdentity = z.object({
  id: z.string(),
  name: z.string(),
  provider: providerSchema,
  kind: identityKindSchema,
});

const diffFinding = z.object({
  key: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: severitySchema,
  identityId: z.string(),
  identityName: z.string(),
  message: z.string(),
});

export const scanDiffSchema = z.object({
  fromScanId: z.number().int().positive(),
  toScanId: z.number().int().positive(),
  counts: z.object({
    identitiesAdded: z.number().int().nonnegative(),
    identitiesRemoved: z.number().int().nonnegative(),
    privilegeChanged: z.number().int().nonnegative(),
    credentialsAdded: z.number().int().nonnegative(),
    credentialsRemoved: z.number().int().nonnegative(),
    findingsNew: z.number().int().nonnegative().optional(),
    findingsResolved: z.number().int().nonnegative().optional(),
  }),
  identitiesAdded: z.array(diffIdentity),
  identitiesRemoved: z.array(diffIdentity),
  /** Identities whose grants changed: grants added and removed. */
  privilegeChanged: z.array(diffIdentity.extend({ added: z.number().int(), removed: z.number().int() })),
  findingsNew: z.array(diffFinding).optional(),
  findingsResolved: z.array(diffFinding).optional(),
  kpis: z.array(kpiSchema),
});
export type ScanDiff = z.infer<typeof scanDiffSchema>;

export const brandingSchema = z.object({
  /** Printed on the report's cover and running header. */
  consultancy: z.string().max(200).optional(),
  /** The client's name as the report shows it (default: the engagement's client name). */
  clientName: z.string().max(200).optional(),
  /** Logo on the cover: a `data:image/png|jpeg|svg+xml;base64,...` URL of at most 300 kB. */
  logo: z
    .string()
    .max(400_000)
    .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/)
    .optional(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const suppressionScopeKindSchema = z.enum(['identity', 'rule', 'tag']);

export const suppressionViewSchema = z.object({
  id: z.string(),
  scope: suppressionScopeKindSchema,
  /** Identity id, rule id, or `key` / `key=value` for a tag. */
  value: z.string(),
  reason: z.string(),
  author: z.string(),
  createdAt: isoDateSchema.optional(),
  expiresAt: isoDateSchema.optional(),
  expired: z.boolean(),
});
export type SuppressionView = z.infer<typeof suppressionViewSchema>;

export const settingsViewSchema = z.object({
  thresholds: thresholdsSchema,
  weights: scoreWeightsSchema,
  branding: brandingSchema,
  suppressions: z.array(suppressionViewSchema),
  /** False when suppressions cannot be stored by this build. */
  suppressionsAvailable: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** Args carry the fields as they are; no defaults are filled in on the way in. */
export const saveSettingsArgsSchema = z.strictObject({
  thresholds: z
    .strictObject({
      keyMaxAgeDays: z.number().int().min(0).max(3650),
      keyUnusedDays: z.number().int().min(0).max(3650),
      neverUsedGraceDays: z.number().int().min(0).max(3650),
      secretMaxLifetimeDays: z.number().int().min(0).max(36500),
      expiringWithinDays: z.number().int().min(0).max(3650),
      dormantDays: z.number().int().min(0).max(3650),
      bedrockKeyMaxLifetimeDays: z.number().int().min(0).max(3650),
    })
    .partial()
    .optional(),
  weights: z
    .strictObject({
      critical: z.number().min(0).max(1000),
      high: z.number().min(0).max(1000),
      medium: z.number().min(0).max(1000),
      low: z.number().min(0).max(1000),
      info: z.number().min(0).max(1000),
      agentMultiplier: z.number().min(0).max(10),
      likelyAgentMultiplier: z.number().min(0).max(10),
    })
    .partial()
    .optional(),
  branding: z
    .strictObject({
      consultancy: z.string().max(200),
      clientName: z.string().max(200),
      /** An empty string removes the logo. */
      logo: z.union([z.literal(''), brandingSchema.shape.logo.unwrap()]),
    })
    .partial()
    .optional(),
});
export type SaveSettingsArgs = z.infer<typeof saveSettingsArgsSchema>;

export const addSuppressionArgsSchema = z.strictObject({
  scope: suppressionScopeKindSchema,
  /** Identity id, rule id, or `key` / `key=value` for a tag. */
  value: z.string().trim().min(1).max(2048),
  reason: z.string().trim().min(1).max(2000),
  expiresAt: isoDateSchema.optional(),
});
export type AddSuppressionArgs = z.infer<typeof addSuppressionArgsSchema>;

export const removeSuppressionArgsSchema = z.strictObject({ id: z.string().min(1).max(200) });
