/**
 * The report's stylesheet. Print first: @page sizes for A4 and Letter, running headers and page
 * numbers in @page margin boxes (Chromium 131+, so Playwright's Chromium and Electron's print the
 * same), page breaks before chapters, no heading left alone at a page end, table rows kept whole,
 * long ARNs and ids wrapped anywhere. Severity and agent badges differ in shape and fill as well
 * as colour, so a grayscale print keeps them apart.
 */
import { CHART_FONT } from '../charts';
import type { PaperSize } from '../types';

/** A CSS string literal whose content cannot end the string, the rule or the <style> element. */
export function cssString(value: string, maxLength = 90): string {
  const chars = [...value];
  const clipped = chars.length > maxLength ? [...chars.slice(0, maxLength - 1), '…'] : chars;
  let out = '"';
  for (const ch of clipped) {
    if (/^[A-Za-z0-9 .,_·…()-]$/.test(ch)) out += ch;
    else out += `\\${(ch.codePointAt(0) ?? 0x3f).toString(16)} `;
  }
  return `${out}"`;
}

export interface RunningText {
  topLeft: string;
  topRight: string;
  bottomLeft: string;
}

const PAGE_SIZE: Record<PaperSize, string> = { a4: 'A4', letter: 'letter' };
/** The cover fills the page inside the margins: 297 - 33 mm on A4, 279.4 - 33 mm on Letter, less a little slack. */
const COVER_HEIGHT: Record<PaperSize, string> = { a4: '258mm', letter: '240mm' };

export function reportCss(paper: PaperSize, running: RunningText): string {
  const box = (content: string) =>
    `content: ${content}; font-family: ${CHART_FONT}; font-size: 7.5pt; color: #555;`;
  return `
@page {
  size: ${PAGE_SIZE[paper]};
  margin: 17mm 15mm 16mm 15mm;
  @top-left { ${box(cssString(running.topLeft))} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { ${box(cssString(running.topRight))} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { ${box(cssString(running.bottomLeft, 120))} vertical-align: top; padding-top: 3mm; }
  @bottom-right { ${box('"Page " counter(page) " of " counter(pages)')} vertical-align: top; padding-top: 3mm; }
}
@page :first {
  @top-left { content: none; } @top-right { content: none; }
  @bottom-left { content: none; } @bottom-right { content: none; }
}
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${CHART_FONT}; font-size: 9pt; line-height: 1.38; color: #1a1a1a; background: #fff; }
@media screen {
  body { background: #e9ecef; }
  main { max-width: 190mm; margin: 12px auto; background: #fff; padding: 14mm 14mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
  .chapter { margin-top: 16mm; border-top: 1px solid #ccc; padding-top: 6mm; }
}
h1, h2, h3, h4 { font-weight: 700; color: #10243e; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h2 { font-size: 16pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #10243e; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
h4 { font-size: 9.5pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; orphans: 3; widows: 3; }
a { color: inherit; text-decoration: none; }
code, .mono { font-family: 'Liberation Mono', 'DejaVu Sans Mono', Consolas, monospace; font-size: 0.92em; }
.chapter { break-before: page; page-break-before: always; }
.chapter.flow { break-before: auto; page-break-before: auto; margin-top: 7mm; }
.keep { break-inside: avoid; page-break-inside: avoid; }
/* A heading and what follows it start on the same page. */
.block-head { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
.muted { color: #555; }
.small { font-size: 8pt; }
.wrap, td, th, .ident, li, p { overflow-wrap: anywhere; }

/* Cover */
.cover { height: ${COVER_HEIGHT[paper]}; display: flex; flex-direction: column; justify-content: space-between; }
.cover-top { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; }
.cover-logo { max-height: 22mm; max-width: 70mm; object-fit: contain; }
.cover-consultancy { font-size: 12pt; font-weight: 700; color: #10243e; }
.cover-title { margin-top: 45mm; }
.cover-title .kicker { font-size: 10pt; letter-spacing: .18em; text-transform: uppercase; color: #555; }
.cover-title h1 { font-size: 28pt; line-height: 1.15; margin: 3mm 0 4mm; border: 0; }
.cover-title .client { font-size: 17pt; color: #10243e; }
.cover-band { border-top: 3pt solid #10243e; padding-top: 4mm; }
.cover-meta { width: 100%; border-collapse: collapse; }
.cover-meta th { text-align: left; width: 38mm; font-weight: 600; color: #444; padding: 1mm 0; border: 0; vertical-align: top; }
.cover-meta td { padding: 1mm 0; border: 0; }
.confidential { margin-top: 4mm; font-size: 8pt; color: #444; }

/* Table of contents */
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { display: flex; gap: 4mm; padding: 1.6mm 0; border-bottom: 0.5pt dotted #999; font-size: 10.5pt; }
.toc li .no { width: 12mm; font-weight: 700; color: #10243e; }
.toc li .sub { color: #555; font-size: 8.5pt; margin-left: auto; text-align: right; }
.guide { margin-top: 10mm; border: 0.8pt solid #9aa3ad; padding: 3mm 4mm; }
.guide h3 { margin-top: 0; }
.guide table.kv th { width: 26%; }
.guide table.kv td, .guide table.kv th { padding: 1mm 0; border-bottom: 0.5pt dotted #bbb; }

/* Tables */
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 3mm; }
table.data th, table.data td { border: 0.5pt solid #9aa3ad; padding: 1mm 1.4mm; vertical-align: top; text-align: left; }
table.data thead th { background: #e3e8ee; font-weight: 700; font-size: 8pt; color: #10243e; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data.compact { font-size: 7.6pt; line-height: 1.3; }
table.data.compact th, table.data.compact td { padding: 0.6mm 1.1mm; }
table.kv { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.kv th { text-align: left; font-weight: 600; color: #444; width: 34%; padding: 0.6mm 2mm 0.6mm 0; vertical-align: top; }
table.kv td { padding: 0.6mm 0; vertical-align: top; }
tr.suppressed td { color: #555; font-style: italic; }

/* Badges: text always present; shape and fill differ for grayscale. */
.sev { display: inline-block; min-width: 13mm; text-align: center; font-size: 7pt; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; border-radius: 1mm; padding: 0.2mm 1mm; white-space: nowrap; border: 0.8pt solid #111; }
.sev-critical { background: #7f1d1d; color: #fff; border-color: #000; box-shadow: inset 0 0 0 0.8pt #fff; }
.sev-high { background: #c2410c; color: #fff; border-color: #5a1e05; }
.sev-medium { background: #fde68a; color: #3d2e00; border-style: double; border-width: 2pt; border-color: #8a6a00; padding: 0 0.8mm; }
.sev-low { background: #fff; color: #1e3a8a; border-style: dashed; border-color: #1e3a8a; }
.sev-info { background: #fff; color: #444; border-style: dotted; border-color: #666; }
.agent { display: inline-block; font-size: 6.8pt; font-weight: 700; text-transform: uppercase; padding: 0 0.9mm; border-radius: 0.8mm; border: 0.8pt solid #10243e; white-space: nowrap; }
.agent-yes { background: #10243e; color: #fff; }
.agent-likely { background: #fff; color: #10243e; border-style: dashed; }
.agent-no { background: #fff; color: #555; border-color: #999; }
.tag-posture { display: inline-block; font-size: 6.5pt; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; border: 0.8pt solid #333; padding: 0 1mm; border-radius: 0.8mm; color: #333; }

/* Identity cell: name, then kind and native id in small type. */
.ident .name { font-weight: 600; }
.ident .sub { display: block; font-size: 0.88em; color: #555; }

/* Executive summary */
.headline { border-left: 2.5pt solid #10243e; background: #f2f5f8; padding: 2.5mm 4mm; margin: 0 0 4mm; }
.headline ul { margin: 0; padding-left: 4mm; }
.headline li { margin: 0.8mm 0; font-size: 9.6pt; }
.figures { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2mm; margin: 0 0 4mm; }
.figure { border: 0.6pt solid #9aa3ad; padding: 2mm; text-align: center; break-inside: avoid; }
.figure .v { font-size: 15pt; font-weight: 700; color: #10243e; display: block; }
.figure .l { font-size: 7.5pt; color: #444; }
.kpis { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; margin: 0 0 4mm; }
.kpi { border: 0.8pt solid #10243e; padding: 2.5mm 3mm; break-inside: avoid; }
.kpi .top { display: flex; justify-content: space-between; align-items: baseline; gap: 2mm; }
.kpi .name { font-weight: 700; font-size: 9.5pt; }
.kpi .value { font-size: 17pt; font-weight: 700; color: #10243e; margin: 1mm 0; }
.kpi .def { font-size: 8pt; }
.kpi .formula { font-size: 7.5pt; color: #444; margin-top: 1mm; }
.notice { border: 0.8pt dashed #666; padding: 2.5mm 3mm; background: #fafafa; margin: 0 0 4mm; break-inside: avoid; }

/* Charts */
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 6mm; }
figure.chart { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart.wide { grid-column: 1 / span 2; }
figure.chart h3 { margin: 0 0 1mm; font-size: 10pt; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { font-size: 8pt; color: #444; margin-top: 1mm; }

/* Findings by rule */
.rule { margin: 0 0 6mm; }
.rule-head { display: flex; align-items: baseline; gap: 2mm; border-bottom: 0.8pt solid #9aa3ad; padding-bottom: 1mm; margin: 0 0 1.5mm; }
.rule-head h3 { margin: 0; font-size: 11pt; }
.rule-id { font-family: 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 8pt; color: #444; white-space: nowrap; }
.rule-facts { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 5mm; margin-bottom: 1.5mm; }
.remediation { background: #f2f5f8; border-left: 2pt solid #6b7f99; padding: 1.5mm 2.5mm; margin: 1mm 0 2mm; }
.frameworks { font-size: 7.8pt; color: #333; }
.omitted { font-size: 8pt; font-style: italic; color: #444; margin: 0 0 2mm; }

/* Appendix entries */
/* Entries may continue on the next page (a page per entry wastes paper at scale); their head stays with them. */
.entry { border-top: 1pt solid #10243e; padding: 1.5mm 0 0; margin: 0 0 3.5mm; }
.entry-head { display: flex; justify-content: space-between; gap: 3mm; align-items: baseline; margin-bottom: 0.8mm; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.entry-head .title { font-weight: 700; font-size: 9.5pt; color: #10243e; }
.entry-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6mm 5mm; font-size: 7.8pt; line-height: 1.3; }
.entry-grid > div { break-inside: avoid; page-break-inside: avoid; }
.entry-grid .full { grid-column: 1 / span 2; }
.entry ul { margin: 0.2mm 0 0.2mm 4mm; padding: 0; }
.entry li { margin: 0.1mm 0; break-inside: avoid; }
.label { font-weight: 700; color: #333; font-size: 7.6pt; text-transform: uppercase; letter-spacing: .03em; }

/* Compliance */
.status { display: inline-block; font-size: 7pt; font-weight: 700; padding: 0 1mm; border-radius: 0.8mm; white-space: nowrap; }
.status-gaps { background: #10243e; color: #fff; border: 0.8pt solid #10243e; }
.status-no-findings { background: #fff; color: #10243e; border: 0.8pt solid #10243e; }
.status-not-assessed { background: #fff; color: #555; border: 0.8pt dotted #777; }

.integrity { border: 1pt solid #10243e; padding: 3mm 4mm; break-inside: avoid; }
.hash { font-family: 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 8pt; overflow-wrap: anywhere; }
`;
}
