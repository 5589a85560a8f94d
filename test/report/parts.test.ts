/**
 * The report's building blocks that need no engagement: finding a browser, printing through an
 * Electron-like target, cell encodings for CSV and XLSX, CSS strings, ZIP dates, logos, options.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../model/errors';
import { BROWSER_ENV, browserCandidates, findBrowser } from '../../report/browser';
import {
  electronPdfOptions,
  printReportWithElectron,
  type ElectronPrintTarget,
} from '../../report/pdf-electron';
import { WAIT_FOR_READY_EXPRESSION } from '../../report/print-options';
import { csvCell, neutraliseFormula, toCsv } from '../../report/export/csv';
import { xlsxText } from '../../report/export/xlsx';
import { setZipEntryDates } from '../../report/export/zip-dates';
import { cssString } from '../../report/html/styles';
import { shortAction } from '../../report/sections/roadmap';
import { clip } from '../../report/format';
import { csvTargets, readLogo, writeReport } from '../../engagement/export';

const dir = mkdtempSync(join(tmpdir(), 'aa-report-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('browser lookup', () => {
  it('takes AGENT_ANCHOR_CHROMIUM first, then the platform’s usual paths in order', () => {
    const present = new Set(['/usr/bin/google-chrome', '/opt/custom/chrome']);
    const exists = (p: string) => present.has(p);
    expect(findBrowser({ platform: 'linux', env: {}, exists })).toBe('/usr/bin/google-chrome');
    expect(findBrowser({ platform: 'linux', env: { [BROWSER_ENV]: '/opt/custom/chrome' }, exists })).toBe(
      '/opt/custom/chrome',
    );
    const win = browserCandidates('win32', {
      PROGRAMFILES: 'C:\\Program Files',
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
    });
    expect(win.some((p) => p.endsWith(join('Microsoft', 'Edge', 'Application', 'msedge.exe')))).toBe(true);
    expect(browserCandidates('darwin', { HOME: '/Users/a' })[0]).toBe(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
  });

  it('says what to install when nothing is found', () => {
    const lookup = () => findBrowser({ platform: 'linux', env: {}, exists: () => false });
    expect(lookup).toThrow(UsageError);
    expect(lookup).toThrow(/apt-get install chromium/);
    expect(lookup).toThrow(/AGENT_ANCHOR_CHROMIUM/);
    expect(() => findBrowser({ platform: 'darwin', env: {}, exists: () => false })).toThrow(
      /Google Chrome or Microsoft Edge/,
    );
    expect(() =>
      findBrowser({ platform: 'linux', env: { [BROWSER_ENV]: '/nope' }, exists: () => false }),
    ).toThrow(/AGENT_ANCHOR_CHROMIUM is set to \/nope, which does not exist/);
  });
});

describe('Electron printing', () => {
  it('waits for the ready marker before printing, with the CSS page size', async () => {
    const calls: string[] = [];
    const target: ElectronPrintTarget = {
      async executeJavaScript(code) {
        calls.push(`eval:${code === WAIT_FOR_READY_EXPRESSION}`);
        return true;
      },
      async printToPDF(options) {
        calls.push(`print:${options.pageSize}:${options.preferCSSPageSize}`);
        return Buffer.from('%PDF-1.7\n...');
      },
    };
    const pdf = await printReportWithElectron(target, 'letter');
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(calls).toEqual(['eval:true', 'print:Letter:true']);
    expect(electronPdfOptions('a4')).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: false,
    });
  });

  it('refuses what is not a PDF and does not print when the page never gets ready', async () => {
    const notPdf: ElectronPrintTarget = {
      executeJavaScript: async () => true,
      printToPDF: async () => Buffer.from('<html>error</html>'),
    };
    await expect(printReportWithElectron(notPdf, 'a4')).rejects.toThrow('did not return a PDF');
    let printed = false;
    const broken: ElectronPrintTarget = {
      executeJavaScript: async () => {
        throw new Error('render process gone');
      },
      printToPDF: async () => {
        printed = true;
        return Buffer.from('%PDF-');
      },
    };
    await expect(printReportWithElectron(broken, 'a4')).rejects.toThrow('render process gone');
    expect(printed).toBe(false);
  });
});

describe('CSV cells', () => {
  it('neutralises every formula trigger and quotes text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('a,b\r\nc')).toBe('"a,b\r\nc"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    const csv = toCsv({ name: 't', columns: [{ key: 'a', header: 'a', width: 1 }], rows: [['x'], [null]] });
    expect(csv).toBe('\uFEFF"a"\r\n"x"\r\n\r\n');
  });
});

describe('XLSX text', () => {
  it('keeps characters XML cannot hold with Excel’s escape, and literal escapes literal', () => {
    expect(xlsxText('ok\u0000\u0007\u001b[31m')).toBe('ok_x0000__x0007__x001B_[31m');
    expect(xlsxText('_x0041_')).toBe('_x005F_x0041_');
    expect(xlsxText('=HYPERLINK("http://x")')).toBe('=HYPERLINK("http://x")');
    const long = xlsxText('a'.repeat(40_000));
    expect(long).toHaveLength(32_767);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('CSS strings', () => {
  it('escapes everything that could end the string, the rule or the style element', () => {
    const s = cssString('A "b" \\ </style><script>x</script> {}; Ü 😀');
    expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
    const inner = s.slice(1, -1);
    expect(inner).not.toMatch(/["<>{};]/);
    expect(inner).not.toMatch(/\\(?![0-9a-f]+ )/);
    expect(s).toContain('\\1f600 ');
    expect([...cssString('x'.repeat(200))].length).toBeLessThanOrEqual(92);
  });
});

describe('ZIP entry dates', () => {
  it('rewrites the DOS time of every entry and keeps the archive intact', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['x']);
    const zip = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const fixed = setZipEntryDates(zip, new Date('2026-11-02T09:00:10.000Z'));
    // 2026-11-02: ((2026-1980)<<9)|(11<<5)|2 ; 09:00:10: (9<<11)|(0<<5)|5
    const date = ((2026 - 1980) << 9) | (11 << 5) | 2;
    const time = (9 << 11) | 5;
    expect(fixed.readUInt16LE(10)).toBe(time);
    expect(fixed.readUInt16LE(12)).toBe(date);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(fixed as unknown as ArrayBuffer);
    expect(back.getWorksheet('S')?.getCell('A1').value).toBe('x');
    expect(() => setZipEntryDates(Buffer.from('not a zip at all, no end record here'), new Date())).toThrow(
      'not a ZIP file',
    );
  });
});

describe('roadmap and text helpers', () => {
  it('turns a remediation with commands into one plain sentence', () => {
    expect(
      shortAction(
        'Confirm the key is not needed (`aws iam get-access-key-last-used --access-key-id <key-id>`), then deactivate it: `aws iam update-access-key`.',
      ),
    ).toBe('Confirm the key is not needed, then deactivate it.');
    expect(shortAction('Delete the key. Then more.')).toBe('Delete the key.');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('😀😀😀', 3)).toBe('😀😀😀');
  });
});

describe('export options', () => {
  it('puts CSV tables in a folder, beside a .csv name, or in the one file asked for', () => {
    expect(csvTargets('out', undefined).map((t) => t.path)).toEqual(
      ['identities', 'credentials', 'findings'].map((t) => join('out', `${t}.csv`)),
    );
    expect(csvTargets('x/report.csv', undefined).map((t) => t.path)).toEqual([
      'x/report-identities.csv',
      'x/report-credentials.csv',
      'x/report-findings.csv',
    ]);
    expect(csvTargets('x/f.csv', 'findings')).toEqual([{ table: 'findings', path: 'x/f.csv' }]);
  });

  it('refuses options that do not apply before touching the engagement', async () => {
    const missing = join(dir, 'missing.anchor');
    await expect(writeReport(missing, { format: 'csv', variant: 'executive', out: dir })).rejects.toThrow(
      '--variant applies to pdf and html',
    );
    await expect(writeReport(missing, { format: 'json', table: 'findings', out: dir })).rejects.toThrow(
      '--table applies to --format csv only',
    );
  });

  it('reads PNG and SVG logos as data URLs and refuses anything else', async () => {
    const png = join(dir, 'logo.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect((await readLogo(png)).dataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const svg = join(dir, 'logo.svg');
    writeFileSync(
      svg,
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
    );
    expect((await readLogo(svg)).dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const html = join(dir, 'logo.png.html');
    writeFileSync(html, '<html><script>alert(1)</script></html>');
    await expect(readLogo(html)).rejects.toThrow('is not a PNG, JPEG or SVG image');
    await expect(readLogo(join(dir, 'nope.png'))).rejects.toThrow('cannot read logo');
  });
});
