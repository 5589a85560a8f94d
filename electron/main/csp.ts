/**
 * The renderer's Content-Security-Policy, sent as a response header (app:// protocol, dev server)
 * and, for production, also present as a meta tag in renderer/index.html (a test keeps them equal).
 *
 * Production allows only our own files: no inline script or style, no eval, no network.
 * Development needs what Vite's dev server injects: the React Refresh preamble (inline module
 * script), styles inserted as <style> elements, and the HMR websocket.
 */
export interface CspOptions {
  /** Dev server URL (`ELECTRON_RENDERER_URL`); absent in production. */
  devServerUrl?: string;
  /** Browsers ignore (and warn about) frame-ancestors in a meta tag; only the header carries it. */
  delivery?: 'header' | 'meta';
}

export function buildCsp(options: CspOptions = {}): string {
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'"],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-src', "'none'"],
  ];
  if (options.delivery !== 'meta') directives.push(['frame-ancestors', "'none'"]);
  if (options.devServerUrl !== undefined) {
    const dev = new URL(options.devServerUrl);
    const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
    const set = (name: string, value: string) => {
      const entry = directives.find(([directive]) => directive === name);
      if (entry) entry[1] = value;
    };
    set('script-src', "'self' 'unsafe-inline'");
    set('style-src', "'self' 'unsafe-inline'");
    set('connect-src', `'self' ${ws}`);
  }
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
