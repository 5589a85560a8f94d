import nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, contentTypeFor, resolveRendererPath } from '../../electron/main/app-protocol';

describe('resolveRendererPath (POSIX)', () => {
  const root = '/opt/agent-anchor/resources/app.asar/out/renderer';
  const resolve = (url: string) => resolveRendererPath(root, url, nodePath.posix);

  it('maps app://renderer URLs to files inside the renderer folder', () => {
    expect(resolve(APP_ENTRY_URL)).toBe(`${root}/index.html`);
    expect(resolve('app://renderer/')).toBe(`${root}/index.html`);
    expect(resolve('app://renderer')).toBe(`${root}/index.html`);
    expect(resolve('app://renderer/assets/index-CCsS7VCM.js?v=1#x')).toBe(`${root}/assets/index-CCsS7VCM.js`);
    expect(resolve('app://renderer/assets/my%20file.css')).toBe(`${root}/assets/my file.css`);
  });

  it('refuses every way out of the folder', () => {
    for (const url of [
      'app://renderer/../../../../etc/passwd',
      'app://renderer/%2e%2e/%2e%2e/main/index.js',
      'app://renderer/..%2f..%2fmain%2findex.js',
      'app://renderer/assets/..%2F..%2F..%2Fpackage.json',
      'app://renderer/%2F..%2Fpreload/index.cjs',
      'app://renderer/..',
    ]) {
      const resolved = resolve(url);
      if (resolved !== null) expect(resolved.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolve('app://renderer/..%2f..%2fmain%2findex.js')).toBeNull();
    expect(resolve('app://renderer/assets/..%2F..%2F..%2Fpackage.json')).toBeNull();
  });

  it('refuses other hosts, schemes, NUL bytes and malformed escapes', () => {
    expect(resolve('app://other/index.html')).toBeNull();
    expect(resolve('file:///opt/agent-anchor/resources/app.asar/out/renderer/index.html')).toBeNull();
    expect(resolve('https://renderer/index.html')).toBeNull();
    expect(resolve('app://renderer/index.html%00.png')).toBeNull();
    expect(resolve('app://renderer/%E0%A4%A')).toBeNull();
    expect(resolve('::not a url::')).toBeNull();
  });
});

describe('resolveRendererPath (Windows)', () => {
  const root = 'C:\\Program Files\\Agent Anchor\\resources\\app.asar\\out\\renderer';
  const resolve = (url: string) => resolveRendererPath(root, url, nodePath.win32);

  it('serves files inside the folder', () => {
    expect(resolve('app://renderer/assets/index.js')).toBe(`${root}\\assets\\index.js`);
  });

  it('refuses backslash traversal and drive letters, keeps UNC-looking names inside', () => {
    expect(resolve('app://renderer/..%5C..%5C..%5Cmain%5Cindex.js')).toBeNull();
    expect(resolve('app://renderer/assets%5C..%5C..%5C..%5Cpackage.json')).toBeNull();
    expect(resolve('app://renderer/C:%5CWindows%5Cwin.ini')).toBeNull();
    // A UNC-looking name is taken relative to the folder, so it cannot reach a share.
    expect(resolve('app://renderer/%5C%5Cserver%5Cshare%5Cx.js')).toBe(`${root}\\server\\share\\x.js`);
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build emits and never guesses HTML', () => {
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-abc.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/assets/unknown.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('/r/LICENSE')).toBe('application/octet-stream');
  });
});
