/** Cover page and table of contents. */
import { day, dayTime, longDate } from '../format';
import type { ReportModel } from '../types';
import { KeyValues } from './components';

export interface TocEntry {
  id: string;
  number: string;
  title: string;
  note?: string;
}

export function Cover({ model }: { model: ReportModel }) {
  const m = model.meta;
  const scope = [
    m.awsAccounts.length ? `AWS: ${m.awsAccounts.join(', ')}` : '',
    m.entraTenants.length ? `Entra ID: ${m.entraTenants.join(', ')}` : '',
  ].filter(Boolean);
  return (
    <section className="cover" id="cover">
      <div className="cover-top">
        <div className="cover-consultancy">{m.consultancy}</div>
        {m.logo ? <img className="cover-logo" src={m.logo.dataUrl} alt={m.consultancy} /> : null}
      </div>
      <div className="cover-title">
        <div className="kicker">{model.variant === 'executive' ? 'Executive report' : 'Assessment report'}</div>
        <h1>{m.title}</h1>
        <div className="client">{m.clientName}</div>
      </div>
      <div className="cover-band">
        <KeyValues
          rows={[
            ['Date', longDate(model.generatedAt)],
            ['Prepared by', m.consultancy],
            ['Prepared for', m.clientName],
            ['Scope', scope.length ? scope.join('; ') : 'no source'],
            [
              'Scan',
              `#${m.scanId} ${m.scanLabel} (${m.scanMethod}, ${m.scanStatus}, finished ${dayTime(m.scanFinishedAt)})`,
            ],
            ['Compared with', m.previousScanId !== undefined ? `scan #${m.previousScanId}` : 'no earlier scan'],
            ['Assessed as of', day(m.assessedAt)],
          ]}
        />
        <p className="confidential">
          Confidential. This report describes weaknesses in the client’s identity configuration; share it on a
          need-to-know basis. Data SHA-256 {model.integrity.dataHash.slice(0, 16)}…
        </p>
      </div>
    </section>
  );
}

export function Toc({ entries }: { entries: readonly TocEntry[] }) {
  return (
    <section className="chapter toc" id="contents">
      <h2>Contents</h2>
      <ol>
        {entries.map((e) => (
          <li key={e.id}>
            <span className="no">{e.number}</span>
            <a href={`#${e.id}`}>{e.title}</a>
            {e.note ? <span className="sub">{e.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
