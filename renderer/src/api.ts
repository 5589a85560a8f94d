/**
 * The renderer's only way to its data: the app API contract. In the Electron window the preload
 * provides `window.agentAnchor` (IPC); in a browser opened by `agent-anchor serve` the same calls
 * go over HTTP to `POST /api/<name>`, authorised by the token the serve command put in the URL.
 */
import type { AgentAnchorApi } from '../../model/api';
import { ApiCallError, apiDownloadPath, apiHttpPath, apiNames, unwrapReply } from '../../model/api-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    agentAnchor?: AgentAnchorApi;
  }
}

/**
 * The serve token from the page URL: `#token=…` (preferred: a fragment never reaches server logs
 * or Referer headers) or `?token=…`.
 */
export function readToken(url: string): string | undefined {
  const parsed = new URL(url);
  const fromHash = new URLSearchParams(parsed.hash.replace(/^#/, '')).get('token');
  const token = fromHash ?? parsed.searchParams.get('token');
  return token !== null && token !== '' ? token : undefined;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** The API over HTTP; each call is a JSON POST answered with the ApiReply envelope. */
export function httpApi(token: string | undefined, fetchImpl: Fetch): AgentAnchorApi {
  const call = async (name: (typeof apiNames)[number], args: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
    const response = await fetchImpl(apiHttpPath(name), {
      method: 'POST',
      headers,
      body: JSON.stringify(args ?? {}),
      credentials: 'omit',
      cache: 'no-store',
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiCallError(
        'HttpError',
        `${name}: the server answered HTTP ${response.status} without a reply.`,
      );
    }
    return unwrapReply(body);
  };
  const methods = apiNames.map((name) => [name, (args?: unknown) => call(name, args)] as const);
  return Object.fromEntries(methods) as unknown as AgentAnchorApi;
}

/** The preload's API in Electron, otherwise HTTP to the serving origin. */
export function resolveApi(): AgentAnchorApi {
  if (window.agentAnchor) return window.agentAnchor;
  return httpApi(readToken(window.location.href), (input, init) => window.fetch(input, init));
}

/**
 * Browser host: fetch a finished export with the bearer token and hand it to the browser's download
 * manager (an <a download> of a blob URL: a plain link could not carry the Authorization header).
 */
export async function downloadExport(operationId: string, fileName: string): Promise<void> {
  const token = readToken(window.location.href);
  const response = await window.fetch(apiDownloadPath(operationId), {
    headers: token !== undefined ? { Authorization: `Bearer ${token}` } : {},
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw new ApiCallError('HttpError', `The download failed: HTTP ${response.status}.`);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has been handled; the download keeps its own reference.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
