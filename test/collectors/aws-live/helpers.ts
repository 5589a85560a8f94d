/** Scan options pointing the real collector at an emulator, with quick polling for tests. */
import type { AwsScanOptions } from '../../../collectors/aws/live';
import type { AwsEmulator } from '../../../collectors/emulators/aws';
import type { Inventory } from '../../../model/inventory';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const COLLECTED_AT = '2026-11-01T00:00:00.000Z';

export function emulatorOptions(emu: AwsEmulator, extra: Partial<AwsScanOptions> = {}): AwsScanOptions {
  return {
    endpoint: emu.endpoint,
    credentials: emu.credentials,
    region: 'us-east-1',
    regions: emu.regions,
    tuning: { pollFirstMs: 5, pollMaxMs: 20 },
    ...extra,
  };
}

export function coverageOf(inv: Inventory, area: string) {
  const row = inv.coverage.find((c) => c.area === area);
  if (!row) throw new Error(`no coverage row ${area}: ${inv.coverage.map((c) => c.area).join(', ')}`);
  return row;
}

/** Requests the emulator answered per action, e.g. `iam:GetAccountAuthorizationDetails`. */
export function requestCounts(emu: AwsEmulator): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of emu.requests) out[`${r.service}:${r.action}`] = (out[`${r.service}:${r.action}`] ?? 0) + 1;
  return out;
}
