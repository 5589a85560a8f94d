/**
 * Where the app's own renderer lives, and the checks built on it: which frames may call the API
 * and which navigations are allowed. Pure functions; index.ts wires them to Electron events.
 */
import { APP_HOST, APP_SCHEME } from './app-protocol';

export interface RendererLocation {
  /** `ELECTRON_RENDERER_URL` from electron-vite in development; absent in production builds. */
  devServerUrl?: string;
}

/** True when a frame at `frameUrl` is the app's renderer: the dev server, or `app://renderer`. */
export function isTrustedRendererUrl(frameUrl: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (location.devServerUrl !== undefined) {
    let dev: URL;
    try {
      dev = new URL(location.devServerUrl);
    } catch {
      return false;
    }
    return url.origin === dev.origin;
  }
  // Non-special schemes have an opaque origin in Node's URL; compare scheme and host instead.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.port === '';
}

/**
 * The window never navigates: it is a single-page app. Only a reload of the very same document
 * (same URL without the fragment) passes; links to anything else are refused.
 */
export function isAllowedNavigation(currentUrl: string, targetUrl: string): boolean {
  try {
    const current = new URL(currentUrl);
    const target = new URL(targetUrl);
    current.hash = '';
    target.hash = '';
    return current.href === target.href;
  } catch {
    return false;
  }
}

/** Schemes that would reach the network or the disk outside our protocol. */
const OUTBOUND_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * The renderer works offline on local data: requests to the network or to file:// are cancelled,
 * except to the dev server in development. Our `app:` scheme, `data:`/`blob:` URLs and
 * DevTools' own schemes are not outbound and pass.
 */
export function isAllowedRequest(requestUrl: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return false;
  }
  if (!OUTBOUND_SCHEMES.has(url.protocol)) return true;
  if (location.devServerUrl === undefined) return false;
  try {
    const dev = new URL(location.devServerUrl);
    // The HMR websocket uses ws(s):// on the same host and port.
    return (
      url.host === dev.host &&
      (url.protocol === dev.protocol || url.protocol === (dev.protocol === 'https:' ? 'wss:' : 'ws:'))
    );
  } catch {
    return false;
  }
}
