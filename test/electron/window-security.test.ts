import { readdirSync, readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../electron/main/csp';
import { parseLaunchArgs } from '../../electron/main/launch-args';
import { buildMenuTemplate } from '../../electron/main/menu';
import {
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedRendererUrl,
} from '../../electron/main/renderer-origin';
import { buildWindowOptions } from '../../electron/main/window-options';

const repoRoot = nodePath.resolve(import.meta.dirname, '..', '..');

describe('window options', () => {
  it('isolates the page from Node and Electron in production', () => {
    const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dev: false });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('allows DevTools only in development, changing nothing else', () => {
    const prod = buildWindowOptions({ preloadPath: '/p.cjs', dev: false });
    const dev = buildWindowOptions({ preloadPath: '/p.cjs', dev: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect({ ...dev.webPreferences, devTools: false }).toEqual(prod.webPreferences);
  });
});

describe('content security policy', () => {
  function directives(csp: string): Map<string, string> {
    return new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
  }

  it('allows only our own files in production: no inline code, no eval, no network, no framing', () => {
    const csp = directives(buildCsp());
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(buildCsp()).not.toMatch(/unsafe-|\*|https?:/);
  });

  it('is the policy of the meta tag in renderer/index.html (without header-only frame-ancestors)', () => {
    const html = readFileSync(nodePath.join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(buildCsp({ delivery: 'meta' }));
    expect(meta?.[1]).not.toContain('frame-ancestors');
  });

  it('opens only what the Vite dev server needs in development', () => {
    const csp = directives(buildCsp({ devServerUrl: 'http://localhost:5173' }));
    expect(csp.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(csp.get('object-src')).toBe("'none'");
  });

  it('renderer sources never set HTML from strings', () => {
    const dir = nodePath.join(repoRoot, 'renderer', 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(nodePath.join(dir, file), 'utf8');
      expect(source, file).not.toMatch(
        /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write/,
      );
    }
  });
});

describe('renderer origin checks', () => {
  const prod = {};
  const dev = { devServerUrl: 'http://localhost:5173' };

  it('trusts app://renderer in production and the dev server origin in development', () => {
    expect(isTrustedRendererUrl('app://renderer/index.html', prod)).toBe(true);
    expect(isTrustedRendererUrl('app://renderer/index.html#token=x', prod)).toBe(true);
    expect(isTrustedRendererUrl('app://renderer.evil/index.html', prod)).toBe(false);
    expect(isTrustedRendererUrl('app://user@renderer/index.html', prod)).toBe(false);
    expect(
      isTrustedRendererUrl('file:///opt/Agent%20Anchor/resources/app.asar/out/renderer/index.html', prod),
    ).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', prod)).toBe(false);
    expect(isTrustedRendererUrl('not a url', prod)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('app://renderer/index.html', dev)).toBe(false);
  });

  it('lets the window reload itself but navigate nowhere', () => {
    expect(isAllowedNavigation('app://renderer/index.html', 'app://renderer/index.html')).toBe(true);
    expect(isAllowedNavigation('app://renderer/index.html', 'app://renderer/index.html#top')).toBe(true);
    expect(isAllowedNavigation('app://renderer/index.html', 'app://renderer/other.html')).toBe(false);
    expect(isAllowedNavigation('app://renderer/index.html', 'https://portal.azure.com/')).toBe(false);
    expect(isAllowedNavigation('app://renderer/index.html', 'file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('', 'app://renderer/index.html')).toBe(false);
  });

  it('cancels network and file requests, except to the dev server in development', () => {
    expect(isAllowedRequest('app://renderer/assets/index.js', prod)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', prod)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', dev)).toBe(true);
    expect(isAllowedRequest('https://attacker.example/collect?d=1', prod)).toBe(false);
    expect(isAllowedRequest('file:///home/user/.aws/credentials', prod)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', prod)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:8080/', dev)).toBe(false);
  });
});

describe('menu', () => {
  const handlers = {
    onNewEngagement: () => {},
    onOpenEngagement: () => {},
    onOpenDemo: () => {},
    onCloseEngagement: () => {},
  };
  const labels = (dev: boolean, platform: NodeJS.Platform) =>
    buildMenuTemplate({ dev, platform, ...handlers }).map((item) => item.label ?? item.role);

  it('has File and Edit, and View (reload, DevTools) only in development', () => {
    expect(labels(false, 'win32')).toEqual(['File', 'editMenu']);
    expect(labels(true, 'linux')).toEqual(['File', 'editMenu', 'View']);
    expect(labels(false, 'darwin')).toEqual(['appMenu', 'File', 'editMenu']);
  });

  it("runs each File item's action: new, open, the demo, close", () => {
    const calls: string[] = [];
    const [file] = buildMenuTemplate({
      dev: false,
      platform: 'linux',
      onNewEngagement: () => calls.push('new'),
      onOpenEngagement: () => calls.push('open'),
      onOpenDemo: () => calls.push('demo'),
      onCloseEngagement: () => calls.push('close'),
    });
    const items = Array.isArray(file?.submenu) ? file.submenu : [];
    const byLabel = (label: string) => items.find((item) => item.label === label);
    expect(byLabel('New Engagement…')?.accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel('Open Engagement…')?.accelerator).toBe('CmdOrCtrl+O');
    for (const label of ['New Engagement…', 'Open Engagement…', 'Open the Demo', 'Close Engagement']) {
      byLabel(label)?.click?.({} as never, undefined, {} as never);
    }
    expect(calls).toEqual(['new', 'open', 'demo', 'close']);
    expect(items.some((item) => item.role === 'quit')).toBe(true);
  });
});

describe('launch arguments', () => {
  it('reads the engagement file and --demo, skipping the app entry and Chromium flags', () => {
    expect(parseLaunchArgs(['/usr/bin/electron', '.', '--demo'], false)).toEqual({ demo: true });
    expect(parseLaunchArgs(['/usr/bin/electron', '.', 'clients/contoso.anchor'], false)).toEqual({
      demo: false,
      file: 'clients/contoso.anchor',
    });
    expect(
      parseLaunchArgs(['C:\\Agent Anchor\\Agent Anchor.exe', '--no-sandbox', 'D:\\c\\x.anchor'], true),
    ).toEqual({
      demo: false,
      file: 'D:\\c\\x.anchor',
    });
    expect(
      parseLaunchArgs(['/Applications/Agent Anchor.app/Contents/MacOS/Agent Anchor', '-psn_0_12345'], true),
    ).toEqual({ demo: false });
  });
});
