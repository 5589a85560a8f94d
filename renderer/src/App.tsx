/**
 * A plain window listing the inventory of the open engagement's latest scan: a summary line, a
 * provider filter, a search box and a paged table of identities.
 */
import { useEffect, useState } from 'react';
import type { AgentAnchorApi, IdentityPage, Summary } from '../../model/api';
import type { Provider } from '../../model/inventory';
import { IdentityTable } from './identity-table';
import { formatCount, PROVIDER_LABELS } from './labels';

const PAGE_SIZE = 100;
/** Wait this long after the last keystroke before searching, so typing does not flood the API. */
const SEARCH_DELAY_MS = 250;

export function App({ api }: { api: AgentAnchorApi }) {
  const [summary, setSummary] = useState<Summary>();
  const [page, setPage] = useState<IdentityPage>();
  const [error, setError] = useState<string>();
  const [provider, setProvider] = useState<Provider | ''>('');
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    let current = true;
    api.getSummary().then(
      (value) => current && setSummary(value),
      (reason: unknown) => current && setError(messageOf(reason)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(searchInput.trim());
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchInput]);

  useEffect(() => {
    if (summary?.latestScanId === undefined) return;
    // Answers to superseded requests (filter changed meanwhile) are dropped.
    let current = true;
    api
      .listIdentities({
        scanId: summary.latestScanId,
        ...(provider !== '' ? { provider } : {}),
        ...(search !== '' ? { search } : {}),
        offset,
        limit: PAGE_SIZE,
      })
      .then(
        (value) => {
          if (!current) return;
          setPage(value);
          setError(undefined);
        },
        (reason: unknown) => current && setError(messageOf(reason)),
      );
    return () => {
      current = false;
    };
  }, [api, summary, provider, search, offset]);

  return (
    <main>
      <header>
        <h1>Agent Anchor</h1>
        {summary && <SummaryLine summary={summary} />}
      </header>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {summary && summary.latestScanId === undefined && (
        <p className="empty">This engagement has no scan yet. Import or scan to fill it.</p>
      )}
      {summary?.latestScanId !== undefined && (
        <>
          <div className="toolbar">
            <label>
              Provider{' '}
              <select
                value={provider}
                onChange={(event) => {
                  setProvider(event.target.value === '' ? '' : (event.target.value as Provider));
                  setOffset(0);
                }}
              >
                <option value="">All</option>
                {(Object.keys(PROVIDER_LABELS) as Provider[]).map((code) => (
                  <option key={code} value={code}>
                    {PROVIDER_LABELS[code]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Search{' '}
              <input
                type="search"
                value={searchInput}
                maxLength={200}
                placeholder="name, ARN, object id, account"
                onChange={(event) => setSearchInput(event.target.value)}
              />
            </label>
            {page && <Pager total={page.total} offset={offset} shown={page.rows.length} onMove={setOffset} />}
          </div>
          {page && page.total === 0 && <p className="empty">No identity matches.</p>}
          {page && page.rows.length > 0 && <IdentityTable rows={page.rows} />}
        </>
      )}
    </main>
  );
}

function SummaryLine({ summary }: { summary: Summary }) {
  const { counts } = summary;
  return (
    <p className="summary">
      {summary.clientName !== undefined && <strong>{summary.clientName} · </strong>}
      <span className="mono">{summary.file}</span> · {formatCount(summary.scans.length)}{' '}
      {summary.scans.length === 1 ? 'scan' : 'scans'} · latest: {formatCount(counts.identities)} identities,{' '}
      {formatCount(counts.credentials)} credentials, {formatCount(counts.grants)} grants,{' '}
      {formatCount(counts.workloads)} workloads
    </p>
  );
}

function Pager(props: { total: number; offset: number; shown: number; onMove: (offset: number) => void }) {
  const { total, offset, shown, onMove } = props;
  const first = total === 0 ? 0 : offset + 1;
  return (
    <span className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onMove(Math.max(0, offset - PAGE_SIZE))}>
        Previous
      </button>{' '}
      {formatCount(first)}–{formatCount(offset + shown)} of {formatCount(total)}{' '}
      <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => onMove(offset + PAGE_SIZE)}>
        Next
      </button>
    </span>
  );
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
