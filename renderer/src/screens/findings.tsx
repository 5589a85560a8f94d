/**
 * Findings grouped by rule: pick a rule, read its findings (evidence, remediation), and triage
 * them one by one or in bulk (accepted risk, false positive, fixed, with a note). Triage is kept
 * per finding key, so it carries over to the next scan.
 */
import { useEffect, useMemo, useState } from 'react';
import type { FindingFilter, TriagedFinding } from '../../../model/api';
import { MAX_TRIAGE_KEYS } from '../../../model/api-limits';
import type { Severity, TriageStatus } from '../../../model/findings';
import { useApp } from '../app-context';
import { Empty, ErrorBox, LinkButton, Loading, SeverityBadge, Unavailable } from '../components/common';
import { FindingCard } from '../components/finding-card';
import { ScanPicker } from '../components/scan-picker';
import { TRIAGE_STATUSES } from '../components/triage-control';
import { messageOf, useDebounced, useLoad } from '../hooks';
import { formatCount, SEVERITY_LABELS, TRIAGE_LABELS } from '../labels';

const PAGE = 50;
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function FindingsScreen({ params }: { params: Record<string, string> }) {
  const { api, navigate, session } = useApp();
  const summary = useLoad(() => api.getSummary(), [api]);
  const scanId = params['scan'] !== undefined ? Number(params['scan']) : undefined;
  const ruleId = params['rule'];
  const [severity, setSeverity] = useState<Severity[]>([]);
  const [status, setStatus] = useState<TriageStatus[]>([]);
  const [agentsOnly, setAgentsOnly] = useState(false);
  const [includeSuppressed, setIncludeSuppressed] = useState(false);
  const [searchInput, setSearchInput] = useState('');
  const search = useDebounced(searchInput.trim(), 200);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<TriageStatus>('accepted-risk');
  const [bulkNote, setBulkNote] = useState('');
  const [bulkError, setBulkError] = useState<string>();
  const [bulkBusy, setBulkBusy] = useState(false);

  const filter = useMemo<FindingFilter>(() => {
    const f: FindingFilter = {};
    if (scanId !== undefined) f.scanId = scanId;
    if (severity.length > 0) f.severity = severity;
    if (status.length > 0) f.status = status;
    if (agentsOnly) f.agentsOnly = true;
    if (includeSuppressed) f.includeSuppressed = true;
    if (search !== '') f.search = search;
    return f;
  }, [scanId, severity, status, agentsOnly, includeSuppressed, search]);
  const filterKey = JSON.stringify(filter);

  const groups = useLoad(() => api.listFindingGroups(filter), [api, filterKey]);
  const page = useLoad(
    () =>
      ruleId === undefined
        ? Promise.resolve(undefined)
        : api.listFindings({ ...filter, ruleId, offset, limit: PAGE }),
    [api, filterKey, ruleId, offset],
  );
  useEffect(() => {
    setOffset(0);
    setSelected(new Set());
  }, [filterKey, ruleId]);

  const refresh = () => {
    groups.reload();
    page.reload();
  };

  const triageKeys = async (keys: readonly string[], next: TriageStatus, note: string | undefined) => {
    for (let i = 0; i < keys.length; i += MAX_TRIAGE_KEYS) {
      await api.setTriage({
        keys: keys.slice(i, i + MAX_TRIAGE_KEYS),
        status: next,
        ...(note !== undefined ? { note } : {}),
      });
    }
  };

  const applyBulk = async (scope: 'selected' | 'group') => {
    setBulkBusy(true);
    setBulkError(undefined);
    try {
      let keys = [...selected];
      if (scope === 'group' && ruleId !== undefined) {
        keys = [];
        for (let start = 0; ; start += 500) {
          const chunk = await api.listFindings({ ...filter, ruleId, offset: start, limit: 500 });
          keys.push(...chunk.rows.map((r) => r.key));
          if (start + 500 >= chunk.total) break;
        }
      }
      await triageKeys(keys, bulkStatus, bulkNote.trim() === '' ? undefined : bulkNote.trim());
      setSelected(new Set());
      refresh();
    } catch (reason) {
      setBulkError(messageOf(reason));
    } finally {
      setBulkBusy(false);
    }
  };

  if (!session.features.assess) return <Unavailable what="The assessment (findings)" />;
  const rows = page.data?.rows ?? [];
  const group = groups.data?.groups.find((g) => g.ruleId === ruleId);
  const toggle = (key: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="screen findings">
      <div className="screen-head">
        <h1>Findings</h1>
        {summary.data && (
          <ScanPicker
            scans={summary.data.scans}
            value={scanId}
            onChange={(id) => navigate('findings', { ...params, scan: String(id) }, { replace: true })}
          />
        )}
      </div>
      <div className="toolbar wrap" role="search">
        <MultiToggle
          legend="Severity"
          values={SEVERITIES}
          labels={SEVERITY_LABELS}
          selected={severity}
          onChange={setSeverity}
        />
        <MultiToggle
          legend="Triage"
          values={TRIAGE_STATUSES}
          labels={TRIAGE_LABELS}
          selected={status}
          onChange={setStatus}
        />
        <label className="check">
          <input type="checkbox" checked={agentsOnly} onChange={(e) => setAgentsOnly(e.target.checked)} />
          Agents only
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={includeSuppressed}
            onChange={(e) => setIncludeSuppressed(e.target.checked)}
          />
          Show suppressed
        </label>
        <input
          type="search"
          aria-label="Search findings"
          placeholder="Search rule, message, identity"
          value={searchInput}
          maxLength={200}
          onChange={(e) => setSearchInput(e.target.value)}
        />
      </div>
      <ErrorBox error={groups.error ?? page.error} />
      <div className="findings-layout">
        <nav className="rule-list" aria-label="Rules">
          {groups.loading && !groups.data && <Loading />}
          {groups.data && !groups.data.assessed && <Empty>This scan has not been assessed.</Empty>}
          {groups.data && groups.data.assessed && (
            <>
              <p className="muted small">
                {formatCount(groups.data.total)} findings in {groups.data.groups.length} rules
              </p>
              <ul>
                {groups.data.groups.map((g) => (
                  <li key={g.ruleId}>
                    <button
                      type="button"
                      className={`rule${g.ruleId === ruleId ? ' current' : ''}`}
                      aria-current={g.ruleId === ruleId ? 'true' : undefined}
                      onClick={() => navigate('findings', { ...params, rule: g.ruleId }, { replace: true })}
                    >
                      <SeverityBadge severity={g.severity} /> <span className="rule-title">{g.title}</span>
                      <span className="muted small">
                        {g.ruleId} · {formatCount(g.count)} ({formatCount(g.open)} open)
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </nav>
        <section className="rule-findings" aria-label={group ? `Findings of ${group.title}` : 'Findings'}>
          {ruleId === undefined && <Empty>Choose a rule to see its findings.</Empty>}
          {ruleId !== undefined && group && (
            <>
              <h2>
                {group.title} <span className="muted small mono">{group.ruleId}</span>
              </h2>
              {session.features.triage && (
                <div className="bulk card" role="group" aria-label="Bulk triage">
                  <label>
                    Set
                    <select
                      value={bulkStatus}
                      onChange={(e) => setBulkStatus(e.target.value as TriageStatus)}
                    >
                      {TRIAGE_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {TRIAGE_LABELS[s]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Note
                    <input
                      value={bulkNote}
                      maxLength={4000}
                      onChange={(e) => setBulkNote(e.target.value)}
                      placeholder="kept as it is when empty"
                    />
                  </label>
                  <button
                    type="button"
                    disabled={bulkBusy || selected.size === 0}
                    onClick={() => void applyBulk('selected')}
                  >
                    Apply to {formatCount(selected.size)} selected
                  </button>
                  <button type="button" disabled={bulkBusy} onClick={() => void applyBulk('group')}>
                    Apply to all {formatCount(page.data?.total ?? group.count)} in this rule
                  </button>
                  <ErrorBox error={bulkError} />
                </div>
              )}
              {page.data && (
                <div className="pager">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={rows.length > 0 && rows.every((r) => selected.has(r.key))}
                      onChange={(e) =>
                        setSelected((current) => {
                          const next = new Set(current);
                          for (const r of rows) {
                            if (e.target.checked) next.add(r.key);
                            else next.delete(r.key);
                          }
                          return next;
                        })
                      }
                    />
                    Select this page
                  </label>
                  <button
                    type="button"
                    className="small"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - PAGE))}
                  >
                    Previous
                  </button>
                  <span>
                    {formatCount(page.data.total === 0 ? 0 : offset + 1)}–{formatCount(offset + rows.length)}{' '}
                    of {formatCount(page.data.total)}
                  </span>
                  <button
                    type="button"
                    className="small"
                    disabled={offset + PAGE >= page.data.total}
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    Next
                  </button>
                </div>
              )}
              <ul className="finding-rows">
                {rows.map((finding) => (
                  <FindingRow
                    key={finding.key}
                    finding={finding}
                    checked={selected.has(finding.key)}
                    onCheck={() => toggle(finding.key)}
                    onOpenIdentity={() =>
                      navigate('identity', {
                        id: finding.identityId,
                        ...(scanId !== undefined ? { scan: String(scanId) } : {}),
                      })
                    }
                    triageAvailable={session.features.triage}
                    onTriage={async (next, note) => {
                      await triageKeys([finding.key], next, note);
                      refresh();
                    }}
                  />
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function FindingRow({
  finding,
  checked,
  onCheck,
  onOpenIdentity,
  triageAvailable,
  onTriage,
}: {
  finding: TriagedFinding;
  checked: boolean;
  onCheck: () => void;
  onOpenIdentity: () => void;
  triageAvailable: boolean;
  onTriage: (status: TriageStatus, note: string) => Promise<void>;
}) {
  return (
    <li className="finding-row">
      <input
        type="checkbox"
        checked={checked}
        onChange={onCheck}
        aria-label={`Select the finding on ${finding.identity.name}`}
      />
      <div className="finding-row-body">
        <div>
          <LinkButton onClick={onOpenIdentity}>{finding.identity.name}</LinkButton>{' '}
          <span className={`triage-status status-${finding.triage?.status ?? 'open'}`}>
            {TRIAGE_LABELS[finding.triage?.status ?? 'open']}
          </span>
        </div>
        <FindingCard
          finding={finding}
          triageAvailable={triageAvailable}
          onTriage={onTriage}
          showTitle={false}
        />
      </div>
    </li>
  );
}

function MultiToggle<T extends string>({
  legend,
  values,
  labels,
  selected,
  onChange,
}: {
  legend: string;
  values: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="multi">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="chip">
          <input
            type="checkbox"
            checked={selected.includes(value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, value] : selected.filter((v) => v !== value))
            }
          />
          {labels[value]}
        </label>
      ))}
    </fieldset>
  );
}
