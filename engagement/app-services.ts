/**
 * The use cases the app API is built with, shared by both hosts (Electron main and `serve`): the
 * stored assessment and the exporter. Kept in one place so both hosts offer the same features.
 */
import type { AssessmentFactory } from './open-engagement';
import { StoredAssessmentSource } from './stored-assessment';

/** This build assesses scans (findings, scores, KPIs, triage, suppressions). */
export const assessmentAvailable = true;

export const appAssessment: AssessmentFactory = (engagement) => new StoredAssessmentSource(engagement);

export { createAppExporter, type AppExporterOptions } from './app-exporter';
