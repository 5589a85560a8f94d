/**
 * The inventory: every identity of a scan in a virtualized grid, with search, facets (provider,
 * kind, agent, severity, owner, credential type), sorting and the columns the user picks. The
 * backend filters, sorts and counts; the grid fetches rows in blocks as they come into view. The
 * filters live in the URL, so a reload or the back button keeps them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IdentityPage, IdentityRow, IdentitySortColumn, ListIdentitiesArgs } from '../../../model/api';
import { useApp } from '../app-context';
import { ErrorBox, Loading } from '../components/common';
import { Facets, type FacetGroup, type FacetName } from '../components/facets';
import { COLUMNS, DEFAULT_COLUMNS, IdentityGrid, type Column } from '../components/identity-grid';
import { ScanPicker } from '../components/scan-picker';
import { messageOf, useDebounced, useLoad, useStored } from '../hooks';
import {
  AGENT_LABELS,
  CREDENTIAL_LABELS,
  formatCount,
  KIND_LABELS,
  OWNER_LABELS,
  PROVIDER_LABELS,
  SEVERITY_LABELS,
} from '../labels';

/** Rows per request: a few screenfuls (the grid shows about 25). */
const BLOCK = 100;
const SEARCH_DELAY_MS = 120;

const FACET_GROUPS: readonly FacetGroup[] = [
  { name: 'provider', title: 'Provider', labels: PROVIDER_LABELS },
  { name: 'agent', title: 'Agent', labels: AGENT_LABELS },
  { name: 'severity', title: 'Worst finding', labels: SEVERITY_LABELS },
  { name: 'kind', title: 'Kind', labels: KIND_LABELS },
  { name: 'owner', title: 'Owner', labels: OWNER_LABELS },
  { name: 'credential', title: 'Credential type', labels: CREDENTIAL_LABELS },
];
const FACET_NAMES = FACET_GROUPS.map((g) => g.name);
const SORTABLE = new Set<string>(COLUMNS.filter((c) => c.sortable).map((c) => c.id));

const isColumnList = (value: unknown): value is Column['id'][] =>
  Array.isArray(value) && value.every((v) => COLUMNS.some((c) => c.id === v));

function listParam(value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : value.split(',');
}

export function InventoryScreen({ params }: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const summary = useLoad(() => api.getSummary(), [api]);
  const scanId = params['scan'] !== undefined ? Number(params['scan']) : undefined;
  const selected = useMemo(
    () =>
      Object.fromEntries(FACET_NAMES.map((name) => [name, listParam(params[name])])) as Record<
        FacetName,
        string[]
      >,
    [params],
  );
  const sort = (SORTABLE.has(params['sort'] ?? '') ? params['sort'] : 'name') as IdentitySortColumn;
  const descending = params['desc'] === '1';
  const [searchInput, setSearchInput] = useState(params['q'] ?? '');
  const search = useDebounced(searchInput.trim(), SEARCH_DELAY_MS);
  const [columnIds, setColumnIds] = useStored<Column['id'][]>(
    'agent-anchor.columns',
    [...DEFAULT_COLUMNS],
    isColumnList,
  );
  const columns = useMemo(
    () => COLUMNS.filter((c) => c.id === 'name' || columnIds.includes(c.id)),
    [columnIds],
  );

  // Through a ref, so callbacks built on it stay the same object and the grid does not re-render
  // before the new rows arrive.
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const setParams = useCallback(
    (changes: Record<string, string>) =>
      navigate('inventory', { ...paramsRef.current, ...changes }, { replace: true }),
    [navigate],
  );
  useEffect(() => {
    if ((params['q'] ?? '') !== search) setParams({ q: search });
  }, [search, params, setParams]);

  const query = useMemo<ListIdentitiesArgs>(() => {
    const args: ListIdentitiesArgs = { sort, descending };
    if (scanId !== undefined) args.scanId = scanId;
    if (search !== '') args.search = search;
    for (const name of FACET_NAMES) {
      const values = selected[name];
      if (values.length > 0) (args as Record<string, unknown>)[name] = values;
    }
    return args;
  }, [scanId, search, selected, sort, descending]);
  const queryKey = JSON.stringify(query);
  // The query of the rows on screen: block loads use it, and the grid need not re-render for it.
  const loadedQuery = useRef(query);

  const [page, setPage] = useState<IdentityPage>();
  const [loadedKey, setLoadedKey] = useState('');
  const [error, setError] = useState<string>();
  const blocks = useRef(new Map<number, IdentityRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const [, setTick] = useState(0);

  // A new query: first block and facet counts in one call; older answers are dropped.
  useEffect(() => {
    const current = ++generation.current;
    pending.current.clear();
    api.listIdentities({ ...query, offset: 0, limit: BLOCK, facets: true }).then(
      (result) => {
        if (current !== generation.current) return;
        blocks.current = new Map([[0, result.rows]]);
        loadedQuery.current = query;
        setPage(result);
        setLoadedKey(queryKey);
        setError(undefined);
      },
      (reason: unknown) => current === generation.current && setError(messageOf(reason)),
    );
  }, [api, queryKey, query]);

  const onRange = useCallback(
    (first: number, last: number) => {
      const current = generation.current;
      for (let block = Math.floor(first / BLOCK); block <= Math.floor(last / BLOCK); block += 1) {
        if (blocks.current.has(block) || pending.current.has(block)) continue;
        pending.current.add(block);
        api.listIdentities({ ...loadedQuery.current, offset: block * BLOCK, limit: BLOCK }).then(
          (result) => {
            pending.current.delete(block);
            if (current !== generation.current) return;
            blocks.current.set(block, result.rows);
            setTick((t) => t + 1);
          },
          (reason: unknown) => {
            pending.current.delete(block);
            if (current === generation.current) setError(messageOf(reason));
          },
        );
      }
    },
    [api],
  );

  const rowAt = useCallback(
    (index: number) => blocks.current.get(Math.floor(index / BLOCK))?.[index % BLOCK],
    [],
  );

  const onSort = useCallback(
    (column: IdentitySortColumn) =>
      setParams({ sort: column, desc: column === sort && !descending ? '1' : '' }),
    [setParams, sort, descending],
  );
  const onOpen = useCallback(
    (row: IdentityRow) =>
      navigate('identity', { id: row.id, ...(scanId !== undefined ? { scan: String(scanId) } : {}) }),
    [navigate, scanId],
  );

  const toggle = (facet: FacetName, value: string) => {
    const current = selected[facet];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    setParams({ [facet]: next.join(',') });
  };

  return (
    <div className="screen inventory">
      <div className="screen-head">
        <h1>Inventory</h1>
        {summary.data && (
          <ScanPicker
            scans={summary.data.scans}
            value={scanId}
            onChange={(id) => setParams({ scan: String(id) })}
          />
        )}
      </div>
      <ErrorBox error={error ?? summary.error} />
      <div className="inventory-layout">
        <Facets
          groups={FACET_GROUPS}
          counts={page?.facets}
          selected={selected}
          onToggle={toggle}
          onClear={() => setParams(Object.fromEntries(FACET_NAMES.map((n) => [n, ''])))}
        />
        <div className="inventory-main">
          <div className="toolbar">
            <label className="search">
              <span className="sr-only">Search identities</span>
              <input
                type="search"
                value={searchInput}
                maxLength={200}
                placeholder="Search name, ARN, object id, account, owner"
                aria-label="Search identities"
                onChange={(event) => setSearchInput(event.target.value)}
              />
            </label>
            <span className="result-count" role="status" aria-live="polite" data-testid="result-count">
              {page ? `${formatCount(page.total)} of ${formatCount(page.all)} identities` : ''}
            </span>
            <ColumnChooser value={columnIds} onChange={setColumnIds} />
          </div>
          {!page && !error && <Loading />}
          {page && page.total === 0 && <p className="empty">No identity matches these filters.</p>}
          {page && page.total > 0 && (
            <IdentityGrid
              resetKey={loadedKey}
              total={page.total}
              rowAt={rowAt}
              onRange={onRange}
              columns={columns}
              sort={sort}
              descending={descending}
              onSort={onSort}
              onOpen={onOpen}
              label={`Identities, ${formatCount(page.total)} rows`}
            />
          )}
        </div>
      </div>
    </div>
  );
}

function ColumnChooser({
  value,
  onChange,
}: {
  value: Column['id'][];
  onChange: (ids: Column['id'][]) => void;
}) {
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <fieldset>
        <legend className="sr-only">Columns to show</legend>
        {COLUMNS.filter((c) => c.id !== 'name').map((column) => (
          <label key={column.id} className="check">
            <input
              type="checkbox"
              checked={value.includes(column.id)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...value, column.id] : value.filter((id) => id !== column.id),
                )
              }
            />
            {column.title}
          </label>
        ))}
        <button type="button" className="small" onClick={() => onChange([...DEFAULT_COLUMNS])}>
          Default columns
        </button>
      </fieldset>
    </details>
  );
}
