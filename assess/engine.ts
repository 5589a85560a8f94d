/**
 * Runs every rule over every identity and turns hits into findings. Each identity is looked at by
 * the rules for its provider and kind only; all lookups go through the inventory index.
 */
import type { AssessSettings, Classification, RuleError } from '../model/assess';
import type { Finding, Severity } from '../model/findings';
import type { Identity } from '../model/inventory';
import { providerManaged } from './util/provider-managed';
import type { AssessContext, Rule } from './rules/types';

export function findingKey(ruleId: string, identityId: string, discriminator: string): string {
  return `${ruleId}|${identityId}|${discriminator}`;
}

export function scoreFor(
  severity: Severity,
  classification: Classification | undefined,
  settings: AssessSettings,
): number {
  const w = settings.weights;
  const base = w[severity];
  const multiplier =
    classification?.agent === 'yes'
      ? w.agentMultiplier
      : classification?.agent === 'likely'
        ? w.likelyAgentMultiplier
        : 1;
  return Math.round(base * multiplier * 100) / 100;
}

function rulesFor(rules: readonly Rule[], identity: Identity, cache: Map<string, Rule[]>): Rule[] {
  const key = `${identity.provider}|${identity.kind}`;
  let list = cache.get(key);
  if (!list) {
    list = rules.filter(
      (r) =>
        r.appliesTo.providers.includes(identity.provider) &&
        (r.appliesTo.kinds === undefined || r.appliesTo.kinds.includes(identity.kind)),
    );
    cache.set(key, list);
  }
  return list;
}

export function runRules(
  ctx: AssessContext,
  rules: readonly Rule[],
): { findings: Finding[]; errors: RuleError[] } {
  const disabled = new Set(ctx.settings.disabledRules);
  const enabled = rules.filter((r) => !disabled.has(r.id));
  const cache = new Map<string, Rule[]>();
  const findings: Finding[] = [];
  const errors: RuleError[] = [];

  for (const identity of ctx.index.identities) {
    const managed = providerManaged(identity) !== undefined;
    const classification = ctx.classifications.get(identity.id);
    // One summary object per identity, shared by its findings (read-only).
    let summary: Finding['identity'] | undefined;
    for (const rule of rulesFor(enabled, identity, cache)) {
      if (managed && !rule.includeProviderManaged) continue;
      let hits;
      try {
        hits = rule.evaluate(ctx, identity);
      } catch (error) {
        // One broken rule must not cost the consultant the whole assessment; the error is reported.
        errors.push({
          ruleId: rule.id,
          identityId: identity.id,
          message: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      // Keys must be unique; a rule that repeats a discriminator keeps its first hit.
      const discriminators = hits.length > 1 ? new Set<string>() : undefined;
      for (const hit of hits) {
        if (discriminators) {
          if (discriminators.has(hit.discriminator)) continue;
          discriminators.add(hit.discriminator);
        }
        const key = findingKey(rule.id, identity.id, hit.discriminator);
        const severity = hit.severity ?? rule.severity;
        findings.push({
          key,
          ruleId: rule.id,
          title: rule.title,
          severity,
          identityId: identity.id,
          identity: (summary ??= {
            provider: identity.provider,
            kind: identity.kind,
            nativeId: identity.nativeId,
            name: identity.name,
            account: identity.account,
          }),
          message: hit.message,
          evidence: hit.evidence,
          remediation: rule.remediation,
          // Shared with the rule (read-only): copying it for every finding only feeds the GC.
          frameworks: rule.frameworks,
          scoreContribution: scoreFor(severity, classification, ctx.settings),
        });
      }
    }
  }
  findings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { findings, errors };
}
