/**
 * The app API contract, defined once and served by both transports: Electron IPC (preload ->
 * main) and HTTP (`agent-anchor serve`, `POST /api/<name>`). Each call is `{ args, result }` zod
 * schemas; the TypeScript types below are derived from them, so a new call is one entry in
 * `apiContract` plus its name in `api-transport.ts` (the compiler insists on both).
 *
 * Args schemas are strict (unknown keys are refused, not dropped) and carry no defaults or
 * transforms: what a caller sends is exactly what the implementation receives.
 * Result schemas strip unknown keys, so a transport that parses its results sends nothing more
 * than the contract names.
 */
import { z } from 'zod';
import { identityKindSchema, isoDateSchema, providerSchema, scanSchema } from './inventory';
import type { ApiName } from './api-transport';

export { apiNames, type ApiName } from './api-transport';

/** Page size used when a caller gives none, and the most one call returns. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;
/** Longest search text accepted; longer input is a caller bug, not a search. */
export const MAX_SEARCH_LENGTH = 200;

export const inventoryCountsSchema = scanSchema.shape.counts;
export type InventoryCounts = z.infer<typeof inventoryCountsSchema>;

export const summarySchema = z.object({
  /** Path of the open engagement file. */
  file: z.string(),
  clientName: z.string().optional(),
  /** Every scan in the file, oldest first. */
  scans: z.array(scanSchema),
  latestScanId: z.number().int().positive().optional(),
  /** Counts of the latest scan; all zero when the file has no scan yet. */
  counts: inventoryCountsSchema,
});
export type Summary = z.infer<typeof summarySchema>;

/** One identity as a list shows it: no attributes, owners or credentials, just their counts. */
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
});
export type IdentityRow = z.infer<typeof identityRowSchema>;

export const listIdentitiesArgsSchema = z.strictObject({
  /** Defaults to the latest scan. */
  scanId: z.number().int().positive().optional(),
  provider: providerSchema.optional(),
  kind: identityKindSchema.optional(),
  /** Case-insensitive substring of name, display name, native id or account. */
  search: z.string().max(MAX_SEARCH_LENGTH).optional(),
  offset: z.number().int().nonnegative().optional(),
  /** At most MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when absent. */
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});
export type ListIdentitiesArgs = z.infer<typeof listIdentitiesArgsSchema>;

export const identityPageSchema = z.object({
  /** Rows matching the filter before paging. */
  total: z.number().int().nonnegative(),
  rows: z.array(identityRowSchema),
});
export type IdentityPage = z.infer<typeof identityPageSchema>;

interface ApiCallSchemas {
  args: z.ZodType;
  result: z.ZodType;
}

export const apiContract = {
  getSummary: { args: z.strictObject({}), result: summarySchema },
  listIdentities: { args: listIdentitiesArgsSchema, result: identityPageSchema },
} satisfies { [K in ApiName]: ApiCallSchemas };

export type ApiContract = typeof apiContract;
export type ApiArgs<K extends ApiName> = z.infer<ApiContract[K]['args']>;
export type ApiResult<K extends ApiName> = z.infer<ApiContract[K]['result']>;

/** Calls whose args are all optional (an empty object passes) may be made without any: `api.getSummary()`. */
type ArgsParam<K extends ApiName> =
  Record<never, never> extends ApiArgs<K> ? [args?: ApiArgs<K>] : [args: ApiArgs<K>];

/** One async method per call; implemented by the main process backend and by both clients. */
export type AgentAnchorApi = { [K in ApiName]: (...args: ArgsParam<K>) => Promise<ApiResult<K>> };
