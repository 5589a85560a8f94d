/**
 * The ApiHost of the desktop app: native open and save dialogs, the recent list and the demo in the
 * user data folder, and the keychain-backed secret store. Dialogs are injected so this stays
 * testable without Electron.
 */
import nodePath from 'node:path';
import type { ApiHost, SecretStore } from '../../engagement/api-host';
import type { ExportFormat } from '../../model/api';
import type { RecentStore } from './recent-store';

/** The part of Electron's `dialog` (bound to the window) used here. */
export interface DesktopDialogs {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    properties: 'openFile'[];
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface DesktopHostInput {
  dialogs: DesktopDialogs;
  userDataDir: string;
  documentsDir: string;
  recent: RecentStore;
  secrets: SecretStore;
  actor: string;
  nativeBinding?: string;
}

const ENGAGEMENT_FILTER = { name: 'Agent Anchor engagement', extensions: ['anchor'] };

const EXPORT_FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF report', extensions: ['pdf'] },
  html: { name: 'HTML report', extensions: ['html'] },
  csv: { name: 'CSV (zip of tables)', extensions: ['csv', 'zip'] },
  json: { name: 'JSON export', extensions: ['json'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
};

/** A client name as a file name: no separators or characters file systems refuse. */
export function fileNameFor(clientName: string): string {
  const safe = clientName
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${safe || 'engagement'}.anchor`;
}

export function createDesktopHost(input: DesktopHostInput): ApiHost {
  return {
    kind: 'desktop',
    actor: input.actor,
    ...(input.nativeBinding !== undefined ? { nativeBinding: input.nativeBinding } : {}),
    canChooseFiles: true,
    async chooseNewEngagementFile(clientName) {
      const choice = await input.dialogs.showSaveDialog({
        title: 'New engagement',
        defaultPath: nodePath.join(input.documentsDir, fileNameFor(clientName)),
        filters: [ENGAGEMENT_FILTER],
      });
      if (choice.canceled || !choice.filePath) return undefined;
      return choice.filePath.endsWith('.anchor') ? choice.filePath : `${choice.filePath}.anchor`;
    },
    async chooseEngagementFile() {
      const choice = await input.dialogs.showOpenDialog({
        title: 'Open engagement',
        properties: ['openFile'],
        filters: [ENGAGEMENT_FILTER, { name: 'All files', extensions: ['*'] }],
      });
      return choice.canceled ? undefined : choice.filePaths[0];
    },
    mayOpen: (file) => input.recent.has(file) || nodePath.resolve(file) === nodePath.resolve(demoPath(input)),
    demoFile: () => demoPath(input),
    async chooseExportFile(suggestedName, format) {
      const choice = await input.dialogs.showSaveDialog({
        title: `Export ${format.toUpperCase()}`,
        defaultPath: nodePath.join(input.documentsDir, suggestedName),
        filters: [EXPORT_FILTERS[format]],
      });
      if (choice.canceled || !choice.filePath) return undefined;
      return { path: choice.filePath, download: false };
    },
    recent: {
      list: () => input.recent.list(),
      add: (entry) => input.recent.add(entry),
    },
    secrets: input.secrets,
  };
}

function demoPath(input: DesktopHostInput): string {
  return nodePath.join(input.userDataDir, 'demo.anchor');
}
