/**
 * Secrets the user asked the desktop app to remember (an Entra client secret), encrypted by the
 * OS keychain through Electron's safeStorage and kept as base64 ciphertext in a file of the user
 * data folder. Nothing is stored when safeStorage cannot encrypt (no keychain, or Linux's
 * plain-text fallback `basic_text`): the user then enters the secret for each scan.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import nodePath from 'node:path';
import type { SecretStore } from '../../engagement/api-host';

/** The part of Electron's safeStorage used here; tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?: () => string;
}

export class KeychainSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  available(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a keyring, Electron "encrypts" with a hard-coded key: not a keychain.
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text')
      return false;
    return true;
  }

  save(key: string, value: string): void {
    if (!this.available()) throw new Error('the OS keychain is not available: the secret was not stored');
    const all = this.read();
    all[key] = this.safeStorage.encryptString(value).toString('base64');
    this.write(all);
  }

  load(key: string): string | undefined {
    if (!this.available()) return undefined;
    const stored = this.read()[key];
    if (stored === undefined) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      // Encrypted under another OS account or keychain: as good as absent.
      return undefined;
    }
  }

  remove(key: string): void {
    const all = this.read();
    if (!(key in all)) return;
    delete all[key];
    this.write(all);
  }

  private read(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  private write(all: Record<string, string>): void {
    mkdirSync(nodePath.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(all)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
