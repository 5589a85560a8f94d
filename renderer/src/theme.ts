/**
 * Light and dark themes: the user's choice (or the system's) as `data-theme` on <html>, read by the
 * CSS variables in styles.css and by the charts.
 */
import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'agent-anchor.theme';

function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedChoice(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
}

/** Set the theme before the first render, so the page never flashes the other one. */
export function initTheme(): void {
  const choice = storedChoice();
  applyTheme(choice === 'system' ? systemTheme() : choice);
}

export function useTheme(): { theme: Theme; choice: ThemeChoice; choose: (choice: ThemeChoice) => void } {
  const [choice, setChoice] = useState<ThemeChoice>(storedChoice);
  const [system, setSystem] = useState<Theme>(systemTheme);
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const theme = choice === 'system' ? system : choice;
  useEffect(() => applyTheme(theme), [theme]);
  const choose = useCallback((next: ThemeChoice) => {
    setChoice(next);
    try {
      if (next === 'system') window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, next);
    } catch {
      // Storage disabled: the choice lasts for this session.
    }
  }, []);
  return { theme, choice, choose };
}
