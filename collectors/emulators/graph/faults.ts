/**
 * Fault injection for the Graph emulator: each rule says which request paths it hits and how
 * (throttling with or without Retry-After, an error status, a cut-off body, a dropped connection,
 * latency, throttle pressure). Rules are checked in order; `slow` ones add up, the first other
 * rule that hits decides. Counting (`times`, `after`) makes a run repeat exactly.
 */
import type { GraphFaultRule } from './types';

export interface FaultHit {
  delayMs: number;
  rule?: GraphFaultRule;
}

function matches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return pattern === path;
}

export class GraphFaults {
  private rules: { rule: GraphFaultRule; seen: number; hits: number }[] = [];

  constructor(rules: readonly GraphFaultRule[] = []) {
    this.set(rules);
  }

  set(rules: readonly GraphFaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule: { ...rule }, seen: 0, hits: 0 }));
  }

  add(rule: GraphFaultRule): void {
    this.rules.push({ rule: { ...rule }, seen: 0, hits: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** How often each rule hit, in order (for tests). */
  get hits(): number[] {
    return this.rules.map((r) => r.hits);
  }

  check(path: string, inBatch: boolean): FaultHit {
    let delayMs = 0;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (!matches(rule.path, path)) continue;
      if (inBatch && (rule.inBatch === false || rule.kind === 'drop' || rule.kind === 'malformed')) continue;
      entry.seen++;
      if (rule.after !== undefined && entry.seen <= rule.after) continue;
      if (rule.times !== undefined && entry.hits >= rule.times) continue;
      entry.hits++;
      if (rule.kind === 'slow') {
        delayMs += rule.delayMs ?? 0;
        continue;
      }
      return { delayMs: delayMs + (rule.delayMs ?? 0), rule };
    }
    return { delayMs };
  }
}
