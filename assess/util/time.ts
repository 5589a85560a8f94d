/** Day arithmetic against the `now` passed into the assessment (never the wall clock). */
export const DAY_MS = 86_400_000;

export function toMs(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whole days from `iso` to `nowMs` (negative when `iso` is in the future). */
export function daysSince(iso: string | undefined, nowMs: number): number | undefined {
  const ms = toMs(iso);
  return ms === undefined ? undefined : Math.floor((nowMs - ms) / DAY_MS);
}

/** Whole days from `nowMs` until `iso` (negative when already past). */
export function daysUntil(iso: string | undefined, nowMs: number): number | undefined {
  const ms = toMs(iso);
  return ms === undefined ? undefined : Math.floor((ms - nowMs) / DAY_MS);
}

export function daysBetween(fromIso: string | undefined, toIso: string | undefined): number | undefined {
  const a = toMs(fromIso);
  const b = toMs(toIso);
  return a === undefined || b === undefined ? undefined : Math.floor((b - a) / DAY_MS);
}

/** The later of several ISO timestamps, or undefined. */
export function latest(values: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = -Infinity;
  for (const v of values) {
    const ms = toMs(v);
    if (ms !== undefined && ms > bestMs) {
      best = v;
      bestMs = ms;
    }
  }
  return best;
}
