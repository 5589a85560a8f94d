/**
 * Live progress of a scan, the demo or an export: one row per source with its progress bar, one
 * line per account or tenant with its current phase and item count, the device code to enter when
 * a sign-in needs one, what was missed (partial results are kept), and a cancel button.
 */
import type { OperationState } from '../../../model/api';
import { formatCount, formatDateTime, plural } from '../labels';

const STATUS_TEXT: Record<OperationState['status'], string> = {
  running: 'Running',
  succeeded: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function OperationProgress({ state, onCancel }: { state: OperationState; onCancel?: () => void }) {
  const running = state.status === 'running';
  return (
    <div className="operation" aria-busy={running}>
      <div className="operation-head">
        <h2>{state.title}</h2>
        <span className={`status status-${state.status}`} role="status" aria-live="polite">
          {STATUS_TEXT[state.status]}
        </span>
        {running && onCancel && (
          <button type="button" className="danger" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {state.prompt && (
        <div className="prompt" role="alert">
          <p>
            Sign in at <strong className="mono">{state.prompt.verificationUri}</strong> with the code{' '}
            <strong className="mono big">{state.prompt.userCode}</strong>
          </p>
          <p className="muted">{state.prompt.message}</p>
        </div>
      )}
      <ul className="sources" aria-label="Progress by source">
        {state.sources.map((source) => (
          <li key={source.key} className="source">
            <div className="source-line">
              <strong>{source.label}</strong>
              <span className="muted">{source.detail}</span>
              <span className="count">{plural(source.events, 'event')}</span>
            </div>
            {source.total !== undefined && source.total > 0 ? (
              <progress
                max={source.total}
                value={Math.min(source.done ?? 0, source.total)}
                aria-label={`${source.label}: ${source.done ?? 0} of ${source.total}`}
              />
            ) : running && source.key === state.current ? (
              <progress aria-label={`${source.label}: working`} />
            ) : null}
            {source.accounts.length > 0 && (
              <table className="accounts">
                <thead>
                  <tr>
                    <th scope="col">Account / tenant</th>
                    <th scope="col">Phase</th>
                    <th scope="col" className="num">
                      Items
                    </th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {source.accounts.map((account) => (
                    <tr key={account.account} className={`account-${account.state}`}>
                      <td className="mono">
                        {account.account === 'tenant' ? 'Entra tenant' : account.account}
                      </td>
                      <td>{account.phase}</td>
                      <td className="num">{account.count !== undefined ? formatCount(account.count) : ''}</td>
                      <td>{account.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ul>
      {state.error !== undefined && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state.result?.assessError !== undefined && (
        <p className="error" role="alert">
          The scan was stored, but assessing it failed: {state.result.assessError}
        </p>
      )}
      {state.result?.gaps && state.result.gaps.length > 0 && (
        <details className="gaps" open={state.result.scanStatus === 'partial'}>
          <summary>
            {state.result.scanStatus === 'partial' ? 'Partial scan: ' : ''}
            {formatCount(state.result.gaps.length)} area(s) not fully read (what was read is kept)
          </summary>
          <ul>
            {state.result.gaps.map((gap) => (
              <li key={gap.area}>
                <span className="mono">{gap.area}</span> <em>{gap.status}</em>
                {gap.message !== undefined ? `: ${gap.message}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details className="log">
        <summary>Recent events</summary>
        <ol>
          {state.recent.map((event, i) => (
            <li key={`${event.at}-${i}`}>
              <span className="muted">{formatDateTime(event.at).slice(11, 16)}</span> {event.phase}
              {event.detail !== undefined ? ` ${event.detail}` : ''}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
