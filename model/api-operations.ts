/**
 * Long work (scans, the demo, exports) runs as an operation: the start call returns its id at once
 * and the UI polls `getOperation` for progress, so neither transport holds a request open and the
 * UI never waits on the work itself.
 */
import { z } from 'zod';
import { coverageStatusSchema, isoDateSchema } from './inventory';
import { exportFormatSchema } from './api-session';

export const operationKindSchema = z.enum(['scan', 'demo', 'export', 'assess']);
export type OperationKind = z.infer<typeof operationKindSchema>;

export const operationStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type OperationStatus = z.infer<typeof operationStatusSchema>;

/** Progress of one account, subscription or tenant inside a source. */
export const accountProgressSchema = z.object({
  account: z.string(),
  /** Latest phase named by the collector: `authorization-details`, `servicePrincipals`, ... */
  phase: z.string(),
  /** Items read in that phase so far, when the collector counts them. */
  count: z.number().int().nonnegative().optional(),
  state: z.enum(['running', 'done', 'failed']),
});
export type AccountProgress = z.infer<typeof accountProgressSchema>;

/** Progress of one source of a scan (AWS, Entra, the demo organization), or one step of other work. */
export const sourceProgressSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Latest human-readable detail. */
  detail: z.string(),
  done: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  /** Progress events received so far; grows while the source works. */
  events: z.number().int().nonnegative(),
  accounts: z.array(accountProgressSchema),
});
export type SourceProgress = z.infer<typeof sourceProgressSchema>;

export const operationEventSchema = z.object({
  at: isoDateSchema,
  phase: z.string(),
  detail: z.string().optional(),
});

export const operationStateSchema = z.object({
  id: z.string(),
  kind: operationKindSchema,
  title: z.string(),
  status: operationStatusSchema,
  startedAt: isoDateSchema,
  finishedAt: isoDateSchema.optional(),
  sources: z.array(sourceProgressSchema),
  /** Key of the source the latest event came from: the one working now. */
  current: z.string().optional(),
  /** The last events, oldest first (at most 40). */
  recent: z.array(operationEventSchema),
  /** Device-code sign-in: what the user must enter where. */
  prompt: z.object({ message: z.string(), userCode: z.string(), verificationUri: z.string() }).optional(),
  error: z.string().optional(),
  result: z
    .object({
      scanId: z.number().int().positive().optional(),
      scanStatus: z.enum(['complete', 'partial']).optional(),
      identities: z.number().int().nonnegative().optional(),
      /** Coverage rows that are not complete: what was missed and why. */
      gaps: z
        .array(z.object({ area: z.string(), status: coverageStatusSchema, message: z.string().optional() }))
        .optional(),
      /** Assessment after the scan; absent when this build has none. */
      findings: z.number().int().nonnegative().optional(),
      assessError: z.string().optional(),
      export: z
        .object({
          format: exportFormatSchema,
          fileName: z.string(),
          bytes: z.number().int().nonnegative(),
          /** Desktop: where it was saved. */
          savedTo: z.string().optional(),
          /** Browser: fetch it from the download route with this operation id. */
          downloadable: z.boolean(),
        })
        .optional(),
    })
    .optional(),
});
export type OperationState = z.infer<typeof operationStateSchema>;

export const operationRefSchema = z.object({ operationId: z.string() });
export type OperationRef = z.infer<typeof operationRefSchema>;

export const operationArgsSchema = z.strictObject({ operationId: z.string().min(1).max(100) });
export type OperationArgs = z.infer<typeof operationArgsSchema>;

/** Start of an export: `cancelled` when the user closed the save dialog. */
export const exportStartSchema = z.object({
  operationId: z.string().optional(),
  cancelled: z.boolean(),
});
export type ExportStart = z.infer<typeof exportStartSchema>;

export const startExportArgsSchema = z.strictObject({
  scanId: z.number().int().positive().optional(),
  format: exportFormatSchema,
  variant: z.enum(['full', 'executive']).optional(),
  paper: z.enum(['a4', 'letter']).optional(),
  /** CSV: the table to export (one file each); findings by default. */
  table: z.enum(['identities', 'credentials', 'findings']).optional(),
});
export type StartExportArgs = z.infer<typeof startExportArgsSchema>;
