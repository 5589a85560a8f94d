/**
 * API shapes of the inventory screens: the identity list (filtered, sorted and paged by the backend,
 * so the UI stays fast with 100,000 identities) and one identity in full.
 */
import { z } from 'zod';
import { agentVerdictSchema, classificationSchema } from './assess';
import { findingSchema, severitySchema, triageStatusSchema } from './findings';
import {
  activitySchema,
  credentialKindSchema,
  credentialSchema,
  grantSchema,
  identityKindSchema,
  identitySchema,
  isoDateSchema,
  providerSchema,
  trustSchema,
  workloadSchema,
} from './inventory';

import { MAX_PAGE_SIZE, MAX_SEARCH_LENGTH } from './api-limits';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SEARCH_LENGTH } from './api-limits';

/** Highest severity among an identity's unsuppressed findings; `none` when it has none. */
export const identitySeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'info', 'none']);
export type IdentitySeverity = z.infer<typeof identitySeveritySchema>;

/** Owner facet: identities with at least one owner or sponsor, or none. */
export const ownerFacetSchema = z.enum(['has-owner', 'no-owner']);
export type OwnerFacet = z.infer<typeof ownerFacetSchema>;

/** Credential facet: a credential kind the identity holds, or `none`. */
export const credentialFacetSchema = z.union([credentialKindSchema, z.literal('none')]);
export type CredentialFacet = z.infer<typeof credentialFacetSchema>;

/** Agent facet; `unknown` when the scan has not been assessed. */
export const agentFacetSchema = z.union([agentVerdictSchema, z.literal('unknown')]);
export type AgentFacet = z.infer<typeof agentFacetSchema>;

/** One identity as a list shows it: codes and counts, no attributes or statements. */
export const identityRowSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  kind: identityKindSchema,
  name: z.string(),
  account: z.string(),
  createdAt: isoDateSchema.optional(),
  credentialCount: z.number().int().nonnegative(),
  grantCount: z.number().int().nonnegative(),
  ownerCount: z.number().int().nonnegative(),
  /** First owner's or sponsor's name, for the owner column. */
  owner: z.string().optional(),
  credentialKinds: z.array(credentialKindSchema),
  agent: agentFacetSchema,
  severity: identitySeveritySchema,
  findingCount: z.number().int().nonnegative(),
  /** Risk score 0-100; absent when the scan has not been assessed. */
  score: z.number().nonnegative().optional(),
  /** Most recent use of the identity or any of its credentials. */
  lastUsedAt: isoDateSchema.optional(),
});
export type IdentityRow = z.infer<typeof identityRowSchema>;

export const identitySortColumnSchema = z.enum([
  'name',
  'provider',
  'kind',
  'account',
  'createdAt',
  'credentialCount',
  'grantCount',
  'ownerCount',
  'owner',
  'agent',
  'severity',
  'findingCount',
  'score',
  'lastUsedAt',
]);
export type IdentitySortColumn = z.infer<typeof identitySortColumnSchema>;

const facetList = <T extends z.ZodType>(schema: T) => z.array(schema).max(20).optional();

export const listIdentitiesArgsSchema = z.strictObject({
  /** Defaults to the latest scan. */
  scanId: z.number().int().positive().optional(),
  /** Each facet matches any of its values; facets combine with AND. Absent or empty = all. */
  provider: facetList(providerSchema),
  kind: facetList(identityKindSchema),
  agent: facetList(agentFacetSchema),
  severity: facetList(identitySeveritySchema),
  owner: facetList(ownerFacetSchema),
  credential: facetList(credentialFacetSchema),
  /** Case-insensitive substring of name, display name, native id, account or owner. */
  search: z.string().max(MAX_SEARCH_LENGTH).optional(),
  sort: identitySortColumnSchema.optional(),
  descending: z.boolean().optional(),
  offset: z.number().int().nonnegative().optional(),
  /** At most MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when absent. */
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  /** Also count, per facet value, the identities matching the other facets and the search. */
  facets: z.boolean().optional(),
});
export type ListIdentitiesArgs = z.infer<typeof listIdentitiesArgsSchema>;

const countsOf = <T extends z.ZodType<string>>(key: T) =>
  z.array(z.object({ value: key, count: z.number().int() }));

export const facetCountsSchema = z.object({
  provider: countsOf(providerSchema),
  kind: countsOf(identityKindSchema),
  agent: countsOf(agentFacetSchema),
  severity: countsOf(identitySeveritySchema),
  owner: countsOf(ownerFacetSchema),
  credential: countsOf(credentialFacetSchema),
});
export type FacetCounts = z.infer<typeof facetCountsSchema>;

export const identityPageSchema = z.object({
  scanId: z.number().int().positive().optional(),
  /** Rows matching the filter before paging. */
  total: z.number().int().nonnegative(),
  /** Identities in the scan. */
  all: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(identityRowSchema),
  facets: facetCountsSchema.optional(),
});
export type IdentityPage = z.infer<typeof identityPageSchema>;

export const triageSchema = z.object({
  status: triageStatusSchema,
  note: z.string(),
  author: z.string(),
  updatedAt: isoDateSchema,
});
export type Triage = z.infer<typeof triageSchema>;

/** A finding with its triage decision (absent = open, never triaged). */
export const triagedFindingSchema = findingSchema.extend({ triage: triageSchema.optional() });
export type TriagedFinding = z.infer<typeof triagedFindingSchema>;

export const credentialViewSchema = credentialSchema.extend({
  /** Whole days since creation, at the scan's time. */
  ageDays: z.number().int().optional(),
  /** Whole days until expiry (negative = expired), at the scan's time. */
  expiresInDays: z.number().int().optional(),
  lastUsedDaysAgo: z.number().int().optional(),
});
export type CredentialView = z.infer<typeof credentialViewSchema>;

export const scoreFactorSchema = z.object({
  factor: z.string(),
  points: z.number(),
  detail: z.string().optional(),
});

export const identityHistoryEntrySchema = z.object({
  scanId: z.number().int().positive(),
  label: z.string(),
  finishedAt: isoDateSchema,
  present: z.boolean(),
  credentialCount: z.number().int().nonnegative(),
  grantCount: z.number().int().nonnegative(),
  /** Unsuppressed findings; absent when that scan was not assessed. */
  findingCount: z.number().int().nonnegative().optional(),
  score: z.number().nonnegative().optional(),
});
export type IdentityHistoryEntry = z.infer<typeof identityHistoryEntrySchema>;

export const identityLinkSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: identityKindSchema,
});

export const identityDetailSchema = z.object({
  scanId: z.number().int().positive(),
  /** The scan's reference time: ages and expiry are counted from it. */
  asOf: isoDateSchema,
  identity: identitySchema,
  classification: classificationSchema.optional(),
  score: z.number().nonnegative().optional(),
  scoreFactors: z.array(scoreFactorSchema),
  credentials: z.array(credentialViewSchema),
  grants: z.array(grantSchema),
  trusts: z.array(trustSchema),
  activities: z.array(activitySchema),
  workloads: z.array(workloadSchema),
  /** Inventory identities this one trusts or is trusted by, named for the delegation chain. */
  related: z.array(identityLinkSchema),
  findings: z.array(triagedFindingSchema),
  history: z.array(identityHistoryEntrySchema),
});
export type IdentityDetail = z.infer<typeof identityDetailSchema>;

export const getIdentityArgsSchema = z.strictObject({
  scanId: z.number().int().positive().optional(),
  id: z.string().min(1).max(2048),
});
export type GetIdentityArgs = z.infer<typeof getIdentityArgsSchema>;

export { severitySchema };
