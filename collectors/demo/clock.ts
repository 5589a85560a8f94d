/**
 * Every demo timestamp is an offset from the caller's reference time, written in the exact
 * textual form each provider uses (they differ, and the importers must cope with all of them).
 */
import type { Rng } from './random';

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function parts(ms: number): { date: string; time: string; millis: number } {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    millis: d.getUTCMilliseconds(),
  };
}

/** `2024-01-02T03:04:05+00:00`: AWS CLI v2 output and the credential report. */
export function awsCliTime(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}+00:00`;
}

/** `2024-01-02T03:04:05Z`: IAM API (query protocol) timestamps. */
export function awsApiTime(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}Z`;
}

/** `2024-01-02T03:04:05.123+0000`: Lambda's LastModified. */
export function lambdaTime(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}.${pad(p.millis, 3)}+0000`;
}

/** `2024-01-02T03:04:05.123000+00:00`: bedrock-agent and AgentCore timestamps as the CLI prints them. */
export function bedrockTime(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}.${pad(p.millis, 3)}000+00:00`;
}

/** `2024-01-02T03:04:05Z`: most Graph timestamps. */
export function graphTime(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}Z`;
}

/** `2024-01-02T03:04:05.1234567Z`: Graph credential dates carry 7 fractional digits. */
export function graphTime7(ms: number, rng: Rng): string {
  const p = parts(ms);
  return `${p.date}T${p.time}.${pad(p.millis, 3)}${rng.digits(4).slice(0, 4)}Z`;
}

export class Clock {
  readonly nowMs: number;

  constructor(nowIso: string) {
    const ms = Date.parse(nowIso);
    if (Number.isNaN(ms)) throw new Error(`demo: reference time is not an ISO date: ${nowIso}`);
    this.nowMs = ms;
  }

  /** A moment `days` days before now, jittered within that day so times look organic. */
  daysAgo(days: number, rng: Rng): number {
    return this.nowMs - days * DAY_MS - rng.int(0, DAY_MS / 1000 - 1) * 1000 - rng.int(0, 999);
  }

  /** A moment between `minDays` and `maxDays` days ago. */
  between(minDays: number, maxDays: number, rng: Rng): number {
    return this.daysAgo(rng.int(minDays, maxDays), rng);
  }

  /** A moment `days` days after now, jittered within that day. */
  daysAhead(days: number, rng: Rng): number {
    return this.nowMs + days * DAY_MS + rng.int(0, DAY_MS / 1000 - 1) * 1000;
  }

  plusDays(ms: number, days: number): number {
    return ms + days * DAY_MS;
  }
}
