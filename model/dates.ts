/**
 * Date normalisation shared by every transform. Provider exports use several forms:
 * AWS `2024-01-02T03:04:05Z` or `+00:00`, the credential report's `N/A` / `no_information` /
 * `not_supported`, Graph's 7-digit fractions and, in Microsoft's own samples, offsets like `-8:00`.
 */
const NO_VALUE = new Set(['', 'N/A', 'n/a', 'no_information', 'not_supported', 'null']);

/** Digits of `s` from `start` to `end` as a number, or -1 if any is not a digit. */
function digits(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True when `s` is already what this function returns for it: `YYYY-MM-DDTHH:MM:SS.sssZ` (how
 * `toISOString` writes it, and how the AWS schemas hand dates on) with every field in range, the
 * day within its month and the year within the accepted span. Such a string comes back unchanged;
 * checking that is much cheaper than parsing it into a Date and writing it out again, which a
 * large scan did for every date of every role.
 */
function isCanonicalUtc(s: string): boolean {
  if (s.length !== 24) return false;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  if (s[19] !== '.' || s[23] !== 'Z' || digits(s, 20, 23) < 0) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  const minute = digits(s, 14, 16);
  const second = digits(s, 17, 19);
  if (year < 1971 || year > 9000 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

/** Parse a provider timestamp into ISO-8601 UTC with milliseconds, or undefined if absent or invalid. */
export function toIsoUtc(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && isCanonicalUtc(value)) return value;
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

/**
 * A number of days as people read it: `1 day`, `45 days`, and past two years the years beside
 * the days (`101324 days, about 277 years`: a secret that runs to 2299 is better read in years).
 */
export function daysText(days: number): string {
  const n = Math.abs(days);
  if (n === 1) return `${days} day`;
  if (n < 730) return `${days} days`;
  return `${days} days, about ${Math.round(n / 365.25)} years`;
}
