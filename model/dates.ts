/**
 * Date normalisation shared by every transform. Provider exports use several forms:
 * AWS `2024-01-02T03:04:05Z` or `+00:00`, the credential report's `N/A` / `no_information` /
 * `not_supported`, Graph's 7-digit fractions and, in Microsoft's own samples, offsets like `-8:00`.
 */
const NO_VALUE = new Set(['', 'N/A', 'n/a', 'no_information', 'not_supported', 'null']);

/** Parse a provider timestamp into ISO-8601 UTC with milliseconds, or undefined if absent or invalid. */
export function toIsoUtc(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    const d = new Date(value < 1e12 ? value * 1000 : value);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const raw = value.trim();
  if (NO_VALUE.has(raw)) return undefined;
  // Non-padded offsets (`-8:00`) are not ISO; pad them so Date can read them.
  const fixed = raw
    .replace(/([+-])(\d):(\d{2})$/, '$10$2:$3')
    // More than 3 fractional digits (Graph sends 7) are fine for Date only when trimmed.
    .replace(/(\.\d{3})\d+/, '$1');
  const d = new Date(fixed);
  if (Number.isNaN(d.getTime())) return undefined;
  // Graph uses 0001-01-01 and 9999-12-31 as "none" sentinels.
  const year = d.getUTCFullYear();
  if (year < 1971 || year > 9000) return undefined;
  return d.toISOString();
}
