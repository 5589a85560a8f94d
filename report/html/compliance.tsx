/** The compliance matrix: each framework's controls, the rules that test them and the open findings. */
import { num } from '../format';
import type { ControlRow, FrameworkMatrix, ReportModel } from '../types';
import { Chapter, DataTable } from './components';

const STATUS_TEXT: Record<ControlRow['status'], string> = {
  gaps: 'Gaps found',
  'no-findings': 'No findings',
  'not-assessed': 'Not assessed',
};

function Status({ status }: { status: ControlRow['status'] }) {
  return <span className={`status status-${status}`}>{STATUS_TEXT[status]}</span>;
}

function Matrix({ fw }: { fw: FrameworkMatrix }) {
  return (
    <div>
      <div className="block-head">
        <h3>
          {fw.name} ({fw.version})
        </h3>
        <p className="small muted">
          {fw.controlsWithGaps} of {fw.controlsAssessed} assessed controls with open findings; {num(fw.open)}{' '}
          open findings map to this framework. <span className="mono">{fw.url}</span>
        </p>
      </div>
      <DataTable
        compact
        columns={[
          { label: 'Control', width: 36 },
          { label: 'Status', width: 13 },
          { label: 'Open', width: 8, num: true },
          { label: 'Identities (agents)', width: 13, num: true },
          { label: 'Rules', width: 30 },
        ]}
      >
        {fw.controls.map((c) => (
          <tr key={c.control}>
            <td>
              <strong>{c.control}</strong> {c.title}
            </td>
            <td>
              <Status status={c.status} />
            </td>
            <td className="num">{num(c.open)}</td>
            <td className="num">
              {num(c.identities)} ({num(c.agents)})
            </td>
            <td className="mono small">{c.rules.join(', ')}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

export function Compliance({ model, number }: { model: ReportModel; number: string }) {
  return (
    <Chapter id="compliance" number={number} title="Compliance matrix">
      <p>
        Each control of each framework, with the rules that test it. “Not assessed” means no rule of this tool
        maps to the control: it needs a review outside this assessment, and says nothing about compliance
        either way. The mappings are the tool’s reading of the published texts, to guide the review, not a
        certification.
      </p>
      {model.compliance.map((fw) => (
        <Matrix fw={fw} key={fw.framework} />
      ))}
    </Chapter>
  );
}

export function ComplianceSummary({
  model,
  number,
  flow = false,
}: {
  model: ReportModel;
  number: string;
  flow?: boolean;
}) {
  return (
    <Chapter id="compliance" number={number} title="Compliance overview" flow={flow}>
      <p>
        Controls of each framework that the rules test, and how many of them have open findings. The full
        report has the control-by-control matrix.
      </p>
      <DataTable
        compact
        columns={[
          { label: 'Framework', width: 52 },
          { label: 'Controls assessed', width: 16, num: true },
          { label: 'With open findings', width: 16, num: true },
          { label: 'Open findings', width: 16, num: true },
        ]}
      >
        {model.compliance.map((fw) => (
          <tr key={fw.framework}>
            <td>
              {fw.name} ({fw.version})
            </td>
            <td className="num">
              {fw.controlsAssessed} of {fw.controls.length}
            </td>
            <td className="num">{fw.controlsWithGaps}</td>
            <td className="num">{num(fw.open)}</td>
          </tr>
        ))}
      </DataTable>
    </Chapter>
  );
}
