/**
 * A scan (or the demo, or a re-assessment) in progress: live progress per source and account,
 * cancel, errors inline, and what to open once it has finished. A cancelled or partly failed scan
 * keeps what it read.
 */
import { useApp } from '../app-context';
import { Empty, ErrorBox, LinkButton, Loading } from '../components/common';
import { OperationProgress } from '../components/operation-progress';
import { useOperation } from '../hooks';
import { formatCount } from '../labels';

export function ScanScreen({ params }: { params: Record<string, string> }) {
  const { api, refreshSession, navigate } = useApp();
  const operationId = params['operation'];
  const { state, error } = useOperation(api, operationId, () => void refreshSession());
  if (operationId === undefined) {
    return (
      <div className="screen">
        <h1>Scan</h1>
        <Empty>
          No scan is running.{' '}
          <LinkButton onClick={() => navigate('connect')}>Connect sources and start one.</LinkButton>
        </Empty>
      </div>
    );
  }
  const result = state?.result;
  return (
    <div className="screen scan">
      <h1>Scan</h1>
      <ErrorBox error={error} />
      {!state && <Loading />}
      {state && (
        <OperationProgress state={state} onCancel={() => void api.cancelOperation({ operationId })} />
      )}
      {state && state.status !== 'running' && result?.scanId !== undefined && (
        <div className="card done" role="status">
          <p>
            Scan {result.scanId} stored ({result.scanStatus ?? 'complete'}):{' '}
            {formatCount(result.identities ?? 0)} identities
            {result.findings !== undefined ? `, ${formatCount(result.findings)} findings` : ''}.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => navigate('dashboard')}>
              Open the dashboard
            </button>
            <button type="button" onClick={() => navigate('inventory')}>
              Open the inventory
            </button>
          </div>
        </div>
      )}
      {state && state.status !== 'running' && result?.scanId === undefined && (
        <p>
          <LinkButton onClick={() => navigate('connect')}>Back to the sources</LinkButton>
        </p>
      )}
    </div>
  );
}
