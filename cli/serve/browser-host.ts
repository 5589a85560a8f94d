/**
 * The ApiHost of `agent-anchor serve`: a browser tab works on the one engagement file the command
 * was given. A new engagement or the demo is written to that file when it does not exist yet;
 * exports go to a private temporary folder and are fetched through the download route.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import type { ApiHost } from '../../engagement/api-host';

export interface BrowserHost extends ApiHost {
  /** Remove the temporary export folder. */
  dispose(): void;
}

export function createBrowserHost(file: string, options: { actor: string }): BrowserHost {
  const servedFile = nodePath.resolve(file);
  const exportDir = mkdtempSync(nodePath.join(tmpdir(), 'agent-anchor-exports-'));
  let counter = 0;
  return {
    kind: 'browser',
    actor: options.actor,
    canChooseFiles: false,
    servedFile,
    async chooseNewEngagementFile() {
      return servedFile;
    },
    async chooseEngagementFile() {
      return undefined;
    },
    mayOpen: (candidate) => nodePath.resolve(candidate) === servedFile && existsSync(servedFile),
    demoFile: () => servedFile,
    async chooseExportFile(suggestedName) {
      // One folder per export: two exports of the same scan never overwrite each other.
      counter += 1;
      const dir = nodePath.join(exportDir, String(counter));
      mkdirSync(dir, { mode: 0o700 });
      return { path: nodePath.join(dir, suggestedName), download: true };
    },
    recent: {
      list: () => [],
      add: () => undefined,
    },
    dispose: () => rmSync(exportDir, { recursive: true, force: true }),
  };
}
