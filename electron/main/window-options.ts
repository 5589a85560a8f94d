/**
 * The one window's options. Everything that keeps page content away from Node and the OS is set
 * explicitly here (even where Electron's default already agrees) so a test can assert it and a
 * future default change cannot loosen it silently.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (`out/preload/index.cjs`). */
  preloadPath: string;
  /** Development run (unpackaged): DevTools allowed. */
  dev: boolean;
}

export function buildWindowOptions({
  preloadPath,
  dev,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Agent Anchor',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: dev,
    },
  };
}
