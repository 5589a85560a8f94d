/**
 * Exports: the PDF report (full or executive, A4 or Letter), HTML, CSV, JSON and XLSX. The desktop
 * asks where to save; a browser downloads the file when it is ready. Progress is shown while the
 * export runs.
 */
import { useState } from 'react';
import type { ExportFormat } from '../../../model/api';
import { downloadExport } from '../api';
import { useApp } from '../app-context';
import { ErrorBox, Section, Unavailable } from '../components/common';
import { OperationProgress } from '../components/operation-progress';
import { ScanPicker } from '../components/scan-picker';
import { messageOf, useLoad, useOperation } from '../hooks';
import { formatCount } from '../labels';

const FORMATS: { format: ExportFormat; title: string; description: string }[] = [
  {
    format: 'pdf',
    title: 'PDF report',
    description: 'The deliverable: executive summary, KPIs, findings, evidence, roadmap.',
  },
  { format: 'html', title: 'HTML report', description: 'The same report as one self-contained HTML file.' },
  {
    format: 'xlsx',
    title: 'Excel workbook',
    description: 'Summary, agents, identities, credentials, findings and frameworks sheets.',
  },
  { format: 'csv', title: 'CSV', description: 'One table as CSV (formulas neutralised for spreadsheets).' },
  { format: 'json', title: 'JSON', description: 'Everything, in the documented, versioned JSON schema.' },
];

export function ExportsScreen() {
  const { api, session } = useApp();
  const summary = useLoad(() => api.getSummary(), [api]);
  const [scanId, setScanId] = useState<number>();
  const [variant, setVariant] = useState<'full' | 'executive'>('full');
  const [paper, setPaper] = useState<'a4' | 'letter'>('a4');
  const [table, setTable] = useState<'identities' | 'credentials' | 'findings'>('findings');
  const [operationId, setOperationId] = useState<string>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const { state } = useOperation(api, operationId, (final) => {
    const file = final.result?.export;
    if (final.status !== 'succeeded' || !file) return;
    if (file.downloadable) {
      downloadExport(final.id, file.fileName).then(
        () => setMessage(`Downloaded ${file.fileName} (${formatCount(file.bytes)} bytes).`),
        (reason: unknown) => setError(messageOf(reason)),
      );
    } else {
      setMessage(
        `Saved ${file.fileName} to ${file.savedTo ?? 'the chosen folder'} (${formatCount(file.bytes)} bytes).`,
      );
    }
  });

  const available = session.features.exports;
  const start = async (format: ExportFormat) => {
    setError(undefined);
    setMessage(undefined);
    try {
      const started = await api.startExport({
        format,
        ...(scanId !== undefined ? { scanId } : {}),
        ...(format === 'pdf' || format === 'html' ? { variant, paper } : {}),
        ...(format === 'csv' ? { table } : {}),
      });
      if (started.cancelled) setMessage('Export cancelled.');
      else setOperationId(started.operationId);
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  if (available.length === 0) return <Unavailable what="Exporting reports and data" />;
  const running = state?.status === 'running';
  return (
    <div className="screen exports">
      <div className="screen-head">
        <h1>Exports</h1>
        {summary.data && <ScanPicker scans={summary.data.scans} value={scanId} onChange={setScanId} />}
      </div>
      <div className="toolbar">
        <label>
          Report
          <select value={variant} onChange={(e) => setVariant(e.target.value as 'full' | 'executive')}>
            <option value="full">Full report</option>
            <option value="executive">Executive summary (at most 10 pages)</option>
          </select>
        </label>
        <label>
          Paper
          <select value={paper} onChange={(e) => setPaper(e.target.value as 'a4' | 'letter')}>
            <option value="a4">A4</option>
            <option value="letter">Letter</option>
          </select>
        </label>
      </div>
      <ErrorBox error={error} />
      {message !== undefined && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {state && (
        <OperationProgress
          state={state}
          onCancel={() => void api.cancelOperation({ operationId: state.id })}
        />
      )}
      <div className="export-grid">
        {FORMATS.map((f) => (
          <Section key={f.format} title={f.title}>
            <p className="muted">{f.description}</p>
            {f.format === 'csv' && (
              <label className="inline">
                Table{' '}
                <select value={table} onChange={(e) => setTable(e.target.value as typeof table)}>
                  <option value="findings">Findings</option>
                  <option value="identities">Identities</option>
                  <option value="credentials">Credentials</option>
                </select>
              </label>
            )}
            {available.includes(f.format) ? (
              <button
                type="button"
                className="primary"
                disabled={running}
                onClick={() => void start(f.format)}
              >
                {session.canChooseFiles
                  ? `Export ${f.format.toUpperCase()}…`
                  : `Download ${f.format.toUpperCase()}`}
              </button>
            ) : (
              <p className="muted">Not available in this build.</p>
            )}
          </Section>
        ))}
      </div>
    </div>
  );
}
