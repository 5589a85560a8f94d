/**
 * The identity list as a virtualized grid: only the rows in view exist in the DOM, and rows are
 * fetched from the backend in blocks as they scroll into view, so 100,000 identities cost no more
 * than a hundred. Keyboard: arrows, Page Up/Down, Home/End move the active row, Enter opens it.
 * Every value is rendered as text (names from tenants may be hostile).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { IdentityRow, IdentitySortColumn } from '../../../model/api';
import {
  AGENT_LABELS,
  CREDENTIAL_LABELS,
  formatCount,
  formatDate,
  KIND_LABELS,
  PROVIDER_LABELS,
  SEVERITY_LABELS,
} from '../labels';

export const ROW_HEIGHT = 34;

export interface Column {
  id: IdentitySortColumn | 'credentialKinds';
  title: string;
  /** Smallest width in pixels; wider screens share the rest by `grow`. */
  min: number;
  grow?: number;
  numeric?: boolean;
  sortable: boolean;
  render: (row: IdentityRow) => ReactNode;
}

export const COLUMNS: readonly Column[] = [
  { id: 'name', title: 'Name', min: 180, grow: 3, sortable: true, render: (r) => r.name },
  {
    id: 'provider',
    title: 'Provider',
    min: 70,
    sortable: true,
    render: (r) => PROVIDER_LABELS[r.provider],
  },
  {
    id: 'kind',
    title: 'Kind',
    min: 110,
    grow: 1.2,
    sortable: true,
    render: (r) => KIND_LABELS[r.kind],
  },
  {
    id: 'account',
    title: 'Account / tenant',
    min: 120,
    grow: 1.2,
    sortable: true,
    render: (r) => r.account,
  },
  {
    id: 'agent',
    title: 'Agent',
    min: 110,
    sortable: true,
    render: (r) => <span className={`badge agent-${r.agent}`}>{AGENT_LABELS[r.agent]}</span>,
  },
  {
    id: 'severity',
    title: 'Worst finding',
    min: 105,
    sortable: true,
    render: (r) => <span className={`badge sev-${r.severity}`}>{SEVERITY_LABELS[r.severity]}</span>,
  },
  { id: 'score', title: 'Score', min: 60, numeric: true, sortable: true, render: (r) => r.score ?? '–' },
  {
    id: 'findingCount',
    title: 'Findings',
    min: 80,
    numeric: true,
    sortable: true,
    render: (r) => formatCount(r.findingCount),
  },
  {
    id: 'credentialCount',
    title: 'Credentials',
    min: 90,
    numeric: true,
    sortable: true,
    render: (r) => formatCount(r.credentialCount),
  },
  {
    id: 'credentialKinds',
    title: 'Credential types',
    min: 140,
    grow: 1.2,
    sortable: false,
    render: (r) => r.credentialKinds.map((k) => CREDENTIAL_LABELS[k]).join(', '),
  },
  {
    id: 'grantCount',
    title: 'Grants',
    min: 75,
    numeric: true,
    sortable: true,
    render: (r) => formatCount(r.grantCount),
  },
  {
    id: 'ownerCount',
    title: 'Owners',
    min: 75,
    numeric: true,
    sortable: true,
    render: (r) => formatCount(r.ownerCount),
  },
  { id: 'owner', title: 'Owner', min: 100, grow: 1, sortable: true, render: (r) => r.owner ?? '' },
  {
    id: 'createdAt',
    title: 'Created',
    min: 100,
    sortable: true,
    render: (r) => formatDate(r.createdAt),
  },
  {
    id: 'lastUsedAt',
    title: 'Last used',
    min: 100,
    sortable: true,
    render: (r) => formatDate(r.lastUsedAt),
  },
];

export const DEFAULT_COLUMNS: readonly Column['id'][] = [
  'name',
  'provider',
  'kind',
  'agent',
  'severity',
  'score',
  'credentialCount',
  'owner',
];

/** Memoized: the inventory re-renders on every filter change before the new rows arrive. */
export const IdentityGrid = memo(function IdentityGrid({
  total,
  rowAt,
  onRange,
  columns,
  sort,
  descending,
  onSort,
  onOpen,
  label,
  resetKey,
}: {
  /** Changes with the query: back to the top and the first row, keeping the row elements. */
  resetKey: string;
  total: number;
  /** The row at a position, or undefined while its block loads. */
  rowAt: (index: number) => IdentityRow | undefined;
  /** The positions in view changed: load what is missing. */
  onRange: (first: number, last: number) => void;
  columns: readonly Column[];
  sort: IdentitySortColumn;
  descending: boolean;
  onSort: (column: IdentitySortColumn) => void;
  onOpen: (row: IdentityRow) => void;
  label: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) onRange(first, last);
  }, [first, last, total, onRange]);
  useEffect(() => {
    setActive(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  const template = columns.map((c) => (c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`)).join(' ');
  // Padding and gaps included: narrower screens scroll sideways instead of squeezing columns.
  const minWidth = columns.reduce((sum, c) => sum + c.min + 8, 20);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const row = rowAt(active);
        if (row) onOpen(row);
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <div
      className="grid"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-activedescendant={total > 0 ? `identity-row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div ref={scroller} className="grid-body" data-testid="identity-grid-body">
        <div
          className="grid-header"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template, minWidth }}
        >
          {columns.map((column) => {
            const sorted = column.id === sort;
            return (
              <div
                key={column.id}
                role="columnheader"
                className={column.numeric ? 'num' : undefined}
                aria-sort={sorted ? (descending ? 'descending' : 'ascending') : 'none'}
              >
                {column.sortable ? (
                  <button
                    type="button"
                    className="sort"
                    tabIndex={-1}
                    onClick={() => onSort(column.id as IdentitySortColumn)}
                    title={`Sort by ${column.title}`}
                  >
                    {column.title}
                    {sorted ? (descending ? ' ▼' : ' ▲') : ''}
                  </button>
                ) : (
                  column.title
                )}
              </div>
            );
          })}
        </div>
        <div style={{ height: total * ROW_HEIGHT, position: 'relative', minWidth }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const isActive = item.index === active;
            return (
              <div
                key={item.key}
                id={`identity-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isActive}
                className={`grid-row${isActive ? ' active' : ''}${row ? '' : ' loading'}`}
                style={{
                  transform: `translateY(${item.index * ROW_HEIGHT}px)`,
                  height: ROW_HEIGHT,
                  gridTemplateColumns: template,
                }}
                onClick={() => {
                  setActive(item.index);
                  if (row) onOpen(row);
                }}
              >
                {row
                  ? columns.map((column) => (
                      <div
                        key={column.id}
                        role="gridcell"
                        className={`${column.numeric ? 'num' : ''}${column.id === 'name' ? ' name' : ''}`}
                        title={column.id === 'name' ? row.id : undefined}
                      >
                        {column.render(row)}
                      </div>
                    ))
                  : columns.map((column) => (
                      <div key={column.id} role="gridcell" className="placeholder" aria-hidden="true" />
                    ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
