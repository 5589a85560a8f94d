/**
 * One identity, completely: why it is (or is not) an agent, its credentials on a timeline, its
 * permissions with the escalation paths and the statements behind them, who can act as it or owns
 * it, its findings with evidence and remediation (triage inline), and its history across scans.
 */
import type { IdentityDetail, TriagedFinding } from '../../../model/api';
import type { Grant, Trust } from '../../../model/inventory';
import type { TriageStatus } from '../../../model/findings';
import { daysText } from '../../../model/dates';
import { useApp } from '../app-context';
import {
  AgentBadge,
  Empty,
  ErrorBox,
  LinkButton,
  Loading,
  Section,
  SeverityBadge,
} from '../components/common';
import { CredentialTimeline } from '../components/credential-timeline';
import { FindingCard } from '../components/finding-card';
import { useLoad } from '../hooks';
import {
  CREDENTIAL_LABELS,
  formatCount,
  formatDate,
  formatDateTime,
  KIND_LABELS,
  label,
  PROVIDER_LABELS,
} from '../labels';

/** Rule families whose evidence is a privilege path (escalation, admin reach, Entra paths). */
const PATH_RULES = /^AA-(AWS-PRIV|ENT-PATH|ENT-PRIV|AGT-PRIV)/;

export function IdentityScreen({ params }: { params: Record<string, string> }) {
  const { api, navigate, session } = useApp();
  const id = params['id'] ?? '';
  const scanId = params['scan'] !== undefined ? Number(params['scan']) : undefined;
  const detail = useLoad(
    () => api.getIdentity({ id, ...(scanId !== undefined ? { scanId } : {}) }),
    [api, id, scanId],
  );

  const saveTriage = async (finding: TriagedFinding, status: TriageStatus, note: string) => {
    await api.setTriage({ keys: [finding.key], status, note });
    detail.reload();
  };

  if (id === '') return <Empty>No identity chosen.</Empty>;
  const d = detail.data;
  return (
    <div className="screen identity">
      <p>
        <LinkButton onClick={() => window.history.back()}>← Back</LinkButton>
      </p>
      <ErrorBox error={detail.error} />
      {!d && !detail.error && <Loading />}
      {d && (
        <IdentityBody
          detail={d}
          triageAvailable={session.features.triage}
          onTriage={saveTriage}
          onOpen={(other) => navigate('identity', { id: other, scan: String(d.scanId) })}
        />
      )}
    </div>
  );
}

function IdentityBody({
  detail: d,
  triageAvailable,
  onTriage,
  onOpen,
}: {
  detail: IdentityDetail;
  triageAvailable: boolean;
  onTriage: (finding: TriagedFinding, status: TriageStatus, note: string) => Promise<void>;
  onOpen: (id: string) => void;
}) {
  const identity = d.identity;
  const pathFindings = d.findings.filter((f) => PATH_RULES.test(f.ruleId) && f.evidence.length > 0);
  const related = new Map(d.related.map((r) => [r.id, r]));
  return (
    <>
      <header className="identity-head">
        <h1 className="identity-name">{identity.name}</h1>
        {identity.displayName !== undefined && identity.displayName !== identity.name && (
          <p className="muted">{identity.displayName}</p>
        )}
        <p>
          {d.classification && <AgentBadge agent={d.classification.agent} />}{' '}
          <span className="badge subtle">{PROVIDER_LABELS[identity.provider]}</span>{' '}
          <span className="badge subtle">{KIND_LABELS[identity.kind]}</span>{' '}
          {!identity.enabled && <span className="badge sev-high">disabled</span>}
          {d.score !== undefined && (
            <span className="score" aria-label={`Risk score ${d.score} of 100`}>
              Score <strong>{d.score}</strong>/100
            </span>
          )}
        </p>
        <dl className="facts">
          <dt>Native id</dt>
          <dd className="mono">{identity.nativeId}</dd>
          <dt>Account / tenant</dt>
          <dd className="mono">{identity.account}</dd>
          <dt>Created</dt>
          <dd>{formatDate(identity.createdAt) || 'unknown'}</dd>
          <dt>Scan</dt>
          <dd>
            #{d.scanId} ({formatDateTime(d.asOf)})
          </dd>
          {identity.description !== undefined && (
            <>
              <dt>Description</dt>
              <dd>{identity.description}</dd>
            </>
          )}
        </dl>
      </header>

      <Section title="Agent evidence">
        {!d.classification ? (
          <Empty>This scan has not been assessed.</Empty>
        ) : (
          <>
            <p>
              Verdict <AgentBadge agent={d.classification.agent} />, confidence{' '}
              {Math.round(d.classification.confidence * 100)} %
              {d.classification.providerManaged !== undefined &&
                ` · managed by ${d.classification.providerManaged === 'aws' ? 'AWS' : 'Microsoft'}`}
            </p>
            {d.classification.signals.length === 0 ? (
              <Empty>No signal points to an agent.</Empty>
            ) : (
              <ul className="signals">
                {d.classification.signals.map((s, i) => (
                  <li key={`${s.signal}-${i}`}>
                    <span className={`badge strength-${s.strength}`}>{s.strength}</span> {s.summary}{' '}
                    <span className="muted mono small">{s.signal}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Section>

      {d.scoreFactors.length > 0 && (
        <Section title="Score factors">
          <table className="grid-table">
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col" className="num">
                  Points
                </th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {d.scoreFactors.map((f) => (
                <tr key={f.factor}>
                  <td>{f.factor}</td>
                  <td className="num">{f.points}</td>
                  <td className="muted">{f.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}

      <Section title={`Credentials (${d.credentials.length})`}>
        {d.credentials.length === 0 ? (
          <Empty>No credentials.</Empty>
        ) : (
          <>
            <CredentialTimeline credentials={d.credentials} asOf={d.asOf} />
            <table className="grid-table">
              <thead>
                <tr>
                  <th scope="col">Credential</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col" className="num">
                    Age (days)
                  </th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {d.credentials.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {label(CREDENTIAL_LABELS, c.kind)}{' '}
                      <span className="mono small">{c.name ?? c.nativeId}</span>
                    </td>
                    <td>{c.status}</td>
                    <td>{formatDate(c.createdAt)}</td>
                    <td className="num">{c.ageDays ?? ''}</td>
                    <td>
                      {c.expiresAt === undefined
                        ? 'never'
                        : `${formatDate(c.expiresAt)} (${c.expiresInDays === undefined ? 'in ? days' : c.expiresInDays < 0 ? `${daysText(-c.expiresInDays)} ago` : `in ${daysText(c.expiresInDays)}`})`}
                    </td>
                    <td>
                      {c.lastUsedAt === undefined
                        ? 'never / unknown'
                        : `${formatDate(c.lastUsedAt)} (${c.lastUsedDaysAgo ?? '?'} days ago)`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Section>

      <Section title="Permissions">
        {pathFindings.length > 0 && (
          <div className="paths">
            <h3>Escalation and privilege paths</h3>
            {pathFindings.map((f) => (
              <details key={f.key} className="path" open={pathFindings.length <= 3}>
                <summary>
                  <SeverityBadge severity={f.severity} /> {f.message}
                </summary>
                <ol>
                  {f.evidence.map((e, i) => (
                    <li key={`${f.key}-${i}`}>
                      {e.summary}
                      {e.data !== undefined && 'statement' in e.data && (
                        <pre className="small" tabIndex={0}>
                          {JSON.stringify(e.data['statement'], null, 2)}
                        </pre>
                      )}
                    </li>
                  ))}
                </ol>
              </details>
            ))}
          </div>
        )}
        <h3>Grants ({formatCount(d.grants.length)})</h3>
        {d.grants.length === 0 ? <Empty>No grants.</Empty> : <GrantList grants={d.grants} />}
      </Section>

      <Section title="Trust and delegation">
        <h3>Who can act as this identity ({d.trusts.length})</h3>
        {d.trusts.length === 0 ? (
          <Empty>No trust relationships.</Empty>
        ) : (
          <TrustList trusts={d.trusts} related={related} onOpen={onOpen} />
        )}
        <h3>Owners and sponsors ({identity.owners.length})</h3>
        {identity.owners.length === 0 ? (
          <Empty>Nobody answers for this identity.</Empty>
        ) : (
          <ul>
            {identity.owners.map((o) => (
              <li key={`${o.relation}-${o.nativeId}`}>
                {o.relation}: {o.displayName ?? o.principalName ?? o.nativeId}{' '}
                <span className="muted small">
                  {o.type}
                  {o.principalName !== undefined ? ` · ${o.principalName}` : ''}
                  {o.enabled === false ? ' · disabled' : ''}
                </span>
                {o.id !== undefined && related.has(o.id) && (
                  <>
                    {' '}
                    <LinkButton onClick={() => onOpen(o.id as string)}>open</LinkButton>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {d.workloads.length > 0 && (
          <>
            <h3>Workloads running as this identity ({d.workloads.length})</h3>
            <ul>
              {d.workloads.map((w) => (
                <li key={w.id}>
                  {w.kind}: {w.name} <span className="muted small mono">{w.nativeId}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title={`Findings (${d.findings.length})`}>
        {d.findings.length === 0 ? (
          <Empty>No findings.</Empty>
        ) : (
          d.findings.map((f) => (
            <FindingCard
              key={f.key}
              finding={f}
              triageAvailable={triageAvailable}
              onTriage={(status, note) => onTriage(f, status, note)}
            />
          ))
        )}
      </Section>

      <Section title="History across scans">
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">Scan</th>
              <th scope="col">Present</th>
              <th scope="col" className="num">
                Credentials
              </th>
              <th scope="col" className="num">
                Grants
              </th>
              <th scope="col" className="num">
                Findings
              </th>
              <th scope="col" className="num">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {d.history.map((h) => (
              <tr key={h.scanId} className={h.scanId === d.scanId ? 'current' : undefined}>
                <td>
                  #{h.scanId} {h.label} <span className="muted small">{formatDateTime(h.finishedAt)}</span>
                </td>
                <td>{h.present ? 'yes' : 'no'}</td>
                <td className="num">{h.present ? h.credentialCount : ''}</td>
                <td className="num">{h.present ? h.grantCount : ''}</td>
                <td className="num">{h.findingCount ?? ''}</td>
                <td className="num">{h.score ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

function grantSummary(g: Grant): { title: string; detail: string; body?: unknown } {
  switch (g.kind) {
    case 'aws-policy-statement':
    case 'aws-permissions-boundary': {
      const actions = g.statement.Action ?? g.statement.NotAction ?? [];
      const list = Array.isArray(actions) ? actions : [actions];
      return {
        title: `${g.kind === 'aws-permissions-boundary' ? 'Boundary ' : ''}${g.policyName} #${g.statementIndex}${g.attachedVia !== undefined ? ` (via ${g.attachedVia})` : ''}`,
        detail: `${g.statement.Effect} ${g.statement.NotAction !== undefined ? 'NOT ' : ''}${list.slice(0, 4).join(', ')}${list.length > 4 ? ` +${list.length - 4}` : ''} on ${g.resource}`,
        body: g.statement,
      };
    }
    case 'aws-managed-policy-ref':
      return { title: g.policyName, detail: `managed policy ${g.policyArn} (document not collected)` };
    case 'entra-app-role':
      return { title: g.permission, detail: `application permission on ${g.resourceName}` };
    case 'entra-delegated-scope':
      return { title: g.permission, detail: `delegated on ${g.resourceName} (${g.consentType})` };
    case 'entra-directory-role':
      return {
        title: g.roleName,
        detail: `directory role, ${g.assignment}${g.isPrivileged ? ', privileged' : ''}, scope ${g.directoryScopeId}`,
      };
  }
}

function GrantList({ grants }: { grants: readonly Grant[] }) {
  return (
    <ul className="grants">
      {grants.map((g) => {
        const s = grantSummary(g);
        return (
          <li key={g.id}>
            <strong>{s.title}</strong> <span className="muted">{s.detail}</span>
            {s.body !== undefined && (
              <details>
                <summary>Statement</summary>
                <pre className="small" tabIndex={0}>
                  {JSON.stringify(s.body, null, 2)}
                </pre>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TrustList({
  trusts,
  related,
  onOpen,
}: {
  trusts: readonly Trust[];
  related: ReadonlyMap<string, { id: string; name: string }>;
  onOpen: (id: string) => void;
}) {
  return (
    <table className="grid-table">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Principal</th>
          <th scope="col">Actions</th>
          <th scope="col">Conditions</th>
        </tr>
      </thead>
      <tbody>
        {trusts.map((t) => {
          const inInventory = t.principalId !== undefined ? related.get(t.principalId) : undefined;
          return (
            <tr key={t.id}>
              <td>
                {t.kind}
                {t.effect === 'Deny' ? ' (deny)' : ''}
              </td>
              <td>
                <span className="muted small">{t.principalType}</span>{' '}
                {inInventory ? (
                  <LinkButton onClick={() => onOpen(inInventory.id)} title={t.principal}>
                    {inInventory.name}
                  </LinkButton>
                ) : (
                  <span className="mono small">{t.principal}</span>
                )}
              </td>
              <td className="small">{t.actions.join(', ')}</td>
              <td>
                {Object.keys(t.conditions).length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <pre className="small" tabIndex={0}>
                    {JSON.stringify(t.conditions, null, 2)}
                  </pre>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
