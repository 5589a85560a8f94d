/** Two scans side by side: identities added and removed, privilege changes, findings new and resolved, KPIs. */
import { useState } from 'react';
import type { ScanDiff } from '../../../model/api';
import { useApp } from '../app-context';
import { Empty, ErrorBox, LinkButton, Loading, Section, SeverityBadge } from '../components/common';
import { ScanPicker } from '../components/scan-picker';
import { useLoad } from '../hooks';
import { formatCount, KIND_LABELS, PROVIDER_LABELS } from '../labels';

export function DiffScreen({ params }: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const summary = useLoad(() => api.getSummary(), [api]);
  const scans = summary.data?.scans ?? [];
  const [from, setFrom] = useState<number | undefined>(
    params['from'] !== undefined ? Number(params['from']) : undefined,
  );
  const [to, setTo] = useState<number | undefined>(
    params['to'] !== undefined ? Number(params['to']) : undefined,
  );
  const enough = scans.length >= 2;
  const diff = useLoad(
    () =>
      enough
        ? api.diffScans({
            ...(from !== undefined ? { fromScanId: from } : {}),
            ...(to !== undefined ? { toScanId: to } : {}),
          })
        : Promise.resolve(undefined),
    [api, from, to, enough],
  );
  const open = (id: string, scan: number) => navigate('identity', { id, scan: String(scan) });
  return (
    <div className="screen diff">
      <h1>Scan diff</h1>
      <ErrorBox error={summary.error ?? diff.error} />
      {summary.data && !enough && (
        <Empty>
          A diff needs two scans; this engagement has {scans.length}.{' '}
          <LinkButton onClick={() => navigate('connect')}>Run another scan.</LinkButton>
        </Empty>
      )}
      {enough && (
        <div className="toolbar">
          <ScanPicker label="From" scans={scans} value={from ?? diff.data?.fromScanId} onChange={setFrom} />
          <ScanPicker label="To" scans={scans} value={to ?? diff.data?.toScanId} onChange={setTo} />
        </div>
      )}
      {enough && !diff.data && !diff.error && <Loading />}
      {diff.data && <DiffBody diff={diff.data} onOpen={open} />}
    </div>
  );
}

function DiffBody({ diff, onOpen }: { diff: ScanDiff; onOpen: (id: string, scan: number) => void }) {
  const c = diff.counts;
  return (
    <>
      <section className="diff-counts" aria-label="Changes">
        <Count label="Identities added" value={c.identitiesAdded} />
        <Count label="Identities removed" value={c.identitiesRemoved} />
        <Count label="Privilege changed" value={c.privilegeChanged} />
        <Count label="Credentials added" value={c.credentialsAdded} />
        <Count label="Credentials removed" value={c.credentialsRemoved} />
        {c.findingsNew !== undefined && <Count label="New findings" value={c.findingsNew} />}
        {c.findingsResolved !== undefined && <Count label="Resolved findings" value={c.findingsResolved} />}
      </section>
      {diff.kpis.length > 0 && (
        <Section title="KPIs">
          <table className="grid-table">
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col" className="num">
                  Scan #{diff.fromScanId}
                </th>
                <th scope="col" className="num">
                  Scan #{diff.toScanId}
                </th>
              </tr>
            </thead>
            <tbody>
              {diff.kpis.map((k) => (
                <tr key={k.id}>
                  <td>{k.label}</td>
                  <td className="num">{k.previous ?? '—'}</td>
                  <td className="num">{k.value ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      <div className="two-col">
        <IdentityList
          title="Identities added"
          items={diff.identitiesAdded}
          total={c.identitiesAdded}
          onOpen={(id) => onOpen(id, diff.toScanId)}
        />
        <IdentityList
          title="Identities removed"
          items={diff.identitiesRemoved}
          total={c.identitiesRemoved}
          onOpen={(id) => onOpen(id, diff.fromScanId)}
        />
      </div>
      <Section title="Privilege changes">
        {diff.privilegeChanged.length === 0 ? (
          <Empty>No identity gained or lost grants.</Empty>
        ) : (
          <ul>
            {diff.privilegeChanged.map((p) => (
              <li key={p.id}>
                <LinkButton onClick={() => onOpen(p.id, diff.toScanId)}>{p.name}</LinkButton>{' '}
                <span className="muted">
                  +{p.added} / −{p.removed} grants
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      {diff.findingsNew && (
        <div className="two-col">
          <FindingList title="New findings" items={diff.findingsNew} total={c.findingsNew ?? 0} />
          <FindingList
            title="Resolved findings"
            items={diff.findingsResolved ?? []}
            total={c.findingsResolved ?? 0}
          />
        </div>
      )}
    </>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="count-card card">
      <span className="count-value">{formatCount(value)}</span>
      <span className="muted">{label}</span>
    </div>
  );
}

function IdentityList({
  title,
  items,
  total,
  onOpen,
}: {
  title: string;
  items: ScanDiff['identitiesAdded'];
  total: number;
  onOpen: (id: string) => void;
}) {
  return (
    <Section title={`${title} (${formatCount(total)})`}>
      {items.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              <LinkButton onClick={() => onOpen(i.id)}>{i.name}</LinkButton>{' '}
              <span className="muted small">
                {PROVIDER_LABELS[i.provider]} {KIND_LABELS[i.kind]}
              </span>
            </li>
          ))}
          {total > items.length && <li className="muted">… and {formatCount(total - items.length)} more</li>}
        </ul>
      )}
    </Section>
  );
}

function FindingList({
  title,
  items,
  total,
}: {
  title: string;
  items: NonNullable<ScanDiff['findingsNew']>;
  total: number;
}) {
  return (
    <Section title={`${title} (${formatCount(total)})`}>
      {items.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <ul>
          {items.map((f) => (
            <li key={f.key}>
              <SeverityBadge severity={f.severity} /> {f.title}: {f.identityName}
              <div className="muted small">{f.message}</div>
            </li>
          ))}
          {total > items.length && <li className="muted">… and {formatCount(total - items.length)} more</li>}
        </ul>
      )}
    </Section>
  );
}
