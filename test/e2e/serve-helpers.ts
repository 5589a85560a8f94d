/**
 * Browser-test plumbing: the renderer built into out/renderer when it is missing or older than the
 * renderer sources (the renderer part of `npm run build`, with the same settings), `agent-anchor
 * serve` started as a real child process, and the Debian Chromium driven headless through
 * playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import nodePath from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = nodePath.resolve(import.meta.dirname, '..', '..');
export const rendererOut = nodePath.join(repoRoot, 'out', 'renderer');
export const screensDir = nodePath.join(repoRoot, 'test-results', 'screens');
const bin = nodePath.join(repoRoot, 'bin', 'agent-anchor.mjs');

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = nodePath.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Build the renderer when out/renderer is missing or older than renderer/ or model/: only the
 * renderer, with the settings electron.vite.config.ts gives it, so a main-process file being
 * edited elsewhere does not stop the browser tests.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const index = nodePath.join(rendererOut, 'index.html');
  const sources = Math.max(
    newestMtime(nodePath.join(repoRoot, 'renderer')),
    newestMtime(nodePath.join(repoRoot, 'model')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const root = nodePath.join(repoRoot, 'renderer');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: rendererOut,
      emptyOutDir: true,
      // As electron-vite builds it (unminified): the tests and the bench run what `npm run build` ships.
      minify: false,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: { index: nodePath.join(root, 'index.html') } },
    },
  });
}

export interface Served {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Start `agent-anchor serve FILE --port 0` and wait for the URL it prints. */
export async function startServe(file: string, extra: readonly string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', file, '--port', '0', ...extra], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    process: child,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\``);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

export function screenshotPath(name: string): string {
  mkdirSync(screensDir, { recursive: true });
  return nodePath.join(screensDir, `${name}.png`);
}
