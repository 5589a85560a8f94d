/**
 * Static files of the built renderer for `serve`: a request path maps to a file inside the
 * renderer folder or to nothing. `..`, encoded separators, NUL and absolute paths never leave it.
 */
import nodePath from 'node:path';

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/** The file a URL path names inside `root`, or null. `/` is `index.html`. */
export function resolveStaticPath(root: string, urlPath: string, pathApi: PathApi = nodePath): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  if (decoded === '/') decoded = '/index.html';
  const base = pathApi.resolve(root);
  const resolved = pathApi.resolve(base, `.${decoded}`);
  const inside = pathApi.relative(base, resolved);
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
