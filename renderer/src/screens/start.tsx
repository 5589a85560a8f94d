/**
 * The start screen: recent engagements, a new engagement, open a file, open the demo. In a browser
 * opened by `agent-anchor serve` the engagement is the file the command was given: it is created
 * here (empty or as the demo) when it does not exist yet.
 */
import { useEffect, useRef, useState } from 'react';
import { DEMO_SIZE_MAX, DEMO_SIZE_MIN } from '../../../model/api-limits';
import { useApp } from '../app-context';
import { ErrorBox, Section } from '../components/common';
import { OperationProgress } from '../components/operation-progress';
import { messageOf, useOperation } from '../hooks';
import { formatDateTime } from '../labels';

export function StartScreen({ params }: { params: Record<string, string> }) {
  const { api, session, refreshSession, navigate } = useApp();
  const [clientName, setClientName] = useState('');
  const [demoSize, setDemoSize] = useState(2000);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [operationId, setOperationId] = useState<string | undefined>(params['operation']);
  const nameInput = useRef<HTMLInputElement>(null);
  const { state } = useOperation(api, operationId, (final) => {
    void refreshSession().then((next) => {
      if (final.status === 'succeeded' && next.engagement) navigate('dashboard');
    });
  });

  useEffect(() => {
    if (params['new'] === '1') nameInput.current?.focus();
  }, [params]);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  const afterOpen = async () => {
    const next = await refreshSession();
    if (next.engagement) navigate('dashboard');
  };

  const browser = session.host === 'browser';
  const engagement = session.engagement;
  const canCreate = !browser || session.servedFileMissing === true;

  return (
    <div className="screen start">
      <h1>Engagements</h1>
      <ErrorBox error={error} />
      {state && (
        <OperationProgress
          state={state}
          onCancel={() => void api.cancelOperation({ operationId: state.id })}
        />
      )}
      {engagement && (
        <Section title="Open engagement">
          <p>
            <strong>{engagement.clientName ?? 'Engagement'}</strong>{' '}
            <span className="mono">{engagement.file}</span> · {engagement.scanCount} scan(s)
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => navigate(engagement.scanCount > 0 ? 'dashboard' : 'connect')}
            >
              {engagement.scanCount > 0 ? 'Go to the dashboard' : 'Connect sources and scan'}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.closeEngagement();
                  await refreshSession();
                })
              }
            >
              Close engagement
            </button>
          </div>
        </Section>
      )}
      {browser && (
        <Section title="Served file">
          <p>
            This browser works on <span className="mono">{session.servedFile}</span>
            {session.servedFileMissing ? ', which does not exist yet: create it below.' : '.'}
          </p>
          {!session.servedFileMissing && !engagement && session.servedFile !== undefined && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.openEngagement({ file: session.servedFile });
                  await afterOpen();
                })
              }
            >
              Open it
            </button>
          )}
        </Section>
      )}
      {canCreate && (
        <Section title="New engagement">
          <form
            className="form-row"
            onSubmit={(event) => {
              event.preventDefault();
              void run(async () => {
                const next = await api.createEngagement({ clientName: clientName.trim() });
                await refreshSession();
                if (next.engagement) navigate('connect');
              });
            }}
          >
            <label>
              Client name
              <input
                ref={nameInput}
                required
                maxLength={200}
                value={clientName}
                onChange={(event) => setClientName(event.target.value)}
                placeholder="e.g. Contoso Ltd"
              />
            </label>
            <button type="submit" className="primary" disabled={busy || clientName.trim() === ''}>
              {browser ? 'Create engagement' : 'Create engagement…'}
            </button>
          </form>
          {!browser && <p className="muted">You choose where the engagement file is saved.</p>}
        </Section>
      )}
      {!browser && (
        <Section title="Open a file">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await api.openEngagement({});
                await afterOpen();
              })
            }
          >
            Open engagement…
          </button>
        </Section>
      )}
      {canCreate && (
        <Section title="The demo">
          <p>
            Northwind Robotics, a fictitious company with AWS accounts and an Entra tenant full of agents,
            written
            {browser ? ' to the served file' : ' to a demo file in your profile'}.
          </p>
          <form
            className="form-row"
            onSubmit={(event) => {
              event.preventDefault();
              void run(async () => {
                const { operationId: id } = await api.openDemo({ size: demoSize });
                setOperationId(id);
              });
            }}
          >
            <label>
              Identities
              <input
                type="number"
                min={DEMO_SIZE_MIN}
                max={DEMO_SIZE_MAX}
                step={50}
                value={demoSize}
                onChange={(event) => setDemoSize(Number(event.target.value))}
              />
            </label>
            <button type="submit" disabled={busy || state?.status === 'running'}>
              Open the demo
            </button>
          </form>
        </Section>
      )}
      {session.recent.length > 0 && (
        <Section title="Recent engagements">
          <ul className="recent">
            {session.recent.map((recent) => (
              <li key={recent.file}>
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      await api.openEngagement({ file: recent.file });
                      await afterOpen();
                    })
                  }
                >
                  {recent.clientName ?? recent.file}
                </button>{' '}
                <span className="mono muted">{recent.file}</span>{' '}
                <span className="muted">opened {formatDateTime(recent.openedAt)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
