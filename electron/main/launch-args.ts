/**
 * What the command line asks the app to open: `agent-anchor-app [FILE.anchor] [--demo]`.
 * In development electron-vite starts `electron . <args>`; a packaged app gets `<exe> <args>`.
 * Anything starting with `-` is a flag (ours or Chromium's, e.g. `--no-sandbox`, macOS `-psn_…`).
 */
export interface LaunchRequest {
  /** Engagement file to open, as given (resolve against the working directory). */
  file?: string;
  /** Generate and open the demo engagement. */
  demo: boolean;
}

export function parseLaunchArgs(argv: readonly string[], isPackaged: boolean): LaunchRequest {
  const args = argv.slice(isPackaged ? 1 : 2);
  const file = args.find((arg) => arg !== '' && !arg.startsWith('-'));
  return { demo: args.includes('--demo'), ...(file !== undefined ? { file } : {}) };
}
