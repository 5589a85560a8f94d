/**
 * The production renderer is served from `app://renderer/...` rather than file://, so the page
 * has a real origin ('self' in the CSP means only our files) and can read nothing else on disk.
 * Pure functions here; the `protocol.handle` wiring is in index.ts.
 */
import nodePath from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The file inside `rendererRoot` that an `app://renderer/...` URL names, or null when the URL is
 * not ours, is malformed, or would leave the folder (`..`, encoded separators, drive letters).
 * `pathApi` is injectable so Windows rules can be tested on any platform.
 */
export function resolveRendererPath(
  rendererRoot: string,
  requestUrl: string,
  pathApi: PathApi = nodePath,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    // The URL parser already collapsed literal `..` segments; decoding can bring back `..%2F`.
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '' || relative === '/') relative = '/index.html';
  const root = pathApi.resolve(rendererRoot);
  const resolved = pathApi.resolve(root, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
  const inside = pathApi.relative(root, resolved);
  if (
    inside === '' ||
    inside === '..' ||
    inside.startsWith(`..${pathApi.sep}`) ||
    pathApi.isAbsolute(inside)
  ) {
    return null;
  }
  return resolved;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** Content type by extension; unknown files are served as opaque bytes, never sniffed as HTML. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[nodePath.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
