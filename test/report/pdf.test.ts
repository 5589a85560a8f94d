/**
 * The PDF itself, read back with poppler-utils (pdftotext, pdfinfo): one full report on A4 and one
 * executive report on Letter of the shared test engagement, printed by the installed Chromium
 * through playwright-core exactly as `agent-anchor report --format pdf` does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngagement } from '../../db';
import { loadReportInput, writeReport } from '../../engagement/export';
import { buildReportModel } from '../../report/model';
import type { ReportModel } from '../../report/types';
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
const pdfs: Record<'full' | 'executive', { file: string; text: string; pages: number; size: string }> = {
  full: { file: '', text: '', pages: 0, size: '' },
  executive: { file: '', text: '', pages: 0, size: '' },
};
let model: ReportModel;
let executive: ReportModel;
let auditHashes: Set<string>;

function pdfInfo(file: string): { pages: number; size: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0),
    size: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '',
  };
}

/** The agent badge after each name, as printed (upper-case by CSS). */
const BADGE = { yes: 'AGENT', likely: 'LIKELY AGENT', no: 'NHI' } as const;

/** pdftotext output with runs of whitespace folded, so wrapped names and numbers read as one. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aa-report-pdf-'));
  eng = await buildReportEngagement(dir);
  for (const variant of ['full', 'executive'] as const) {
    const file = join(dir, `${variant}.pdf`);
    await writeReport(eng.file, {
      format: 'pdf',
      variant,
      paper: variant === 'full' ? 'a4' : 'letter',
      out: file,
      generatedAt: GENERATED_AT,
      consultancy: 'Harbor & Finch Security',
      clientName: 'Northwind Robotics',
    });
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    pdfs[variant] = { file, text, ...pdfInfo(file) };
  }
  const db = openEngagement(eng.file);
  try {
    const input = loadReportInput(db, eng.scanId);
    const branding = { consultancy: 'Harbor & Finch Security', clientName: 'Northwind Robotics' };
    model = buildReportModel(input, { variant: 'full', generatedAt: GENERATED_AT, branding });
    executive = buildReportModel(input, { variant: 'executive', generatedAt: GENERATED_AT, branding });
    auditHashes = new Set(db.listAudit().map((e) => e.hash));
  } finally {
    db.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('full PDF report', () => {
  it('is a real PDF on A4 with page numbers and running headers', () => {
    const { file, pages, size, text } = pdfs.full;
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(size).toMatch(/^59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(pages).toBeGreaterThan(pdfs.executive.pages);
    expect(text).toContain(`Page 2 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('Northwind Robotics · AI agent identity assessment');
    expect(text).toContain('Harbor & Finch Security');
  });

  it('has every section', () => {
    const text = pdfs.full.text;
    for (const heading of [
      ...FULL_REPORT_HEADINGS,
      // Only the PDF test reads the text below the headings: a roadmap group and the frameworks.
      'Quick wins',
      'OWASP Non-Human Identities Top 10 (2025)',
      'OWASP Top 10 for Agentic Applications (2026)',
      'NIST AI Risk Management Framework',
      'ISO/IEC 42001',
    ])
      expect(text, heading).toContain(heading);
  });

  it('carries the engagement’s real numbers, KPIs and integrity hashes', () => {
    const text = flat(pdfs.full.text);
    const t = model.totals;
    expect(text).toContain(
      `${t.identities.toLocaleString('en-US')} non-human identities reviewed in 3 AWS accounts and 1 Entra tenant`,
    );
    expect(text).toContain(`${t.findingsOpen.toLocaleString('en-US')} open findings`);
    expect(text).toContain(`${t.agentsYes} confirmed, ${t.agentsLikely} likely`);
    if (model.kpis.available) for (const k of model.kpis.items) expect(text).toContain(k.display);
    expect(text).toContain('POSTURE MEASURE');
    const compact = pdfs.full.text.replace(/\s+/g, '');
    expect(compact).toContain(model.integrity.dataHash);
    // The audit head printed is an entry of the engagement's audit chain (the one before this export).
    const head = /Auditchainhead([0-9a-f]{64})/.exec(compact)?.[1];
    expect(head && auditHashes.has(head)).toBe(true);
    // Every rule with findings has its section, with its id.
    for (const rule of model.findingsByRule) expect(compact).toContain(rule.ruleId);
  });

  it('lists agents first in the identity appendix', () => {
    const text = flat(pdfs.full.text);
    const start = text.lastIndexOf('A Identities with findings');
    const end = text.lastIndexOf('B Triage decisions and suppressions');
    const appendix = text.slice(start, end);
    const positions = model.appendix.entries.map((e) => ({
      agent: e.identity.agent !== 'no',
      at: appendix.indexOf(`${flat(e.identity.name)} ${BADGE[e.identity.agent]}`),
    }));
    for (const p of positions) expect(p.at).toBeGreaterThan(0);
    const lastAgent = Math.max(...positions.filter((p) => p.agent).map((p) => p.at));
    const firstOther = Math.min(...positions.filter((p) => !p.agent).map((p) => p.at));
    expect(lastAgent).toBeLessThan(firstOther);
    // The riskiest agent opens the appendix (the demo's admin-reaching agents rank with the hostile role).
    expect(model.appendix.entries[0]?.identity.id).toBe(model.topRisks[0]?.identity.id);
    expect(appendix.indexOf(FORMULA)).toBeLessThan(firstOther);
  });

  it('prints hostile names as the text they are', () => {
    const text = flat(pdfs.full.text);
    expect(text).toContain(XSS);
    expect(text).toContain(FORMULA);
    expect(text).toContain(`${XSS} AGENT`);
  });
});

describe('executive PDF report', () => {
  it('fits in at most 10 Letter pages and has its sections', () => {
    const { pages, size, text } = pdfs.executive;
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(10);
    expect(size).toMatch(/^612 x 792 pts \(letter\)/);
    for (const heading of [
      'EXECUTIVE REPORT',
      '1 Executive summary',
      'Top 10 agent risks',
      '2 Risk overview',
      '3 Remediation roadmap',
      '4 Key findings',
      '5 Compliance overview',
      '6 Methodology and coverage',
      'Integrity',
    ])
      expect(text, heading).toContain(heading);
    expect(text).not.toContain('Identities with findings');
    expect(flat(text)).toContain(`${model.totals.findingsOpen.toLocaleString('en-US')} open findings`);
    expect(text.replace(/\s+/g, '')).toContain(executive.integrity.dataHash);
    expect(executive.integrity.dataHash).not.toBe(model.integrity.dataHash);
  });
});
