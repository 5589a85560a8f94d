/**
 * Finds an installed Chromium, Chrome or Edge for the CLI's PDF printing (playwright-core drives
 * it; no browser is downloaded). AGENT_ANCHOR_CHROMIUM wins; otherwise the usual install paths of
 * the platform are tried in order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../model/errors';

export const BROWSER_ENV = 'AGENT_ANCHOR_CHROMIUM';

export interface BrowserLookup {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
}

export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => typeof r === 'string' && r.length > 0,
    );
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', join(env.HOME ?? '', 'Applications')];
    return apps.flatMap((dir) => [
      join(dir, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'),
      join(dir, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
      join(dir, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
  ];
}

const INSTALL_HINT: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`) or Google Chrome',
  darwin: 'install Google Chrome or Microsoft Edge',
  win32: 'install Google Chrome or Microsoft Edge',
};

/** Path of the browser to print with; throws a UsageError that says what to install. */
export function findBrowser(lookup: BrowserLookup = {}): string {
  const env = lookup.env ?? process.env;
  const platform = lookup.platform ?? process.platform;
  const exists = lookup.exists ?? existsSync;
  const forced = env[BROWSER_ENV];
  if (forced) {
    if (!exists(forced)) throw new UsageError(`${BROWSER_ENV} is set to ${forced}, which does not exist`);
    return forced;
  }
  const candidates = browserCandidates(platform, env);
  const found = candidates.find((p) => exists(p));
  if (found) return found;
  throw new UsageError(
    `PDF export needs Chromium, Google Chrome or Microsoft Edge and none was found: ${INSTALL_HINT[platform] ?? INSTALL_HINT.linux}, ` +
      `or set ${BROWSER_ENV} to the browser's executable. HTML export works without a browser. Looked in: ${candidates.join(', ')}`,
  );
}
