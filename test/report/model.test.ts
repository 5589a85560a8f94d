/**
 * The report model and its HTML on a real engagement: the demo tenant plus hostile identities, two
 * scans, a suppression and a triage decision. Numbers in the report are checked against the
 * engagement's stored findings, not against constants.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngagement } from '../../db';
import { loadReportInput } from '../../engagement/export';
import { renderReportHtml, CONTENT_SECURITY_POLICY } from '../../report/html/document';
import { buildReportModel } from '../../report/model';
import { reportDataHash } from '../../report/hash';
import type { ReportInput, ReportModel, ReportOptions } from '../../report/types';
import { FRAMEWORKS } from '../../assess/frameworks';
import { RULES } from '../../assess/rules';
import { classifiedRules } from '../../report/effort';
import {
  FORMULA,
  FULL_REPORT_HEADINGS,
  GENERATED_AT,
  XSS,
  buildReportEngagement,
  type ReportEngagement,
} from './fixture';

let dir: string;
let eng: ReportEngagement;
let input: ReportInput;

const options = (extra: Partial<ReportOptions> = {}): ReportOptions => ({
  variant: 'full',
  generatedAt: GENERATED_AT,
  branding: { consultancy: 'Harbor & Finch Security', clientName: 'Northwind Robotics' },
  ...extra,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aa-report-model-'));
  eng = await buildReportEngagement(dir);
  const db = openEngagement(eng.file);
  try {
    input = loadReportInput(db, eng.scanId);
  } finally {
    db.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function isAgentVerdict(v: string): boolean {
  return v === 'yes' || v === 'likely';
}

describe('report model', () => {
  it('counts what the engagement stores: findings, suppressed and triaged ones, agents', () => {
    const model = buildReportModel(input, options());
    const findings = input.assessment.findings;
    const suppressed = findings.filter((f) => f.suppressedBy !== undefined);
    expect(suppressed.length).toBeGreaterThan(0);
    // One finding is triaged as accepted risk: it is not open, like the suppressed ones.
    expect(model.totals.findingsSuppressed).toBe(suppressed.length + 1);
    expect(model.totals.findingsOpen).toBe(findings.length - suppressed.length - 1);
    expect(model.totals.identities).toBe(input.inventory.identities.length);
    const agents = Object.values(input.assessment.classifications).filter((c) => isAgentVerdict(c.agent));
    expect(model.totals.agents).toBe(agents.length);
    const open = findings.filter((f) => f.suppressedBy === undefined && f.key !== eng.acceptedKey);
    expect(model.totals.openBySeverity.critical).toBe(open.filter((f) => f.severity === 'critical').length);
    // The charts add up to the same totals.
    const bySeverity = model.charts.find((c) => c.id === 'findings-by-severity');
    const chartTotal = (bySeverity?.series ?? []).flatMap((s) => s.values).reduce((a, b) => a + b, 0);
    expect(chartTotal).toBe(model.totals.findingsOpen);
    const risk = model.charts.find((c) => c.id === 'risk-distribution');
    expect((risk?.series ?? []).flatMap((s) => s.values).reduce((a, b) => a + b, 0)).toBe(
      model.totals.identities,
    );
  });

  it('ranks the top agent risks by stored score, agents only', () => {
    const model = buildReportModel(input, options());
    expect(model.scoring.basis).toBe('score');
    expect(model.topRisks.length).toBeGreaterThan(0);
    expect(model.topRisks.length).toBeLessThanOrEqual(10);
    const scores = new Map((input.scores ?? []).map((s) => [s.identityId, s.score]));
    for (const row of model.topRisks) {
      expect(isAgentVerdict(row.identity.agent)).toBe(true);
      expect(row.score).toBe(scores.get(row.identity.id));
    }
    const values = model.topRisks.map((r) => r.score);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // The hostile AWS agent is administrator-equivalent: it shares the top score with the demo's
    // agents that are or can become administrators (cloud-ops-agent, infra-cost-agent).
    expect(scores.get(eng.awsAgentId)).toBe(values[0]);
    expect(model.topRisks.map((r) => r.identity.id)).toContain(eng.awsAgentId);
  });

  it('lists agents first in the appendix and in every findings table', () => {
    const model = buildReportModel(input, options());
    const verdicts = model.appendix.entries.map((e) => isAgentVerdict(e.identity.agent));
    expect(verdicts[0]).toBe(true);
    expect(verdicts.indexOf(false)).toBeGreaterThan(0);
    expect(verdicts.slice(verdicts.indexOf(false))).not.toContain(true);
    for (const rule of model.findingsByRule) {
      const open = rule.rows.filter((r) => r.status === 'open').map((r) => isAgentVerdict(r.identity.agent));
      const firstOther = open.indexOf(false);
      if (firstOther >= 0) expect(open.slice(firstOther)).not.toContain(true);
    }
    // Identities without findings are not in the appendix, and the count says so.
    const withFindings = new Set(input.assessment.findings.map((f) => f.identityId));
    expect(model.appendix.entries.length).toBe(withFindings.size);
    expect(model.appendix.withoutFindings).toBe(input.inventory.identities.length - withFindings.size);
  });

  it('caps long lists and counts what it left to the exports', () => {
    const model = buildReportModel(input, options({ limits: { rowsPerRule: 2, appendixIdentities: 5 } }));
    expect(model.appendix.entries).toHaveLength(5);
    expect(model.appendix.omitted).toBe(model.appendix.identitiesWithFindings - 5);
    for (const rule of model.findingsByRule) {
      expect(rule.rows.length).toBeLessThanOrEqual(2);
      expect(rule.rows.length + rule.omittedRows).toBe(rule.open + rule.suppressed);
    }
    const executive = buildReportModel(input, options({ variant: 'executive' }));
    expect(executive.appendix.entries).toHaveLength(0);
    expect(executive.findingsByRule.every((r) => r.rows.length === 0)).toBe(true);
  });

  it('orders the roadmap quick wins first, then by risk removed per effort unit', () => {
    const model = buildReportModel(input, options());
    const phases = model.roadmap.map((i) => i.phase);
    const order = ['Quick wins', 'Short term', 'Structural'];
    expect(phases.map((p) => order.indexOf(p))).toEqual([...phases.map((p) => order.indexOf(p))].sort());
    for (const phase of order) {
      const ratios = model.roadmap.filter((i) => i.phase === phase).map((i) => i.ratio);
      expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
    }
    for (const item of model.roadmap) expect(item.ratio).toBeCloseTo(item.riskReduced / item.effortUnits, 1);
    // Suppressed dormancy findings remove no risk: the rule is not on the roadmap.
    expect(model.roadmap.map((i) => i.ruleId)).not.toContain('AA-LIFE-DORMANT-001');
  });

  it('every registered rule has an effort class and a roadmap line', () => {
    expect(RULES.map((r) => r.id).filter((id) => !classifiedRules().includes(id))).toEqual([]);
  });

  it('fills the compliance matrix from the rules and the open findings', () => {
    const model = buildReportModel(input, options());
    expect(model.compliance.map((f) => f.framework)).toEqual(Object.keys(FRAMEWORKS));
    const nhi5 = model.compliance
      .find((f) => f.framework === 'owasp-nhi')
      ?.controls.find((c) => c.control === 'NHI5');
    const expected = input.assessment.findings.filter(
      (f) =>
        f.suppressedBy === undefined &&
        f.key !== eng.acceptedKey &&
        f.frameworks.some((r) => r.framework === 'owasp-nhi' && r.control === 'NHI5'),
    ).length;
    expect(nhi5?.open).toBe(expected);
    expect(nhi5?.status).toBe(expected > 0 ? 'gaps' : 'no-findings');
    for (const fw of model.compliance)
      for (const c of fw.controls) expect(c.status === 'not-assessed').toBe(c.rules.length === 0);
  });

  it('reports the change since the previous scan: the two hostile identities are new', () => {
    const model = buildReportModel(input, options());
    expect(model.change.status).toBe('compared');
    if (model.change.status !== 'compared') return;
    expect(model.change.fromScanId).toBe(eng.firstScan);
    expect(model.change.counts.identitiesAdded).toBe(2);
    expect(model.change.samples.identitiesAdded.map((i) => i.identityId).sort()).toEqual(
      [eng.awsAgentId, eng.entraAgentId].sort(),
    );
    expect(model.change.counts.findingsNew).toBeGreaterThanOrEqual(5);
  });

  it('shows the KPIs as posture measures with their formulas', () => {
    const model = buildReportModel(input, options());
    expect(model.kpis.available).toBe(true);
    if (!model.kpis.available) return;
    expect(model.kpis.items.map((k) => k.id)).toEqual([
      'attack-success-rate',
      'containment-ratio',
      'delegation-integrity',
      'revocation-latency',
    ]);
    for (const k of model.kpis.items) {
      expect(k.label).toBe('Posture measure');
      expect(k.formula.length).toBeGreaterThan(10);
    }
    const asr = model.kpis.items[0];
    const stored = input.kpis?.agents.attackSuccessRate;
    expect(asr?.numerator).toBe(stored?.numerator);
    expect(asr?.display).toBe(`${Math.round((stored?.value ?? 0) * 100)} %`);
  });

  it('says clearly when scores, KPIs or the diff are not available', () => {
    const bare: ReportInput = {
      ...input,
      scores: undefined,
      kpis: undefined,
      change: { status: 'not-available', reason: 'the previous scan has not been assessed' },
    };
    const model = buildReportModel(bare, options());
    expect(model.kpis.available).toBe(false);
    expect(model.scoring.basis).toBe('risk-points');
    const html = renderReportHtml(model, { paper: 'a4' });
    expect(html).toContain('Posture KPIs: not available.');
    expect(html).toContain('Change since the previous scan: not available.');
    expect(html).toContain('the previous scan has not been assessed');
  });

  it('hashes the data, not the date: same data same hash, other data other hash', () => {
    const a = buildReportModel(input, options());
    const b = buildReportModel(input, options({ generatedAt: '2027-01-01T00:00:00.000Z' }));
    expect(a.integrity.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.integrity.dataHash).toBe(a.integrity.dataHash);
    expect(reportDataHash(a)).toBe(a.integrity.dataHash);
    const fewer = {
      ...input,
      assessment: { ...input.assessment, findings: input.assessment.findings.slice(1) },
    };
    expect(buildReportModel(fewer, options()).integrity.dataHash).not.toBe(a.integrity.dataHash);
    expect(a.integrity.auditHead).toBe(input.auditHead);
  });
});

describe('report HTML', () => {
  let full: ReportModel;
  let html: string;
  beforeAll(() => {
    full = buildReportModel(input, options());
    html = renderReportHtml(full, { paper: 'a4' });
  });

  it('has every section of the full report', () => {
    for (const title of FULL_REPORT_HEADINGS) expect(html, title).toContain(`${title}<`);
    expect(html).toContain(full.integrity.dataHash);
    expect(html).toContain(input.auditHead);
    for (const fw of Object.values(FRAMEWORKS)) expect(html).toContain(fw.name.replace(/&/g, '&amp;'));
  });

  it('prints the engagement’s real numbers', () => {
    const t = full.totals;
    expect(html).toContain(`<span class="v">${t.identities.toLocaleString('en-US')}</span>`);
    expect(html).toContain(`<span class="v">${t.findingsOpen.toLocaleString('en-US')}</span>`);
    expect(html).toContain(`${t.agentsYes} confirmed, ${t.agentsLikely} likely`);
    const kpis = full.kpis.available ? full.kpis.items : [];
    for (const k of kpis)
      expect(html).toContain(`<div class="value">${k.display.replace(/&/g, '&amp;')}</div>`);
  });

  it('shows hostile names as inert text', () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;)');
    // Nothing loads from anywhere; the only script is the hashed ready marker.
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#x27;')}"`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/\s(src|href)="(https?:|\/\/)/);
    expect(html).not.toMatch(/<img(?![^>]*src="data:)/);
  });

  it('is the same for the same data apart from the date', () => {
    const again = renderReportHtml(buildReportModel(input, options()), { paper: 'a4' });
    expect(again).toBe(html);
    const later = renderReportHtml(
      buildReportModel(input, options({ generatedAt: '2027-03-04T10:00:00.000Z' })),
      {
        paper: 'a4',
      },
    );
    const strip = (s: string) =>
      s
        .replace(/2026-11-02 09:00 UTC|2027-03-04 10:00 UTC/g, 'DATE')
        .replace(/2 November 2026|4 March 2027/g, 'DATE')
        .replace(/2026-11-02|2027-03-04/g, 'DATE')
        .replace(/\\32 026-11-02|\\32 027-03-04/g, 'DATE');
    expect(strip(later)).toBe(strip(html));
  });

  it('sets the paper size and puts the hostile client name safely into the running header', () => {
    const model = buildReportModel(
      input,
      options({ branding: { consultancy: FORMULA, clientName: `${XSS}</style>` } }),
    );
    const letter = renderReportHtml(model, { paper: 'letter' });
    expect(letter).toContain('size: letter;');
    const style = letter.slice(letter.indexOf('<style>'), letter.indexOf('</style>') + 8);
    // The name reaches the CSS only as escaped code points: it cannot close the string or the element.
    expect(style.match(/<\/style>/g)).toHaveLength(1);
    expect(style).not.toContain('<img');
    expect(style).toContain('\\3c img src\\3d x onerror\\3d alert(1)\\3e ');
  });
});
