/**
 * The facet panel of the inventory: one group of checkboxes per facet with the number of
 * identities each value would show given the other filters. Values with no identity are hidden
 * unless selected.
 */
import type { FacetCounts } from '../../../model/api';
import { formatCount } from '../labels';

export type FacetName = keyof FacetCounts;

export interface FacetGroup {
  name: FacetName;
  title: string;
  labels: Record<string, string>;
}

export function Facets({
  groups,
  counts,
  selected,
  onToggle,
  onClear,
}: {
  groups: readonly FacetGroup[];
  counts: FacetCounts | undefined;
  selected: Record<FacetName, readonly string[]>;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}) {
  const any = groups.some((g) => selected[g.name].length > 0);
  return (
    <aside className="facets" aria-label="Filters">
      <div className="facets-head">
        <h2>Filters</h2>
        {any && (
          <button type="button" className="small" onClick={onClear}>
            Clear all
          </button>
        )}
      </div>
      {groups.map((group) => {
        const entries = new Map((counts?.[group.name] ?? []).map((e) => [e.value as string, e.count]));
        for (const value of selected[group.name]) if (!entries.has(value)) entries.set(value, 0);
        const order = Object.keys(group.labels);
        const values = [...entries.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
        return (
          <fieldset key={group.name} className="facet">
            <legend>{group.title}</legend>
            {values.length === 0 && <p className="muted small">none</p>}
            {values.map((value) => {
              const id = `facet-${group.name}-${value}`;
              return (
                <div key={value} className="facet-value">
                  <input
                    id={id}
                    type="checkbox"
                    checked={selected[group.name].includes(value)}
                    onChange={() => onToggle(group.name, value)}
                  />
                  <label htmlFor={id}>{group.labels[value] ?? value}</label>
                  <span className="count">{formatCount(entries.get(value) ?? 0)}</span>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </aside>
  );
}
