/**
 * What the API implementation needs from the program hosting it. The Electron main process answers
 * with native dialogs, a recent-files list in the user data folder and the OS keychain
 * (safeStorage); `agent-anchor serve` answers for the one file it was given and has no keychain.
 */
import type { ExportFormat, HostKind, RecentEngagement } from '../model/api';

export interface SecretStore {
  /** True when secrets can be kept encrypted (safeStorage available). */
  available(): boolean;
  save(key: string, value: string): void;
  load(key: string): string | undefined;
  remove(key: string): void;
}

export interface ApiHost {
  kind: HostKind;
  /** Electron's build of better-sqlite3 in the desktop app; undefined uses the default. */
  nativeBinding?: string;
  /** Who acts, for the audit log. */
  actor: string;
  /** Where a new engagement goes: a save dialog, or the served file. Undefined = the user cancelled. */
  chooseNewEngagementFile(clientName: string): Promise<string | undefined>;
  /** An existing engagement to open: an open dialog. Undefined = cancelled or not offered. */
  chooseEngagementFile(): Promise<string | undefined>;
  /** True when `file` may be opened without a dialog (it is in the recent list, or it is the served file). */
  mayOpen(file: string): boolean;
  /** Where the demo engagement is written. */
  demoFile(): string;
  /**
   * Where an export goes. Desktop: a save dialog (undefined = cancelled); browser: a private temporary
   * path the download route later serves.
   */
  chooseExportFile(
    suggestedName: string,
    format: ExportFormat,
  ): Promise<{ path: string; download: boolean } | undefined>;
  recent: {
    list(): RecentEngagement[];
    add(entry: { file: string; clientName?: string }): void;
  };
  secrets?: SecretStore;
  /** True when dialogs exist (desktop). */
  canChooseFiles: boolean;
  /** Browser host: the file `serve` was given. */
  servedFile?: string;
}
