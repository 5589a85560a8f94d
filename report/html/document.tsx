/**
 * The report template: one React tree rendered to static markup, for both variants. The output is
 * a self-contained HTML file: inline CSS, inline SVG charts, the logo as a data URL, and one tiny
 * script that marks the page ready once fonts have loaded (the PDF printers wait for it). A
 * Content-Security-Policy allows nothing else: no network, no other script.
 */
import { createHash } from 'node:crypto';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { day } from '../format';
import type { PaperSize, ReportModel } from '../types';
import { Appendix } from './appendix';
import { ChartsSection } from './charts-section';
import { Compliance, ComplianceSummary } from './compliance';
import { Cover, ReadingGuide, Toc, type TocEntry } from './cover';
import { FindingsByRule, KeyFindings } from './findings';
import { Methodology } from './methodology';
import { Roadmap } from './roadmap';
import { reportCss } from './styles';
import { ExecutiveSummary } from './summary';
import { Integrity, Triage } from './triage';

/** Attribute the PDF printers wait for. */
export const READY_ATTRIBUTE = 'data-report-ready';

const READY_SCRIPT = `(document.fonts?document.fonts.ready:Promise.resolve()).then(function(){document.documentElement.setAttribute('${READY_ATTRIBUTE}','true')});`;
const READY_SCRIPT_HASH = createHash('sha256').update(READY_SCRIPT).digest('base64');

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  `script-src 'sha256-${READY_SCRIPT_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

interface Chapter {
  entry: TocEntry;
  render: (number: string) => ReactElement;
}

const EXECUTIVE_FINDINGS = 15;
const EXECUTIVE_ROADMAP_PER_PHASE = 4;

function chapters(model: ReportModel): Chapter[] {
  const full = model.variant === 'full';
  const list: { id: string; title: string; note?: string; render: (n: string) => ReactElement }[] = [
    {
      id: 'summary',
      title: 'Executive summary',
      note: 'headline, posture measures, top 10 agent risks, change',
      render: (n) => <ExecutiveSummary model={model} number={n} />,
    },
    {
      id: 'overview',
      title: 'Risk overview',
      note: 'charts',
      render: (n) => <ChartsSection model={model} number={n} />,
    },
    {
      id: 'roadmap',
      title: 'Remediation roadmap',
      note: 'quick wins first',
      render: (n) => (
        <Roadmap model={model} number={n} {...(full ? {} : { perPhase: EXECUTIVE_ROADMAP_PER_PHASE })} />
      ),
    },
    full
      ? {
          id: 'findings',
          title: 'Findings by rule',
          note: `${model.findingsByRule.length} rules`,
          render: (n) => <FindingsByRule model={model} number={n} />,
        }
      : {
          id: 'findings',
          title: 'Key findings',
          render: (n) => <KeyFindings model={model} number={n} limit={EXECUTIVE_FINDINGS} flow />,
        },
    full
      ? {
          id: 'compliance',
          title: 'Compliance matrix',
          note: `${model.compliance.length} frameworks`,
          render: (n) => <Compliance model={model} number={n} />,
        }
      : {
          id: 'compliance',
          title: 'Compliance overview',
          render: (n) => <ComplianceSummary model={model} number={n} flow />,
        },
    {
      id: 'methodology',
      title: 'Methodology and coverage',
      render: (n) => <Methodology model={model} number={n} />,
    },
  ];
  const appendices: typeof list = full
    ? [
        {
          id: 'identities',
          title: 'Identities with findings',
          note: 'agents first',
          render: (n) => <Appendix model={model} number={n} />,
        },
        {
          id: 'triage',
          title: 'Triage decisions and suppressions',
          render: (n) => <Triage model={model} number={n} />,
        },
      ]
    : [];
  return [
    ...list.map((c, i) => ({
      entry: { id: c.id, number: `${i + 1}`, title: c.title, note: c.note },
      render: c.render,
    })),
    ...appendices.map((c, i) => {
      const letter = String.fromCharCode(65 + i);
      return {
        entry: { id: c.id, number: letter, title: `Appendix ${letter}: ${c.title}`, note: c.note },
        render: c.render,
      };
    }),
    {
      entry: { id: 'integrity', number: '', title: 'Integrity', note: 'data hash and audit chain head' },
      render: () => <Integrity model={model} number="" />,
    },
  ];
}

function ReportDocument({ model, paper }: { model: ReportModel; paper: PaperSize }) {
  const list = chapters(model);
  const css = reportCss(paper, {
    topLeft: model.meta.consultancy,
    topRight: `${model.meta.clientName} · ${model.meta.title}`,
    bottomLeft: `Confidential · ${day(model.generatedAt)} · data SHA-256 ${model.integrity.dataHash.slice(0, 12)}`,
  });
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content={`Agent Anchor ${model.meta.appVersion}`} />
        <title>{`${model.meta.title} – ${model.meta.clientName}`}</title>
        {/* Our stylesheet; the only tenant text in it went through cssString(). */}
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main>
          <Cover model={model} />
          <Toc entries={list.map((c) => c.entry)} />
          <ReadingGuide model={model} />
          {list.map((c) => (
            <div key={c.entry.id}>{c.render(c.entry.number)}</div>
          ))}
        </main>
        <script dangerouslySetInnerHTML={{ __html: READY_SCRIPT }} />
      </body>
    </html>
  );
}

export interface HtmlOptions {
  paper: PaperSize;
}

export function renderReportHtml(model: ReportModel, options: HtmlOptions): string {
  return `<!DOCTYPE html>\n${renderToStaticMarkup(<ReportDocument model={model} paper={options.paper} />)}\n`;
}
