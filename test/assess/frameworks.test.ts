/**
 * Framework mappings against the known-valid control lists (assess/data/framework-controls.json,
 * checked against the published documents): a mistyped or renumbered id fails here instead of
 * appearing in a client report.
 */
import { describe, expect, it } from 'vitest';
import reference from '../../assess/data/framework-controls.json';
import { FRAMEWORKS } from '../../assess/frameworks';
import { RULES } from '../../assess/rules';
import { frameworkSchema, type Framework } from '../../model/findings';

const KNOWN = reference as unknown as Record<Framework, Record<string, string>>;
const FRAMEWORK_IDS = frameworkSchema.options;

describe('framework control ids', () => {
  it('has a known-valid list for every framework', () => {
    for (const f of FRAMEWORK_IDS) expect(Object.keys(KNOWN[f] ?? {}).length, f).toBeGreaterThan(0);
    expect(Object.keys(KNOWN['owasp-nhi'])).toHaveLength(10);
    expect(Object.keys(KNOWN['owasp-agentic'])).toHaveLength(10);
    expect(Object.keys(KNOWN['nist-ai-rmf'])).toHaveLength(72);
    expect(Object.keys(KNOWN['iso-42001'])).toHaveLength(38);
    expect(Object.keys(KNOWN['nist-800-207'])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Tenet ${n}`));
  });

  it('names in the catalogue only controls that exist, under their official titles', () => {
    const wrong: string[] = [];
    for (const f of FRAMEWORK_IDS) {
      for (const [id, title] of Object.entries(FRAMEWORKS[f].controls)) {
        const official = KNOWN[f][id];
        if (official === undefined) wrong.push(`${f} ${id}: not a control of ${FRAMEWORKS[f].name}`);
        // Titles may be shortened, never changed: the catalogue's words must open the official title.
        else if (!official.toLowerCase().startsWith(title.toLowerCase().replace(/[."]+$/, '')))
          wrong.push(`${f} ${id}: "${title}" is not "${official}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('cites from every rule only ids in the known-valid lists', () => {
    const unknown = RULES.flatMap((r) =>
      r.frameworks
        .filter((ref) => KNOWN[ref.framework][ref.control] === undefined)
        .map((ref) => `${r.id} ${ref.framework} ${ref.control}`),
    );
    expect(unknown).toEqual([]);
  });

  it('maps every rule to the OWASP NHI Top 10 and every agent or privilege rule to the Agentic Top 10', () => {
    for (const r of RULES) {
      expect(
        r.frameworks.some((ref) => ref.framework === 'owasp-nhi'),
        r.id,
      ).toBe(true);
      if (r.area === 'agents' || r.area.endsWith('-privilege'))
        expect(
          r.frameworks.some((ref) => ref.framework === 'owasp-agentic'),
          r.id,
        ).toBe(true);
    }
  });

  it('uses every framework somewhere', () => {
    const used = new Set(RULES.flatMap((r) => r.frameworks.map((ref) => ref.framework)));
    expect([...used].sort()).toEqual([...FRAMEWORK_IDS].sort());
  });
});
