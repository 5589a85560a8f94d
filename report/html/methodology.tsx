/** Methodology and coverage: sources, access used, what was partial and why, rules and settings. */
import { num } from '../format';
import type { CoverageRowView, ReportModel } from '../types';
import { Chapter, DataTable, KeyValues } from './components';

function CoverageTable({ rows }: { rows: readonly CoverageRowView[] }) {
  return (
    <DataTable
      compact
      columns={[
        { label: 'Source', width: 24 },
        { label: 'Area', width: 30 },
        { label: 'Status', width: 10 },
        { label: 'Items', width: 8, num: true },
        { label: 'Why', width: 28 },
      ]}
    >
      {rows.map((r, i) => (
        <tr key={i}>
          <td>{r.source}</td>
          <td className="mono">{r.area}</td>
          <td>{r.status}</td>
          <td className="num">{num(r.items)}</td>
          <td>{r.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Input files grouped by folder: "folder/: a.json, b.csv". */
function inputsText(inputs: readonly string[]): string {
  const byFolder = new Map<string, string[]>();
  for (const input of inputs) {
    const cut = Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\'));
    const folder = cut >= 0 ? input.slice(0, cut + 1) : '';
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), input.slice(cut + 1)]);
  }
  return [...byFolder]
    .map(([folder, files]) => `${folder}${folder ? ': ' : ''}${files.join(', ')}`)
    .join('; ');
}

const EXECUTIVE_SOURCES = 10;

export function Methodology({ model, number }: { model: ReportModel; number: string }) {
  const m = model.methodology;
  const full = model.variant === 'full';
  const gaps = full ? m.coverageGaps : m.coverageGaps.slice(0, 8);
  const sources = full ? m.sources : m.sources.slice(0, EXECUTIVE_SOURCES);
  const ruleErrors = full ? m.ruleErrors : m.ruleErrors.slice(0, EXECUTIVE_SOURCES);
  return (
    <Chapter id="methodology" number={number} title="Methodology and coverage" flow={!full}>
      <h3>Sources</h3>
      <DataTable
        compact
        columns={
          full
            ? [
                { label: 'Source', width: 30 },
                { label: 'Method', width: 9 },
                { label: 'Account or tenant', width: 21 },
                { label: 'Inputs', width: 40 },
              ]
            : [
                { label: 'Source', width: 50 },
                { label: 'Method', width: 14 },
                { label: 'Account or tenant', width: 36 },
              ]
        }
      >
        {sources.map((s) => (
          <tr key={s.id}>
            <td>{s.label}</td>
            <td>{s.method}</td>
            <td className="mono">{s.account}</td>
            {full ? <td className="mono small">{inputsText(s.inputs)}</td> : null}
          </tr>
        ))}
      </DataTable>
      {m.sources.length > sources.length ? (
        <p className="omitted">
          {m.sources.length - sources.length} more sources are listed in the full report.
        </p>
      ) : null}
      <h3>Access used</h3>
      {m.permissions.map((p) => (
        <div key={`${p.provider}-${p.method}`} className="keep">
          <p>
            <strong>{p.providerLabel}.</strong> {p.method}
          </p>
          {p.items.length > 0 ? (
            <ul className="small">
              {p.items.map((i) => (
                <li key={i.name}>
                  <span className="mono">{i.name}</span> ({i.required ? 'required' : 'optional'}): {i.detail}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <h3>Coverage</h3>
      <p>
        {num(m.coverageSummary.complete)} areas complete, {num(m.coverageSummary.partial)} partial,{' '}
        {num(m.coverageSummary.failed)} failed, {num(m.coverageSummary.skipped)} skipped.{' '}
        {m.coverageGaps.length === 0
          ? 'Every area was collected completely.'
          : 'What was not complete, and why:'}
      </p>
      {gaps.length > 0 ? <CoverageTable rows={gaps} /> : null}
      {!full && m.coverageGaps.length > gaps.length ? (
        <p className="omitted">
          {m.coverageGaps.length - gaps.length} more areas are listed in the full report.
        </p>
      ) : null}
      <h3>How identities are classified and ranked</h3>
      <p>{m.classification}</p>
      <p>{m.scoring}</p>
      <p>
        {m.rules.enabled} of {m.rules.total} rules ran
        {m.rules.disabled.length ? ` (switched off for this engagement: ${m.rules.disabled.join(', ')})` : ''}
        .
        {m.ruleErrors.length
          ? ` ${m.ruleErrors.length} rule evaluations failed and are listed below; their identities may have findings this report does not show.`
          : ' No rule failed.'}
      </p>
      {full ? (
        <div className="rule-facts">
          <div className="keep">
            <h4>Thresholds</h4>
            <KeyValues rows={m.thresholds.map((t) => [t.name, t.value] as const)} />
          </div>
          <div className="keep">
            <h4>Weights</h4>
            <KeyValues rows={m.weights.map((w) => [w.name, w.value] as const)} />
          </div>
        </div>
      ) : null}
      {ruleErrors.length > 0 ? (
        <DataTable
          compact
          columns={[
            { label: 'Rule', width: 20 },
            { label: 'Identity', width: 40 },
            { label: 'Error', width: 40 },
          ]}
        >
          {ruleErrors.map((e, i) => (
            <tr key={i}>
              <td className="mono">{e.ruleId}</td>
              <td className="mono">{e.identityId}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {full && m.coverageAll.length > 0 ? (
        <>
          <h3>All collected areas</h3>
          <CoverageTable rows={m.coverageAll} />
        </>
      ) : null}
    </Chapter>
  );
}
