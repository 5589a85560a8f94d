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
 *
 * The shapes live in sibling files by screen: api-session (start screen), api-sources (connect,
 * scan), api-operations (progress of long work), api-inventory (inventory, identity detail),
 * api-findings (dashboard, findings, diff, settings).
 */
import { z } from 'zod';
import { scanSchema } from './inventory';
import type { ApiName } from './api-transport';
import {
  addSuppressionArgsSchema,
  dashboardSchema,
  diffArgsSchema,
  findingFilterSchema,
  findingGroupsSchema,
  findingPageSchema,
  listFindingsArgsSchema,
  removeSuppressionArgsSchema,
  saveSettingsArgsSchema,
  scanArgsSchema,
  scanDiffSchema,
  setTriageArgsSchema,
  settingsViewSchema,
  triageResultSchema,
} from './api-findings';
import {
  getIdentityArgsSchema,
  identityDetailSchema,
  identityPageSchema,
  listIdentitiesArgsSchema,
} from './api-inventory';
import {
  exportStartSchema,
  operationArgsSchema,
  operationRefSchema,
  operationStateSchema,
  startExportArgsSchema,
} from './api-operations';
import {
  createEngagementArgsSchema,
  openDemoArgsSchema,
  openEngagementArgsSchema,
  sessionSchema,
} from './api-session';
import {
  connectionTestSchema,
  permissionsArgsSchema,
  permissionsSchema,
  savedSourcesSchema,
  startScanArgsSchema,
  testConnectionArgsSchema,
} from './api-sources';

export { apiNames, type ApiName } from './api-transport';
export * from './api-session';
export * from './api-sources';
export * from './api-operations';
export * from './api-inventory';
export * from './api-findings';

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

interface ApiCallSchemas {
  args: z.ZodType;
  result: z.ZodType;
}

const none = z.strictObject({});

export const apiContract = {
  getSession: { args: none, result: sessionSchema },
  createEngagement: { args: createEngagementArgsSchema, result: sessionSchema },
  openEngagement: { args: openEngagementArgsSchema, result: sessionSchema },
  openDemo: { args: openDemoArgsSchema, result: operationRefSchema },
  closeEngagement: { args: none, result: sessionSchema },
  getSummary: { args: none, result: summarySchema },
  getDashboard: { args: scanArgsSchema, result: dashboardSchema },
  listIdentities: { args: listIdentitiesArgsSchema, result: identityPageSchema },
  getIdentity: { args: getIdentityArgsSchema, result: identityDetailSchema },
  listFindingGroups: { args: findingFilterSchema, result: findingGroupsSchema },
  listFindings: { args: listFindingsArgsSchema, result: findingPageSchema },
  setTriage: { args: setTriageArgsSchema, result: triageResultSchema },
  diffScans: { args: diffArgsSchema, result: scanDiffSchema },
  getPermissions: { args: permissionsArgsSchema, result: permissionsSchema },
  getSavedSources: { args: none, result: savedSourcesSchema },
  testConnection: { args: testConnectionArgsSchema, result: connectionTestSchema },
  startScan: { args: startScanArgsSchema, result: operationRefSchema },
  startAssessment: { args: scanArgsSchema, result: operationRefSchema },
  getOperation: { args: operationArgsSchema, result: operationStateSchema },
  cancelOperation: { args: operationArgsSchema, result: operationStateSchema },
  startExport: { args: startExportArgsSchema, result: exportStartSchema },
  getSettings: { args: none, result: settingsViewSchema },
  saveSettings: { args: saveSettingsArgsSchema, result: settingsViewSchema },
  addSuppression: { args: addSuppressionArgsSchema, result: settingsViewSchema },
  removeSuppression: { args: removeSuppressionArgsSchema, result: settingsViewSchema },
} satisfies { [K in ApiName]: ApiCallSchemas };

export type ApiContract = typeof apiContract;
export type ApiArgs<K extends ApiName> = z.infer<ApiContract[K]['args']>;
export type ApiResult<K extends ApiName> = z.infer<ApiContract[K]['result']>;

/** Calls whose args are all optional (an empty object passes) may be made without any: `api.getSummary()`. */
type ArgsParam<K extends ApiName> =
  Record<never, never> extends ApiArgs<K> ? [args?: ApiArgs<K>] : [args: ApiArgs<K>];

/** One async method per call; implemented by engagement/api.ts and by both clients. */
export type AgentAnchorApi = { [K in ApiName]: (...args: ArgsParam<K>) => Promise<ApiResult<K>> };
