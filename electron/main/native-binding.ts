/**
 * Which better-sqlite3 binary the main process loads.
 *
 * node_modules/better-sqlite3 stays built for Node (tests, CLI). For `npm start`,
 * scripts/electron-native.mjs builds a second copy for Electron's ABI into `.native/electron/`;
 * that copy is used when present. A packaged app has no `.native/` and needs none:
 * electron-builder rebuilds node_modules/better-sqlite3 for Electron when packaging.
 */
import nodePath from 'node:path';

/** Relative to the app root; scripts/electron-native.mjs writes the same path. */
export const ELECTRON_NATIVE_BINDING = nodePath.join('.native', 'electron', 'better_sqlite3.node');

export interface NativeBindingInput {
  /** `app.getAppPath()`: the project root in development. */
  appRoot: string;
  isPackaged: boolean;
  exists: (file: string) => boolean;
}

/** Absolute path of the Electron build of better-sqlite3, or undefined to use the default. */
export function electronNativeBinding({
  appRoot,
  isPackaged,
  exists,
}: NativeBindingInput): string | undefined {
  if (isPackaged) return undefined;
  const candidate = nodePath.resolve(appRoot, ELECTRON_NATIVE_BINDING);
  return exists(candidate) ? candidate : undefined;
}
