import nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../cli/serve/static-files';

const root = '/opt/agent-anchor/out/renderer';

describe('resolveStaticPath', () => {
  it('maps paths inside the renderer folder, / to index.html', () => {
    expect(resolveStaticPath(root, '/')).toBe(`${root}/index.html`);
    expect(resolveStaticPath(root, '/assets/index-CGs5afeQ.js')).toBe(`${root}/assets/index-CGs5afeQ.js`);
    expect(resolveStaticPath(root, '/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
  });

  it('refuses everything that would leave the folder or is malformed', () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/..%5c..%5cwindows',
      '/a\\..\\..\\b',
      '/index.html%00.js',
      '/%E0%A4%A',
      'relative/path',
      '/..',
    ]) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });

  it('applies Windows path rules on Windows', () => {
    expect(resolveStaticPath('C:\\app\\renderer', '/..%5c..%5cboot.ini', nodePath.win32)).toBeNull();
    expect(resolveStaticPath('C:\\app\\renderer', '/C:%5cWindows', nodePath.win32)).toBeNull();
    expect(resolveStaticPath('C:\\app\\renderer', '/assets/x.js', nodePath.win32)).toBe(
      'C:\\app\\renderer\\assets\\x.js',
    );
  });
});
