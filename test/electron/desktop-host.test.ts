import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopHost, fileNameFor, type DesktopDialogs } from '../../electron/main/desktop-host';
import { RecentStore } from '../../electron/main/recent-store';
import { KeychainSecretStore, type SafeStorageLike } from '../../electron/main/secret-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-desktop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Encryption stand-in: reversible, and visibly not the plain text. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
    decryptString: (encrypted) => Buffer.from(encrypted.toString().slice(4), 'hex').toString(),
    getSelectedStorageBackend: () => backend,
  };
}

describe('RecentStore', () => {
  it('keeps engagements newest first, once each, and survives a damaged file', () => {
    let clock = Date.parse('2026-11-01T09:00:00Z');
    const store = new RecentStore(nodePath.join(dir, 'recent.json'), () => new Date((clock += 60_000)));
    store.add({ file: '/clients/contoso.anchor', clientName: 'Contoso' });
    store.add({ file: '/clients/fabrikam.anchor' });
    store.add({ file: '/clients/contoso.anchor', clientName: 'Contoso' });
    expect(store.list().map((r) => r.file)).toEqual(['/clients/contoso.anchor', '/clients/fabrikam.anchor']);
    expect(store.list()[0]).toMatchObject({ clientName: 'Contoso', openedAt: '2026-11-01T09:03:00.000Z' });
    expect(store.has('/clients/fabrikam.anchor')).toBe(true);
    expect(store.has('/etc/passwd')).toBe(false);
    writeFileSync(nodePath.join(dir, 'recent.json'), '{ not json');
    expect(store.list()).toEqual([]);
  });
});

describe('KeychainSecretStore', () => {
  it('stores only ciphertext and gives the secret back', () => {
    const file = nodePath.join(dir, 'secrets.json');
    const store = new KeychainSecretStore(file, fakeSafeStorage(), 'linux');
    expect(store.available()).toBe(true);
    store.save('entra-client-secret:contoso:app', 'Qx8~very.secret');
    expect(readFileSync(file, 'utf8')).not.toContain('Qx8~very.secret');
    expect(store.load('entra-client-secret:contoso:app')).toBe('Qx8~very.secret');
    store.remove('entra-client-secret:contoso:app');
    expect(store.load('entra-client-secret:contoso:app')).toBeUndefined();
  });

  it('refuses to store when there is no real keychain (Linux basic_text, or none)', () => {
    const plainText = new KeychainSecretStore(
      nodePath.join(dir, 's.json'),
      fakeSafeStorage('basic_text'),
      'linux',
    );
    expect(plainText.available()).toBe(false);
    expect(() => plainText.save('k', 'v')).toThrow('keychain is not available');
    const none = new KeychainSecretStore(
      nodePath.join(dir, 's.json'),
      fakeSafeStorage('unknown', false),
      'darwin',
    );
    expect(none.available()).toBe(false);
  });
});

describe('desktop host', () => {
  function host(answers: { save?: string; open?: string }) {
    const asked: string[] = [];
    const dialogs: DesktopDialogs = {
      showSaveDialog: async (options) => {
        asked.push(`save ${options.defaultPath}`);
        return answers.save === undefined ? { canceled: true } : { canceled: false, filePath: answers.save };
      },
      showOpenDialog: async (options) => {
        asked.push(`open ${options.filters.map((f) => f.extensions.join()).join(' ')}`);
        return answers.open === undefined
          ? { canceled: true, filePaths: [] }
          : { canceled: false, filePaths: [answers.open] };
      },
    };
    const recent = new RecentStore(nodePath.join(dir, 'recent.json'));
    const api = createDesktopHost({
      dialogs,
      userDataDir: nodePath.join(dir, 'userData'),
      documentsDir: '/home/consultant/Documents',
      recent,
      secrets: new KeychainSecretStore(nodePath.join(dir, 's.json'), fakeSafeStorage(), 'linux'),
      actor: 'consultant',
    });
    return { api, asked, recent };
  }

  it('asks where a new engagement goes, proposing the client name, and adds the extension', async () => {
    const { api, asked } = host({ save: '/home/consultant/Documents/Contoso 2026' });
    await expect(api.chooseNewEngagementFile('Contoso: Q4/2026')).resolves.toBe(
      '/home/consultant/Documents/Contoso 2026.anchor',
    );
    expect(asked).toEqual(['save /home/consultant/Documents/Contoso Q4 2026.anchor']);
    expect(fileNameFor('  <>:"|?*  ')).toBe('engagement.anchor');
  });

  it('treats a closed dialog as cancelled', async () => {
    const { api } = host({});
    await expect(api.chooseNewEngagementFile('Contoso')).resolves.toBeUndefined();
    await expect(api.chooseEngagementFile()).resolves.toBeUndefined();
    await expect(api.chooseExportFile('report.pdf', 'pdf')).resolves.toBeUndefined();
  });

  it('opens by name only recent engagements and its own demo', () => {
    const { api, recent } = host({});
    recent.add({ file: '/clients/contoso.anchor' });
    expect(api.mayOpen('/clients/contoso.anchor')).toBe(true);
    expect(api.mayOpen(nodePath.join(dir, 'userData', 'demo.anchor'))).toBe(true);
    expect(api.mayOpen('/home/consultant/.ssh/id_rsa')).toBe(false);
  });

  it('saves exports where the user chose, not as a download', async () => {
    const { api, asked } = host({ save: '/home/consultant/Documents/report.pdf' });
    await expect(api.chooseExportFile('Contoso agent assessment scan 2 (full).pdf', 'pdf')).resolves.toEqual({
      path: '/home/consultant/Documents/report.pdf',
      download: false,
    });
    expect(asked).toEqual(['save /home/consultant/Documents/Contoso agent assessment scan 2 (full).pdf']);
  });
});
