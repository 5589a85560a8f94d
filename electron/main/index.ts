/**
 * Electron main process: one hardened window, the app:// protocol for the built renderer, the API
 * over IPC, and the File menu. Kept thin: every decision that can be a pure function lives in a
 * sibling module with tests (window-options, renderer-origin, app-protocol, csp, launch-args).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type Session } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerApiHandlers, forwardingApi } from './api-handlers';
import { APP_ENTRY_URL, APP_SCHEME, contentTypeFor, resolveRendererPath } from './app-protocol';
import { buildCsp } from './csp';
import { openDemoBackend } from './demo-backend';
import { noEngagementApi, openEngagementBackend, type EngagementBackend } from './engagement-backend';
import { parseLaunchArgs } from './launch-args';
import { buildMenuTemplate } from './menu';
import { electronNativeBinding } from './native-binding';
import {
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedRendererUrl,
  type RendererLocation,
} from './renderer-origin';
import { buildWindowOptions } from './window-options';

const dev = !app.isPackaged;
// Only an unpackaged run honours the dev server URL: a packaged app never loads remote content,
// whatever the environment says.
const devServerUrl = dev ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const location: RendererLocation = devServerUrl !== undefined ? { devServerUrl } : {};

const mainDir = nodePath.dirname(fileURLToPath(import.meta.url));
const preloadPath = nodePath.join(mainDir, '..', 'preload', 'index.cjs');
const rendererRoot = nodePath.join(mainDir, '..', 'renderer');

// Must happen before `ready`: a standard, secure scheme gets a real origin, so CSP 'self' and
// fetch work for app://renderer and nothing else.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | undefined;
let backend: EngagementBackend | undefined;
const closedApi = noEngagementApi();
const api = forwardingApi(() => backend ?? closedApi);

const nativeBinding = (): string | undefined =>
  electronNativeBinding({ appRoot: app.getAppPath(), isPackaged: app.isPackaged, exists: existsSync });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isAllowedNavigation(contents.getURL(), event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAllowedNavigation(contents.getURL(), event.url)) event.preventDefault();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) createWindow();
  });
  app.on('will-quit', () => {
    backend?.close();
    backend = undefined;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Agent Anchor could not start', errorMessage(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer();
  registerApiHandlers(ipcMain, api, {
    isTrustedSender: (frameUrl) => isTrustedRendererUrl(frameUrl, location),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ dev, platform: process.platform, onOpenEngagement: () => void openFromDialog() }),
    ),
  );
  const launch = parseLaunchArgs(process.argv, app.isPackaged);
  try {
    if (launch.demo) {
      backend = await openDemoBackend(app.getPath('userData'), withBinding());
    } else if (launch.file !== undefined) {
      backend = openEngagementBackend(nodePath.resolve(launch.file), withBinding());
    }
  } catch (error) {
    // The window still opens; it explains that no engagement is open.
    dialog.showErrorBox('Cannot open the engagement', errorMessage(error));
  }
  createWindow();
}

function withBinding(): { nativeBinding?: string } {
  const binding = nativeBinding();
  return binding !== undefined ? { nativeBinding: binding } : {};
}

function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, location) });
  });
  if (devServerUrl !== undefined) {
    // The dev server sends no CSP; add the development policy to its responses.
    const csp = buildCsp({ devServerUrl });
    target.webRequest.onHeadersReceived(
      { urls: [`${new URL(devServerUrl).origin}/*`] },
      (details, callback) => {
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
      },
    );
  }
}

function serveRenderer(): void {
  const csp = buildCsp();
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const file = resolveRendererPath(rendererRoot, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function createWindow(): void {
  const window = new BrowserWindow(buildWindowOptions({ preloadPath, dev }));
  mainWindow = window;
  window.on('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

async function openFromDialog(): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open engagement',
    properties: ['openFile'],
    filters: [
      { name: 'Agent Anchor engagement', extensions: ['anchor'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const choice = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  const file = choice.filePaths[0];
  if (choice.canceled || file === undefined) return;
  let next: EngagementBackend;
  try {
    next = openEngagementBackend(file, withBinding());
  } catch (error) {
    dialog.showErrorBox('Cannot open the engagement', errorMessage(error));
    return;
  }
  backend?.close();
  backend = next;
  // The renderer reads everything on load; a reload shows the new file without a change event.
  mainWindow?.webContents.reload();
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
