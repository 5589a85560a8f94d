/** Appendix A: one block per identity with findings, agents first. */
import { AGENT_LABEL, PROVIDER_LABEL, num, plural, points } from '../format';
import type { AppendixEntry, ReportModel } from '../types';
import { AgentBadge, Chapter, Sev } from './components';

function Entry({ e, scoreLabel }: { e: AppendixEntry; scoreLabel: string }) {
  const i = e.identity;
  return (
    <div className="entry" id={`identity-${e.identity.id}`}>
      <div className="entry-head">
        <span className="title">
          {i.name} <AgentBadge verdict={i.agent} />
        </span>
        <span className="small">
          {scoreLabel} <strong>{points(e.score)}</strong>
        </span>
      </div>
      <div className="entry-grid">
        <div className="full mono">{i.nativeId}</div>
        <div>
          <span className="label">Kind</span> {i.kindLabel} · {PROVIDER_LABEL[i.provider]} {i.account}
          {e.enabled ? '' : ' · disabled'}
        </div>
        <div>
          <span className="label">Classification</span> {AGENT_LABEL[i.agent]} (confidence{' '}
          {Math.round(e.agentConfidence * 100)} %)
          {e.providerManaged ? `, managed by ${e.providerManaged}` : ''}
        </div>
        <div>
          <span className="label">Created</span> {e.createdAt || 'unknown'} ·{' '}
          <span className="label">Last used</span> {e.lastUsedAt || 'no record'}
        </div>
        <div>
          <span className="label">Owners</span>{' '}
          {e.owners.length === 0
            ? 'none'
            : e.owners
                .map((o) => `${o.name} (${o.relation}${o.enabled === false ? ', disabled' : ''})`)
                .join(', ')}
        </div>
        {e.description ? (
          <div className="full">
            <span className="label">Description</span> {e.description}
          </div>
        ) : null}
        {e.agentSignals.length > 0 ? (
          <div className="full">
            <span className="label">Evidence of agent use</span> {e.agentSignals.join('; ')}
          </div>
        ) : null}
        {e.factors.length > 0 ? (
          <div className="full">
            <span className="label">Score factors</span>{' '}
            {e.factors.map((f) => `${f.factor} ${points(f.points)}`).join(' · ')}
          </div>
        ) : null}
        {e.credentials.length > 0 ? (
          <div className="full">
            <span className="label">Credentials</span>
            <ul>
              {e.credentials.map((c, n) => (
                <li key={n}>
                  {c.kind} <span className="mono">{c.name}</span>: {c.status}
                  {c.createdAt ? `, created ${c.createdAt}` : ''}
                  {c.ageDays !== undefined ? ` (${num(c.ageDays)} days)` : ''}
                  {c.expiresAt ? `, expires ${c.expiresAt}` : ''}
                  {c.lastUsedAt ? `, last used ${c.lastUsedAt}` : ''}
                </li>
              ))}
              {e.credentialCount > e.credentials.length ? (
                <li className="muted">{e.credentialCount - e.credentials.length} more credentials</li>
              ) : null}
            </ul>
          </div>
        ) : null}
        <div className="full">
          <span className="label">Privileges</span>{' '}
          {e.privileges.count === 0 ? 'none on record' : plural(e.privileges.count, 'grant')}
          {e.privileges.lines.length > 0 ? (
            <ul>
              {e.privileges.lines.map((l, n) => (
                <li key={n}>{l}</li>
              ))}
              {e.privileges.omitted > 0 ? (
                <li className="muted">{e.privileges.omitted} more grants</li>
              ) : null}
            </ul>
          ) : null}
        </div>
        {e.trusts.length > 0 ? (
          <div className="full">
            <span className="label">Trusted by</span>
            <ul>
              {e.trusts.map((t, n) => (
                <li key={n}>{t}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {e.escalation.length > 0 ? (
          <div className="full">
            <span className="label">Escalation paths</span>
            <ul>
              {e.escalation.map((t, n) => (
                <li key={n}>{t}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="full">
          <span className="label">Findings</span>
          <ul>
            {e.findings.map((f, n) => (
              <li key={n}>
                <Sev severity={f.severity} /> {f.title} <span className="rule-id">{f.ruleId}</span>
                {f.status === 'open' ? '' : ` [${f.status}]`}
                {f.message ? `: ${f.message}` : ' (path above)'}
              </li>
            ))}
            {e.omittedFindings > 0 ? (
              <li className="muted">{e.omittedFindings} more findings in the exports</li>
            ) : null}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function Appendix({ model, number }: { model: ReportModel; number: string }) {
  const a = model.appendix;
  return (
    <Chapter id="identities" number={number} title="Identities with findings">
      <p>
        {plural(a.identitiesWithFindings, 'identity has', 'identities have')} findings (
        {num(a.agentsWithFindings)} of them agents); the {plural(a.withoutFindings, 'identity', 'identities')}{' '}
        without findings are not listed here (the CSV, JSON and XLSX exports hold every identity). Agents come
        first, then by {model.scoring.basis === 'score' ? 'risk score' : 'risk points'}.
        {a.omitted > 0
          ? ` To keep the report usable, the first ${num(a.entries.length)} are printed; the other ${num(a.omitted)} are in the exports.`
          : ''}
      </p>
      {a.entries.map((e) => (
        <Entry
          e={e}
          key={e.identity.id}
          scoreLabel={model.scoring.basis === 'score' ? 'Score' : 'Risk points'}
        />
      ))}
    </Chapter>
  );
}
