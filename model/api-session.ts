/**
 * API shapes of the session: which engagement is open, what this host can do (a desktop window has
 * file dialogs and a keychain; a browser tab opened by `agent-anchor serve` works on the one file
 * the command was given), and the engagements opened recently.
 */
import { z } from 'zod';
import { isoDateSchema } from './inventory';

export const hostKindSchema = z.enum(['desktop', 'browser']);
export type HostKind = z.infer<typeof hostKindSchema>;

export const exportFormatSchema = z.enum(['pdf', 'html', 'csv', 'json', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const recentEngagementSchema = z.object({
  file: z.string(),
  clientName: z.string().optional(),
  openedAt: isoDateSchema,
});
export type RecentEngagement = z.infer<typeof recentEngagementSchema>;

/** What parts of the app this build and host provide; screens show "not available" otherwise. */
export const featuresSchema = z.object({
  /** Findings, scores, agent classification. */
  assess: z.boolean(),
  /** Triage status and notes per finding, kept across scans. */
  triage: z.boolean(),
  /** Export formats this build can write. */
  exports: z.array(exportFormatSchema),
  /** Live AWS and Entra scans (the demo organization is always available). */
  liveScan: z.boolean(),
  /** Secrets the user asks to remember are kept encrypted by the OS keychain (desktop only). */
  rememberSecrets: z.boolean(),
});
export type Features = z.infer<typeof featuresSchema>;

export const openEngagementInfoSchema = z.object({
  file: z.string(),
  clientName: z.string().optional(),
  scanCount: z.number().int().nonnegative(),
});

export const sessionSchema = z.object({
  host: hostKindSchema,
  engagement: openEngagementInfoSchema.optional(),
  /** Desktop: engagements opened before, newest first. Browser: empty. */
  recent: z.array(recentEngagementSchema),
  /** True when the host can show open and save dialogs (desktop). */
  canChooseFiles: z.boolean(),
  /**
   * Browser host: the file `serve` was given, which a new or demo engagement is written to when it
   * does not exist yet. Absent on the desktop, where a save dialog asks.
   */
  servedFile: z.string().optional(),
  /** Browser host: true when `servedFile` does not exist yet. */
  servedFileMissing: z.boolean().optional(),
  features: featuresSchema,
  /** Operations still running (a scan started before a reload), so the UI can show them again. */
  runningOperations: z.array(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;

export const createEngagementArgsSchema = z.strictObject({
  clientName: z.string().trim().min(1).max(200),
});
export type CreateEngagementArgs = z.infer<typeof createEngagementArgsSchema>;

export const openEngagementArgsSchema = z.strictObject({
  /** One of the recent engagements; without it the desktop shows an open dialog. */
  file: z.string().min(1).max(4096).optional(),
});
export type OpenEngagementArgs = z.infer<typeof openEngagementArgsSchema>;

import { DEMO_SIZE_MAX, DEMO_SIZE_MIN } from './api-limits';

export { DEMO_SIZE_MAX, DEMO_SIZE_MIN } from './api-limits';

export const openDemoArgsSchema = z.strictObject({
  size: z.number().int().min(DEMO_SIZE_MIN).max(DEMO_SIZE_MAX).optional(),
});
export type OpenDemoArgs = z.infer<typeof openDemoArgsSchema>;
