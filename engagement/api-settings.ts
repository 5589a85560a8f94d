/**
 * The settings screen: assessment thresholds and weights (through the assessment), suppressions,
 * and the report branding kept in the engagement's settings (every change is in the audit log).
 */
import type { EngagementDb } from '../db';
import { brandingSchema, type Branding, type SaveSettingsArgs, type SettingsView } from '../model/api';
import { defaultAssessSettings } from '../model/assess';
import type { JsonValue } from '../model/inventory';
import type { OpenEngagement } from './open-engagement';

/** Setting key of the report branding; the report reads the same key. */
export const BRANDING_SETTING = 'report.branding';

export function readBranding(db: EngagementDb): Branding {
  const parsed = brandingSchema.safeParse(db.getSetting(BRANDING_SETTING) ?? {});
  return parsed.success ? parsed.data : {};
}

/** Merge the given branding fields; an empty string clears a field. */
export function saveBranding(
  db: EngagementDb,
  changes: NonNullable<SaveSettingsArgs['branding']>,
  actor: string,
): void {
  const next: Record<string, string> = { ...readBranding(db) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === '') delete next[key];
    else next[key] = value;
  }
  db.setSetting(BRANDING_SETTING, next as Record<string, JsonValue>, actor);
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
