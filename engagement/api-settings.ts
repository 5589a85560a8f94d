/**
 * The settings screen: assessment thresholds and weights (through the assessment), suppressions,
 * and the report branding. Branding lives in the engagement's settings under the keys the report
 * reads (`report.consultancy`, `report.clientName`) plus the cover logo (`report.logo`, a data
 * URL); every change goes to the audit log.
 */
import type { EngagementDb } from '../db';
import { brandingSchema, type Branding, type SaveSettingsArgs, type SettingsView } from '../model/api';
import { defaultAssessSettings } from '../model/assess';
import type { OpenEngagement } from './open-engagement';

export const BRANDING_SETTINGS = {
  consultancy: 'report.consultancy',
  clientName: 'report.clientName',
  logo: 'report.logo',
} as const;

export function readBranding(db: EngagementDb): Branding {
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(BRANDING_SETTINGS)) {
    const value = db.getSetting(key);
    if (typeof value === 'string' && value.trim() !== '') raw[field] = value;
  }
  const parsed = brandingSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

/** Store the given branding fields; an empty string clears a field. */
export function saveBranding(
  db: EngagementDb,
  changes: NonNullable<SaveSettingsArgs['branding']>,
  actor: string,
): void {
  for (const [field, key] of Object.entries(BRANDING_SETTINGS) as [
    keyof typeof BRANDING_SETTINGS,
    string,
  ][]) {
    const value = changes[field];
    if (value === undefined) continue;
    const trimmed = value.trim();
    // An empty string is stored as such: the report treats a blank setting as unset.
    if (db.getSetting(key) === undefined && trimmed === '') continue;
    db.setSetting(key, trimmed, actor);
  }
}

export function readSettings(open: OpenEngagement): SettingsView {
  const assessment = open.assessment;
  const defaults = defaultAssessSettings();
  const current = assessment.available
    ? assessment.settings()
    : { thresholds: defaults.thresholds, weights: defaults.weights };
  return {
    thresholds: current.thresholds,
    weights: current.weights,
    branding: readBranding(open.db),
    suppressions: assessment.suppressionsAvailable ? assessment.suppressions() : [],
    suppressionsAvailable: assessment.suppressionsAvailable,
  };
}
