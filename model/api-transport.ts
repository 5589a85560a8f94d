/**
 * What both API transports (Electron IPC, the HTTP `serve` command) share without zod:
 * the call names, channel and path names, and the reply envelope.
 *
 * Kept apart from `api.ts` so the sandboxed preload can bundle the name list without pulling
 * zod in. `api.ts` checks at compile time that its contract has exactly these names.
 */

/** Every call of the app API. Add a name here and its schemas in `apiContract` (api.ts). */
export const apiNames = [
  'getSession',
  'createEngagement',
  'openEngagement',
  'openDemo',
  'closeEngagement',
  'getSummary',
  'getDashboard',
  'listIdentities',
  'getIdentity',
  'listFindingGroups',
  'listFindings',
  'setTriage',
  'diffScans',
  'getPermissions',
  'getSavedSources',
  'testConnection',
  'startScan',
  'startAssessment',
  'getOperation',
  'cancelOperation',
  'startExport',
  'getSettings',
  'saveSettings',
  'addSuppression',
  'removeSuppression',
] as const;
export type ApiName = (typeof apiNames)[number];

export function isApiName(value: string): value is ApiName {
  return (apiNames as readonly string[]).includes(value);
}

/** IPC channel of one call: `agent-anchor:<name>`. */
export function apiChannel(name: ApiName): string {
  return `agent-anchor:${name}`;
}

/** HTTP path of one call: `POST /api/<name>` with the JSON args as body. */
export function apiHttpPath(name: ApiName): string {
  return `/api/${name}`;
}

/** HTTP transport only: `GET /api/download/<operationId>` returns a finished export's file. */
export function apiDownloadPath(operationId: string): string {
  return `/api/download/${encodeURIComponent(operationId)}`;
}

/**
 * Both transports answer with this envelope rather than a thrown error, so the caller gets the
 * one-line reason (`message`) without Electron's "Error invoking remote method" wrapping or a stack.
 */
export type ApiReply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

export interface ApiErrorInfo {
  /** InputError, EngagementFileError, UsageError, InvalidArguments, Forbidden, Error. */
  name: string;
  message: string;
}

/** Raised on the calling side when a reply carries an error; `name` is the remote error's name. */
export class ApiCallError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Turn a reply into its value, or throw the remote error's message. */
export function unwrapReply(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'value' in reply) return reply.value;
    if (reply.ok === false && 'error' in reply) {
      const error = reply.error as Partial<ApiErrorInfo> | null;
      throw new ApiCallError(
        typeof error?.name === 'string' ? error.name : 'Error',
        typeof error?.message === 'string' ? error.message : 'The call failed without a reason.',
      );
    }
  }
  throw new ApiCallError('ProtocolError', 'The app answered with a malformed reply.');
}
