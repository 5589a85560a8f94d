/**
 * Electron main process: one hardened window, the app:// protocol for the built renderer, the API
 * over IPC, native menus and dialogs. Kept thin: the API itself is engagement/api.ts (the same
 * implementation `agent-anchor serve` hosts); every decision that can be a pure function lives in a
 * sibling module with tests (window-options, renderer-origin, app-protocol, csp, launch-args,
 * desktop-host, recent-store, secret-store).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  type Session,
} from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppApi } from '../../engagement/api';
import { currentActor } from '../../engagement/actor';
import { appAssessment, assessmentAvailable, createAppExporter } from '../../engagement/app-services';
import { useHeavyJobWorker } from '../../engagement/heavy-job';
import { registerApiHandlers } from './api-handlers';
import { APP_ENTRY_URL, APP_SCHEME, contentTypeFor, resolveRendererPath } from './app-protocol';
import { buildCsp } from './csp';
import { createDesktopHost, type DesktopDialogs } from './desktop-host';
import { parseLaunchArgs } from './launch-args';
import { buildMenuTemplate } from './menu';
import { electronNativeBinding } from './native-binding';
import { RecentStore } from './recent-store';
import { electronPdfPrinter } from './report-printer';
import {
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedRendererUrl,
  type RendererLocation,
} from './renderer-origin';
import { KeychainSecretStore } from './secret-store';
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
let api: AppApi | undefined;

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
    void api?.close();
    api = undefined;
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
  // Scans are stored, assessed and exported in a worker thread: electron.vite.config.ts builds it
  // next to this entry.
  useHeavyJobWorker(nodePath.join(mainDir, 'heavy-job-worker.js'));
  const nativeBinding = electronNativeBinding({
    appRoot: app.getAppPath(),
    isPackaged: app.isPackaged,
    exists: existsSync,
  });
  const userData = app.getPath('userData');
  const host = createDesktopHost({
    dialogs: windowDialogs(),
    userDataDir: userData,
    documentsDir: app.getPath('documents'),
    recent: new RecentStore(nodePath.join(userData, 'recent-engagements.json')),
    secrets: new KeychainSecretStore(nodePath.join(userData, 'remembered-secrets.json'), safeStorage),
    actor: currentActor(),
    ...(nativeBinding !== undefined ? { nativeBinding } : {}),
  });
  const appApi = new AppApi({
    host,
    assessment: appAssessment,
    assessmentAvailable,
    exporter: createAppExporter({ printPdf: electronPdfPrinter() }),
  });
  api = appApi;
  registerApiHandlers(ipcMain, appApi, {
    isTrustedSender: (frameUrl) => isTrustedRendererUrl(frameUrl, location),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        dev,
        platform: process.platform,
        onNewEngagement: () => showView('start', { new: '1' }),
        onOpenEngagement: () => void openFromDialog(appApi),
        onOpenDemo: () => void openDemo(appApi),
        onCloseEngagement: () => void appApi.closeEngagement().then(() => showView('start')),
      }),
    ),
  );
  const launch = parseLaunchArgs(process.argv, app.isPackaged);
  let fragment = '';
  try {
    if (launch.demo) {
      // The window opens on the demo's progress and moves on to the dashboard when it is ready.
      const { operationId } = await appApi.openDemo({});
      fragment = `#${new URLSearchParams({ view: 'start', operation: operationId }).toString()}`;
    } else if (launch.file !== undefined) {
      appApi.open(nodePath.resolve(launch.file));
    }
  } catch (error) {
    // The window still opens, on the start screen.
    dialog.showErrorBox('Cannot open the engagement', errorMessage(error));
  }
  createWindow(fragment);
  // Build the inventory index while the window loads; errors surface on the first screen instead.
  void appApi.warm().catch(() => undefined);
}

function windowDialogs(): DesktopDialogs {
  return {
    showSaveDialog: (options) =>
      mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    showOpenDialog: (options) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
  };
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

function createWindow(fragment = ''): void {
  const window = new BrowserWindow(buildWindowOptions({ preloadPath, dev }));
  mainWindow = window;
  window.on('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(`${devServerUrl ?? APP_ENTRY_URL}${fragment}`);
}

/** Menu actions land on a screen through the URL fragment the renderer routes on. */
function showView(view: string, extra: Record<string, string> = {}): void {
  const fragment = new URLSearchParams({ view, ...extra }).toString();
  void mainWindow?.loadURL(`${devServerUrl ?? APP_ENTRY_URL}#${fragment}`);
}

async function openFromDialog(appApi: AppApi): Promise<void> {
  try {
    const session = await appApi.openEngagement({});
    if (session.engagement) showView('dashboard');
  } catch (error) {
    dialog.showErrorBox('Cannot open the engagement', errorMessage(error));
  }
}

async function openDemo(appApi: AppApi): Promise<void> {
  try {
    const { operationId } = await appApi.openDemo({});
    showView('start', { operation: operationId });
  } catch (error) {
    dialog.showErrorBox('Cannot open the demo', errorMessage(error));
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
