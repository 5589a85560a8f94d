/**
 * CSV, JSON and XLSX exports of a real engagement through the use case and the CLI: every row is
 * there, hostile names stay inert text, output is reproducible, and every export lands in the
 * audit log with its hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../db/canonical-json';
import { openEngagement } from '../../db';
import { loadReportInput, reportExporter, writeReport } from '../../engagement/export';
import { buildReportModel } from '../../report/model';
import { renderXlsx } from '../../report/export/xlsx';
import { EXPORT_SCHEMA_VERSION, jsonExportHash, type JsonExport } from '../../report/export/json';
import { runCli } from '../cli/run-cli';
import { FORMULA, GENERATED_AT, XSS, buildReportEngagement, type ReportEngagement } from './fixture';

let dir: string;
let eng: ReportEngagement;
let counts: { identities: number; credentials: number; findings: number; scores: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aa-report-exports-'));
  eng = await buildReportEngagement(dir);
  const db = openEngagement(eng.file);
  try {
    const inv = db.readInventory(eng.scanId);
    counts = {
      identities: inv.identities.length,
      credentials: inv.credentials.length,
      findings: db.listFindings(eng.scanId).length,
      scores: db.listScores(eng.scanId).length,
    };
  } finally {
    db.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function auditCount(): number {
  const db = openEngagement(eng.file);
  try {
    return db.listAudit().length;
  } finally {
    db.close();
  }
}

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('CSV export', () => {
  it('writes identities, credentials and findings, neutralising formulas and quoting properly', async () => {
    const out = join(dir, 'csv');
    const result = await writeReport(eng.file, {
      format: 'csv',
      out,
      generatedAt: GENERATED_AT,
      actor: 'tester',
    });
    expect(result.files.map((f) => f.path)).toEqual(
      ['identities', 'credentials', 'findings'].map((t) => join(out, `${t}.csv`)),
    );
    const read = (name: string) => readFileSync(join(out, `${name}.csv`), 'utf8');
    const identities = read('identities');
    expect(identities.charCodeAt(0)).toBe(0xfeff);
    const idRows = parseCsv(identities.slice(1));
    expect(idRows).toHaveLength(counts.identities + 1);
    const header = idRows[0] ?? [];
    const nameCol = header.indexOf('name');
    const agentCol = header.indexOf('agent');
    const names = idRows.slice(1).map((r) => r[nameCol]);
    // A formula-looking name gets a leading apostrophe; the HTML-looking one is plain text.
    expect(names).toContain(`'${FORMULA}`);
    expect(names).not.toContain(FORMULA);
    expect(names).toContain(XSS);
    expect(identities).toContain(`"'=HYPERLINK(""http://x"")"`);
    const hostile = idRows.find((r) => r[nameCol] === `'${FORMULA}`);
    expect(hostile?.[agentCol]).toBe('yes');
    // No raw cell starts a formula anywhere.
    for (const file of ['identities', 'credentials', 'findings'])
      for (const row of parseCsv(read(file).slice(1)))
        for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]/);

    expect(parseCsv(read('credentials').slice(1))).toHaveLength(counts.credentials + 1);
    const findings = parseCsv(read('findings').slice(1));
    expect(findings).toHaveLength(counts.findings + 1);
    const fHeader = findings[0] ?? [];
    const accepted = findings.find((r) => r[fHeader.indexOf('key')] === eng.acceptedKey);
    expect(accepted?.[fHeader.indexOf('triage_status')]).toBe('accepted-risk');
    expect(accepted?.[fHeader.indexOf('triage_note')]).toBe(`'${FORMULA}`);
    // Agents first.
    const agents = findings.slice(1).map((r) => r[fHeader.indexOf('agent')]);
    const firstOther = agents.indexOf('no');
    expect(firstOther).toBeGreaterThan(0);
    expect(agents.slice(firstOther).some((a) => a === 'yes' || a === 'likely')).toBe(false);
  });

  it('writes one table with --table and is byte-identical for the same data and date', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    await writeReport(eng.file, { format: 'csv', table: 'findings', out: a, generatedAt: GENERATED_AT });
    await writeReport(eng.file, { format: 'csv', table: 'findings', out: b, generatedAt: GENERATED_AT });
    expect(readFileSync(a)).toEqual(readFileSync(b));
  });
});

describe('JSON export', () => {
  it('holds every identity, credential, grant, finding, score and KPI under schemaVersion 1', async () => {
    const out = join(dir, 'export.json');
    const result = await writeReport(eng.file, { format: 'json', out, generatedAt: GENERATED_AT });
    const doc = JSON.parse(readFileSync(out, 'utf8')) as JsonExport;
    expect(doc.schemaVersion).toBe(EXPORT_SCHEMA_VERSION);
    expect(doc.format).toBe('agent-anchor-export');
    expect(doc.scan.id).toBe(eng.scanId);
    expect(doc.identities).toHaveLength(counts.identities);
    expect(doc.credentials).toHaveLength(counts.credentials);
    expect(doc.findings).toHaveLength(counts.findings);
    expect(doc.grants.length).toBe(doc.scan.counts.grants);
    expect(counts.scores).toBeGreaterThan(0);
    expect(doc.scores).toHaveLength(counts.scores);
    expect(doc.identities.find((i) => i.id === eng.awsAgentId)?.score).toBe(
      doc.scores?.find((s) => s.identityId === eng.awsAgentId)?.score,
    );
    expect(doc.kpis?.agents.attackSuccessRate.label).toBe('posture measure');
    const hostile = doc.identities.find((i) => i.id === eng.entraAgentId);
    expect(hostile?.displayName).toBe(XSS);
    expect(hostile?.agent.verdict).toBe('yes');
    expect(doc.findings.find((f) => f.key === eng.acceptedKey)?.status).toBe('accepted-risk');
    expect(doc.suppressions).toHaveLength(1);
    expect(doc.findings.some((f) => f.status === 'suppressed')).toBe(true);
    // The integrity hash can be recomputed from the document alone.
    expect(jsonExportHash(doc)).toBe(doc.integrity.dataSha256);
    const { generatedAt: _g, integrity, ...rest } = doc;
    expect(sha256(canonicalJson(rest))).toBe(integrity.dataSha256);
    expect(result.dataHash).toBe(doc.integrity.dataSha256);
  });
});

describe('XLSX export', () => {
  it('has the six sheets with frozen, filtered headers and stores hostile text as text', async () => {
    const out = join(dir, 'export.xlsx');
    await writeReport(eng.file, { format: 'xlsx', out, generatedAt: GENERATED_AT });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Agents',
      'Identities',
      'Credentials',
      'Findings',
      'Frameworks',
    ]);
    for (const name of ['Agents', 'Identities', 'Credentials', 'Findings', 'Frameworks']) {
      const ws = wb.getWorksheet(name);
      expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws?.autoFilter).toBeTruthy();
    }
    const identities = wb.getWorksheet('Identities');
    expect(identities?.rowCount).toBe(counts.identities + 1);
    expect(wb.getWorksheet('Findings')?.rowCount).toBe(counts.findings + 1);
    let formulaCell: ExcelJS.Cell | undefined;
    let xssCell: ExcelJS.Cell | undefined;
    identities?.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === FORMULA) formulaCell = cell;
        if (cell.value === XSS) xssCell = cell;
      }),
    );
    expect(formulaCell?.type).toBe(ExcelJS.ValueType.String);
    expect(formulaCell?.formula).toBeUndefined();
    expect(xssCell?.type).toBe(ExcelJS.ValueType.String);
    // Agents sheet: agents only, highest risk first; the hostile admin-equivalent role has the top score.
    const agents = wb.getWorksheet('Agents');
    const scoreColumn = (agents?.getRow(1).values as unknown[]).indexOf('score');
    const rows: { id: unknown; score: number }[] = [];
    agents?.eachRow((row, n) => {
      if (n > 1) rows.push({ id: row.getCell(1).value, score: Number(row.getCell(scoreColumn).value) });
    });
    const top = Math.max(...rows.map((r) => r.score));
    expect(rows[0]?.score).toBe(top);
    expect(rows.find((r) => r.id === eng.awsAgentId)?.score).toBe(top);
  });

  it('contains no formula at all and is byte-identical for the same data and date', async () => {
    // Same input (each export moves the audit head the workbook quotes, so not two exports).
    const db = openEngagement(eng.file);
    const input = (() => {
      try {
        return loadReportInput(db, eng.scanId);
      } finally {
        db.close();
      }
    })();
    const model = buildReportModel(input, {
      variant: 'executive',
      generatedAt: GENERATED_AT,
      branding: { consultancy: 'Harbor & Finch Security', clientName: 'Northwind Robotics' },
    });
    const a = await renderXlsx(input, model);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip entries carry 2-second DOS times
    const b = await renderXlsx(input, model);
    expect(sha256(a)).toBe(sha256(b));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a as unknown as ArrayBuffer);
    let formulas = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
        }),
      );
    expect(formulas).toBe(0);
  });
});

describe('audit log and CLI', () => {
  it('fails with what to install when no browser can print the PDF, and writes nothing', async () => {
    const before = auditCount();
    const saved = process.env.AGENT_ANCHOR_CHROMIUM;
    process.env.AGENT_ANCHOR_CHROMIUM = join(dir, 'no-such-browser');
    try {
      await expect(writeReport(eng.file, { format: 'pdf', out: join(dir, 'none.pdf') })).rejects.toThrow(
        /AGENT_ANCHOR_CHROMIUM is set to .*no-such-browser, which does not exist/,
      );
    } finally {
      if (saved === undefined) delete process.env.AGENT_ANCHOR_CHROMIUM;
      else process.env.AGENT_ANCHOR_CHROMIUM = saved;
    }
    expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
    expect(auditCount()).toBe(before);
  });

  it('records every export with format, variant and output hash', async () => {
    const out = join(dir, 'audited.html');
    const result = await writeReport(eng.file, {
      format: 'html',
      variant: 'executive',
      paper: 'letter',
      out,
      generatedAt: GENERATED_AT,
      actor: 'consultant@example.com',
    });
    const db = openEngagement(eng.file);
    try {
      const entry = db.listAudit().find((e) => e.id === result.auditId);
      expect(entry?.action).toBe('export');
      expect(entry?.actor).toBe('consultant@example.com');
      expect(entry?.detail).toMatchObject({
        format: 'html',
        variant: 'executive',
        paper: 'letter',
        scanId: eng.scanId,
        sha256: sha256(readFileSync(out)),
        dataHash: result.dataHash ?? '',
      });
      expect(db.verifyAudit().ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('serves the app: one CSV table per file, PDF through the host’s printer, cancellation', async () => {
    const printed: { html: string; paper: string }[] = [];
    const exporter = reportExporter({
      printPdf: async (html, paper) => {
        printed.push({ html, paper });
        return Buffer.from('%PDF-1.7 printed by the host');
      },
    });
    expect(exporter.formats()).toEqual(['pdf', 'html', 'csv', 'json', 'xlsx']);
    const base = {
      file: eng.file,
      scanId: eng.scanId,
      variant: 'executive' as const,
      paper: 'letter' as const,
      table: 'credentials' as const,
      actor: 'app-user',
      signal: new AbortController().signal,
      onProgress: () => undefined,
    };
    const csv = join(dir, 'app.csv');
    const written = await exporter.write({ ...base, format: 'csv', out: csv });
    const rows = parseCsv(readFileSync(csv, 'utf8').slice(1));
    expect(rows[0]?.[0]).toBe('id');
    expect(rows).toHaveLength(counts.credentials + 1);
    expect(written.bytes).toBe(readFileSync(csv).length);
    const pdf = join(dir, 'app.pdf');
    await exporter.write({ ...base, format: 'pdf', out: pdf });
    expect(printed).toHaveLength(1);
    expect(printed[0]?.paper).toBe('letter');
    expect(printed[0]?.html).toContain('Executive report');
    expect(readFileSync(pdf, 'latin1')).toBe('%PDF-1.7 printed by the host');

    const before = auditCount();
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(
      exporter.write({ ...base, format: 'html', out: join(dir, 'cancelled.html'), signal: cancelled.signal }),
    ).rejects.toThrow();
    expect(existsSync(join(dir, 'cancelled.html'))).toBe(false);
    expect(auditCount()).toBe(before);
  });

  it('agent-anchor report writes the export of the asked scan and says where', () => {
    const out = join(dir, 'cli.json');
    const ok = runCli([
      'report',
      eng.file,
      '--format',
      'json',
      '--out',
      out,
      '--scan',
      String(eng.firstScan),
    ]);
    expect(ok.code).toBe(0);
    // Progress goes to stderr, results to stdout.
    expect(ok.stderr).toContain('render JSON');
    expect(ok.stdout).toContain(`Wrote ${out}`);
    expect(ok.stdout).toContain('recorded in the audit log');
    expect((JSON.parse(readFileSync(out, 'utf8')) as JsonExport).scan.id).toBe(eng.firstScan);
  });
});
