/**
 * The app shell: the session, the navigation and the current screen. The route lives in the URL
 * fragment (router.ts) so a reload returns to the same screen; screens that need an open engagement
 * send the user to the start screen when there is none.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AgentAnchorApi, Session } from '../../model/api';
import { AppContext, type AppContextValue } from './app-context';
import { ErrorBox, Loading } from './components/common';
import { messageOf } from './hooks';
import { useRoute, type View } from './router';
import { ConnectScreen } from './screens/connect';
import { DashboardScreen } from './screens/dashboard';
import { DiffScreen } from './screens/diff';
import { ExportsScreen } from './screens/exports';
import { FindingsScreen } from './screens/findings';
import { IdentityScreen } from './screens/identity';
import { InventoryScreen } from './screens/inventory';
import { ScanScreen } from './screens/scan';
import { SettingsScreen } from './screens/settings';
import { StartScreen } from './screens/start';
import { useTheme, type ThemeChoice } from './theme';

const NAV: { view: View; label: string }[] = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'inventory', label: 'Inventory' },
  { view: 'findings', label: 'Findings' },
  { view: 'diff', label: 'Scan diff' },
  { view: 'connect', label: 'Connect & scan' },
  { view: 'exports', label: 'Exports' },
  { view: 'settings', label: 'Settings' },
];

/** Screens that need no open engagement. */
const OPEN_VIEWS: ReadonlySet<View> = new Set(['start', 'scan']);

export function App({ api }: { api: AgentAnchorApi }) {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<string>();
  const [route, navigate] = useRoute();
  const { theme, choice, choose } = useTheme();

  const refreshSession = useCallback(async () => {
    const next = await api.getSession();
    setSession(next);
    return next;
  }, [api]);

  useEffect(() => {
    refreshSession().catch((reason: unknown) => setError(messageOf(reason)));
  }, [refreshSession]);

  const context = useMemo<AppContextValue | undefined>(
    () => (session ? { api, session, refreshSession, navigate, theme } : undefined),
    [api, session, refreshSession, navigate, theme],
  );

  useEffect(() => {
    if (session && !session.engagement && !OPEN_VIEWS.has(route.view))
      navigate('start', {}, { replace: true });
  }, [session, route.view, navigate]);

  useEffect(() => {
    const client = session?.engagement?.clientName;
    document.title = client !== undefined ? `${client} – Agent Anchor` : 'Agent Anchor';
  }, [session]);

  if (!context || !session) {
    return (
      <main className="boot">
        <h1>Agent Anchor</h1>
        {error !== undefined ? <ErrorBox error={error} /> : <Loading />}
      </main>
    );
  }

  const engagement = session.engagement;
  const running = session.runningOperations[0];
  return (
    <AppContext.Provider value={context}>
      <a className="skip-link" href="#content" onClick={focusContent}>
        Skip to content
      </a>
      <div className="shell">
        <header className="topbar">
          <span className="brand" aria-label="Agent Anchor">
            ⚓ Agent Anchor
          </span>
          {engagement && (
            <span className="engagement" title={engagement.file}>
              {engagement.clientName ?? engagement.file}
            </span>
          )}
          {running !== undefined && route.view !== 'scan' && (
            <button
              type="button"
              className="small running"
              onClick={() => navigate('scan', { operation: running })}
            >
              Work in progress: show
            </button>
          )}
          <label className="theme-choice">
            Theme{' '}
            <select value={choice} onChange={(event) => choose(event.target.value as ThemeChoice)}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </header>
        <nav className="sidebar" aria-label="Screens">
          <ul>
            {engagement &&
              NAV.map((item) => (
                <li key={item.view}>
                  <a
                    href={`#view=${item.view}`}
                    aria-current={route.view === item.view ? 'page' : undefined}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(item.view);
                    }}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            <li className="nav-start">
              <a
                href="#view=start"
                aria-current={route.view === 'start' ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate('start');
                }}
              >
                Engagements
              </a>
            </li>
          </ul>
        </nav>
        <main id="content" className="content" tabIndex={-1}>
          <Screen view={route.view} params={route.params} hasEngagement={engagement !== undefined} />
        </main>
      </div>
    </AppContext.Provider>
  );
}

function Screen({
  view,
  params,
  hasEngagement,
}: {
  view: View;
  params: Record<string, string>;
  hasEngagement: boolean;
}) {
  if (!hasEngagement && !OPEN_VIEWS.has(view)) return <StartScreen params={params} />;
  switch (view) {
    case 'start':
      return <StartScreen params={params} />;
    case 'connect':
      return <ConnectScreen />;
    case 'scan':
      return <ScanScreen params={params} />;
    case 'dashboard':
      return <DashboardScreen params={params} />;
    case 'inventory':
      return <InventoryScreen params={params} />;
    case 'identity':
      return <IdentityScreen params={params} />;
    case 'findings':
      return <FindingsScreen params={params} />;
    case 'diff':
      return <DiffScreen params={params} />;
    case 'exports':
      return <ExportsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function focusContent(event: React.MouseEvent): void {
  event.preventDefault();
  document.getElementById('content')?.focus();
}
