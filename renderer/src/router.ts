/**
 * Where the app is, kept in the URL fragment next to the serve token (`#token=…&view=inventory`),
 * so a reload comes back to the same screen and the browser's back button works. Only known views
 * and plain string parameters are read; anything else falls back to the start screen.
 */
import { useCallback, useEffect, useState } from 'react';

export const VIEWS = [
  'start',
  'connect',
  'scan',
  'dashboard',
  'inventory',
  'identity',
  'findings',
  'diff',
  'exports',
  'settings',
] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  params: Record<string, string>;
}

/** Fragment keys that are not route parameters. */
const RESERVED = new Set(['token', 'view']);

export function parseRoute(hash: string): Route {
  const search = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = search.get('view') ?? 'dashboard';
  const view = (VIEWS as readonly string[]).includes(raw) ? (raw as View) : 'start';
  const params: Record<string, string> = {};
  for (const [key, value] of search) if (!RESERVED.has(key)) params[key] = value;
  return { view, params };
}

/** The fragment for a route, keeping the token of the current fragment. */
export function routeHash(currentHash: string, route: Route): string {
  const current = new URLSearchParams(currentHash.replace(/^#/, ''));
  const next = new URLSearchParams();
  const token = current.get('token');
  if (token !== null) next.set('token', token);
  next.set('view', route.view);
  for (const [key, value] of Object.entries(route.params)) if (value !== '') next.set(key, value);
  return `#${next.toString()}`;
}

export type Navigate = (view: View, params?: Record<string, string>, options?: { replace?: boolean }) => void;

export function useRoute(): [Route, Navigate] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback<Navigate>((view, params = {}, options = {}) => {
    const hash = routeHash(window.location.hash, { view, params });
    if (hash === window.location.hash) return;
    if (options.replace) window.history.replaceState(null, '', hash);
    else window.history.pushState(null, '', hash);
    setRoute(parseRoute(hash));
  }, []);
  return [route, navigate];
}
