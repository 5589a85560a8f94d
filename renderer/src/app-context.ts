/** What every screen needs: the API, the session, navigation and the theme. */
import { createContext, useContext } from 'react';
import type { AgentAnchorApi, Session } from '../../model/api';
import type { Navigate } from './router';
import type { Theme } from './theme';

export interface AppContextValue {
  api: AgentAnchorApi;
  session: Session;
  /** Read the session again (after opening, creating or scanning). */
  refreshSession: () => Promise<Session>;
  navigate: Navigate;
  theme: Theme;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}
