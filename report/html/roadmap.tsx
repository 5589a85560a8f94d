/** The remediation roadmap: quick wins first, then by risk removed per unit of effort. */
import { num, points } from '../format';
import type { ReportModel, RoadmapItem } from '../types';
import { Chapter, DataTable, Sev } from './components';

function Items({ items }: { items: readonly RoadmapItem[] }) {
  return (
    <DataTable
      compact
      columns={[
        { label: '#', width: 4, num: true },
        { label: 'Action', width: 44 },
        { label: 'Severity', width: 11 },
        { label: 'Identities (agents)', width: 12, num: true },
        { label: 'Effort', width: 9 },
        { label: 'Risk removed', width: 10, num: true },
        { label: 'Per effort unit', width: 10, num: true },
      ]}
    >
      {items.map((i) => (
        <tr key={i.ruleId}>
          <td className="num">{i.rank}</td>
          <td>
            <strong>{i.title}</strong> <span className="rule-id">{i.ruleId}</span>
            <span className="small" style={{ display: 'block' }}>
              {i.action}
            </span>
          </td>
          <td>
            <Sev severity={i.severity} />
          </td>
          <td className="num">
            {num(i.identities)} ({num(i.agents)})
          </td>
          <td>{i.effort}</td>
          <td className="num">{points(i.riskReduced)}</td>
          <td className="num">{points(i.ratio)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `perPhase`: the executive report shows the first items of each phase, so structural work is not hidden. */
export function Roadmap({
  model,
  number,
  perPhase,
}: {
  model: ReportModel;
  number: string;
  perPhase?: number;
}) {
  const phases = ['Quick wins', 'Short term', 'Structural'] as const;
  const items =
    perPhase === undefined
      ? model.roadmap
      : phases.flatMap((p) => model.roadmap.filter((i) => i.phase === p).slice(0, perPhase));
  const intro: Record<(typeof phases)[number], string> = {
    'Quick wins': 'One command per identity, no change to the workload: do these first.',
    'Short term': 'A rotation or trust change to coordinate with the workload owner or a vendor.',
    Structural:
      'A redesign of what the identity may do: least-privilege policies, removing admin or tier-0 grants.',
  };
  return (
    <Chapter id="roadmap" number={number} title="Remediation roadmap">
      <p>
        One item per rule with open findings. Effort per identity to fix is low (1 unit), medium (3) or high
        (8); risk removed is the sum of the risk points of the rule’s open findings. Within each phase, items
        are ordered by risk removed per effort unit.
        {perPhase !== undefined && model.roadmap.length > items.length
          ? ` The first ${perPhase} items of each phase are shown (${items.length} of ${model.roadmap.length}); the full report has all.`
          : ''}
      </p>
      {phases.map((phase) => {
        const list = items.filter((i) => i.phase === phase);
        if (list.length === 0) return null;
        return (
          <div key={phase}>
            <div className="block-head">
              <h3>{phase}</h3>
              <p className="small muted">{intro[phase]}</p>
            </div>
            <Items items={list} />
          </div>
        );
      })}
    </Chapter>
  );
}
