/**
 * The use cases the app API is built with, shared by both hosts (Electron main and `serve`): the
 * stored assessment and the exporter. Kept in one place so both hosts offer the same features.
 */
import type { Exporter } from './api-export';
import type { AssessmentFactory } from './open-engagement';
import { StoredAssessmentSource } from './stored-assessment';

/** This build assesses scans (findings, scores, KPIs, triage, suppressions). */
export const assessmentAvailable = true;

export const appAssessment: AssessmentFactory = (engagement) => new StoredAssessmentSource(engagement);

export interface ExporterOptions {
  /** How PDFs are printed: Electron's printToPDF in the app, an installed Chromium from `serve`. */
  pdf: 'electron' | 'chromium';
}

/** The exporter of this build; undefined while the report use case is not part of it. */
export function appExporter(_options: ExporterOptions): Exporter | undefined {
  return undefined;
}
