/**
 * Fault injection: rules say which requests get throttled, denied, failed, slowed or dropped.
 * Chance-based rules draw from a seeded generator so a test run repeats exactly.
 */
import type { FaultKind, FaultRule } from './types';

export interface FaultTarget {
  /** `service:Operation`, e.g. `iam:GetAccountAuthorizationDetails`. */
  action: string;
  account?: string;
  region?: string;
}

function matchesAction(pattern: string | undefined, action: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  if (pattern.endsWith(':*')) return action.startsWith(pattern.slice(0, -1));
  return pattern === action;
}

export class FaultInjector {
  private rules: { rule: FaultRule; seen: number; hits: number }[] = [];
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32: deterministic chances for the probability of rules. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule: { ...rule }, seen: 0, hits: 0 }));
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule: { ...rule }, seen: 0, hits: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Every rule that fires for this request: `slow` rules add up, the first other rule decides. */
  check(target: FaultTarget): { delayMs: number; fault?: FaultKind } {
    let delayMs = 0;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (!matchesAction(rule.action, target.action)) continue;
      if (rule.account !== undefined && rule.account !== target.account) continue;
      if (rule.region !== undefined && rule.region !== target.region) continue;
      entry.seen += 1;
      if (rule.after !== undefined && entry.seen <= rule.after) continue;
      if (rule.times !== undefined && entry.hits >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      entry.hits += 1;
      if (rule.kind === 'slow') {
        delayMs += rule.delayMs ?? 0;
        continue;
      }
      return { delayMs, fault: rule.kind };
    }
    return { delayMs };
  }
}
