/**
 * scripts/electron-native.mjs with a fake rebuild: what is copied, what is skipped, what a failure
 * leaves behind. The real rebuild needs network access (Electron headers) and is not run here.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ELECTRON_NATIVE_BINDING, electronNativeBinding } from '../../electron/main/native-binding';

interface Target {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
interface RebuildOptions {
  buildPath: string;
  projectRootPath: string;
  electronVersion: string;
  arch: string;
  onlyModules: string[];
  force: boolean;
}
interface NativeScript {
  NATIVE_DIR: string;
  BINDING_NAME: string;
  STAMP_NAME: string;
  readTargetVersions(root: string): Target;
  isUpToDate(nativeDir: string, target: Target): boolean;
  ensureElectronNative(options: {
    root: string;
    rebuild: (options: RebuildOptions) => Promise<unknown>;
    target?: Target;
  }): Promise<{ status: 'up-to-date' | 'built'; binding: string }>;
  failureMessage(error: unknown, target: Partial<Target>): string;
}

// A plain .mjs script has no type declarations; it is loaded by URL and typed by NativeScript.
const script = (await import(
  new URL('../../scripts/electron-native.mjs', import.meta.url).href
)) as unknown as NativeScript;

let root: string;
const NODE_BUILD = 'node-abi-115 build';

beforeEach(() => {
  root = mkdtempSync(nodePath.join(tmpdir(), 'aa-native-'));
  const pkg = nodePath.join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(nodePath.join(pkg, 'build', 'Release'), { recursive: true });
  mkdirSync(nodePath.join(pkg, 'lib'), { recursive: true });
  mkdirSync(nodePath.join(pkg, 'src'), { recursive: true });
  writeFileSync(
    nodePath.join(pkg, 'package.json'),
    JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }),
  );
  writeFileSync(nodePath.join(pkg, 'binding.gyp'), '{ "targets": [] }');
  writeFileSync(nodePath.join(pkg, 'lib', 'index.js'), 'module.exports = {};');
  writeFileSync(nodePath.join(pkg, 'src', 'better_sqlite3.cpp'), '// source');
  writeFileSync(nodePath.join(pkg, 'build', 'Release', 'better_sqlite3.node'), NODE_BUILD);
  mkdirSync(nodePath.join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(
    nodePath.join(root, 'node_modules', 'electron', 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0' }),
  );
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Stands in for @electron/rebuild: writes an addon into the copied module, as a build would. */
function fakeRebuild(output: string | null = 'electron-abi-140 build') {
  const calls: { options: RebuildOptions; copiedBuildDirExisted: boolean }[] = [];
  const rebuild = async (options: RebuildOptions) => {
    const module = nodePath.join(options.buildPath, 'node_modules', 'better-sqlite3');
    calls.push({ options, copiedBuildDirExisted: existsSync(nodePath.join(module, 'build')) });
    if (output === null) return;
    mkdirSync(nodePath.join(module, 'build', 'Release'), { recursive: true });
    writeFileSync(nodePath.join(module, 'build', 'Release', 'better_sqlite3.node'), output);
  };
  return { rebuild, calls };
}

const nodeAddon = () =>
  readFileSync(nodePath.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8');

describe('electron-native script', () => {
  it('writes the addon where the main process looks for it', () => {
    expect(nodePath.join(script.NATIVE_DIR, script.BINDING_NAME)).toBe(ELECTRON_NATIVE_BINDING);
  });

  it('reads the installed Electron and better-sqlite3 versions', () => {
    expect(script.readTargetVersions(root)).toEqual({
      electron: '45.5.0',
      betterSqlite3: '12.11.1',
      platform: process.platform,
      arch: process.arch,
    });
  });

  it('builds a copy without build/, keeps the Node build untouched, then stamps it', async () => {
    const { rebuild, calls } = fakeRebuild();
    const result = await script.ensureElectronNative({ root, rebuild });
    const nativeDir = nodePath.join(root, script.NATIVE_DIR);
    expect(result).toEqual({ status: 'built', binding: nodePath.join(nativeDir, 'better_sqlite3.node') });
    expect(readFileSync(result.binding, 'utf8')).toBe('electron-abi-140 build');
    expect(nodeAddon()).toBe(NODE_BUILD);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.copiedBuildDirExisted).toBe(false);
    expect(calls[0]?.options).toEqual({
      buildPath: nativeDir,
      projectRootPath: nativeDir,
      electronVersion: '45.5.0',
      arch: process.arch,
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    const copied = nodePath.join(nativeDir, 'node_modules', 'better-sqlite3');
    expect(existsSync(nodePath.join(copied, 'binding.gyp'))).toBe(true);
    expect(existsSync(nodePath.join(copied, 'src', 'better_sqlite3.cpp'))).toBe(true);
    const manifest = JSON.parse(readFileSync(nodePath.join(nativeDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ 'better-sqlite3': '12.11.1' });
    expect(script.isUpToDate(nativeDir, script.readTargetVersions(root))).toBe(true);
  });

  it('skips the build while the stamp matches, and rebuilds when a version changes', async () => {
    const first = fakeRebuild();
    await script.ensureElectronNative({ root, rebuild: first.rebuild });
    const second = fakeRebuild('never used');
    await expect(script.ensureElectronNative({ root, rebuild: second.rebuild })).resolves.toMatchObject({
      status: 'up-to-date',
    });
    expect(second.calls).toHaveLength(0);

    writeFileSync(
      nodePath.join(root, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ name: 'electron', version: '45.6.0' }),
    );
    const third = fakeRebuild('electron 45.6.0 build');
    const result = await script.ensureElectronNative({ root, rebuild: third.rebuild });
    expect(result.status).toBe('built');
    expect(third.calls[0]?.options.electronVersion).toBe('45.6.0');
    expect(readFileSync(result.binding, 'utf8')).toBe('electron 45.6.0 build');
  });

  it('rebuilds when the addon is gone even though the stamp is there', async () => {
    const first = fakeRebuild();
    const { binding } = await script.ensureElectronNative({ root, rebuild: first.rebuild });
    rmSync(binding);
    const second = fakeRebuild();
    await expect(script.ensureElectronNative({ root, rebuild: second.rebuild })).resolves.toMatchObject({
      status: 'built',
    });
    expect(second.calls).toHaveLength(1);
  });

  it('leaves no stale addon or stamp when a rebuild fails', async () => {
    const first = fakeRebuild();
    const { binding } = await script.ensureElectronNative({ root, rebuild: first.rebuild });
    writeFileSync(
      nodePath.join(root, 'node_modules', 'better-sqlite3', 'package.json'),
      JSON.stringify({ name: 'better-sqlite3', version: '12.12.0' }),
    );
    const offline = async () => {
      throw new Error('getaddrinfo ENOTFOUND www.electronjs.org\n    at stack line');
    };
    await expect(script.ensureElectronNative({ root, rebuild: offline })).rejects.toThrow('ENOTFOUND');
    expect(existsSync(binding)).toBe(false);
    expect(existsSync(nodePath.join(root, script.NATIVE_DIR, script.STAMP_NAME))).toBe(false);
    expect(nodeAddon()).toBe(NODE_BUILD);
  });

  it('fails when the rebuild reports success but produced no addon', async () => {
    const { rebuild } = fakeRebuild(null);
    await expect(script.ensureElectronNative({ root, rebuild })).rejects.toThrow('produced no');
  });

  it('explains a failure: versions, the one-line reason, what is needed, and that Node tools still work', () => {
    const message = script.failureMessage(
      new Error('getaddrinfo ENOTFOUND www.electronjs.org\n    at x (y.js:1)'),
      {
        electron: '45.5.0',
        betterSqlite3: '12.11.1',
      },
    );
    expect(message).toContain('better-sqlite3 12.11.1 for Electron 45.5.0');
    expect(message).toContain('Reason: getaddrinfo ENOTFOUND www.electronjs.org');
    expect(message).not.toContain('y.js');
    expect(message).toContain('network access');
    expect(message).toContain('node_modules/better-sqlite3 was not changed');
  });
});

describe('electronNativeBinding', () => {
  it('uses the Electron build in development when it exists, the default otherwise', () => {
    const built = nodePath.resolve('/proj', ELECTRON_NATIVE_BINDING);
    expect(electronNativeBinding({ appRoot: '/proj', isPackaged: false, exists: (f) => f === built })).toBe(
      built,
    );
    expect(
      electronNativeBinding({ appRoot: '/proj', isPackaged: false, exists: () => false }),
    ).toBeUndefined();
    expect(electronNativeBinding({ appRoot: '/proj', isPackaged: true, exists: () => true })).toBeUndefined();
  });
});
