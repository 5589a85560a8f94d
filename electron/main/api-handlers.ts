/**
 * Main-process side of the IPC transport: one `ipcMain.handle` per contract call on channel
 * `agent-anchor:<name>`. Every call is checked before it reaches the API: the sending frame must be
 * the app's own renderer; then the shared dispatcher (engagement/api-dispatch.ts, also behind the
 * HTTP transport) validates the args against the contract's strict schema and parses the result, so
 * the renderer receives exactly the fields the contract names and a backend bug surfaces here.
 */
import type { AgentAnchorApi, ApiResult } from '../../model/api';
import { apiChannel, apiNames, type ApiName, type ApiReply } from '../../model/api-transport';
import { dispatchApiCall, failure } from '../../engagement/api-dispatch';

export { describeIssues } from '../../engagement/api-dispatch';

/** The part of an `IpcMainInvokeEvent` the checks read. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` used here; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ApiHandlerOptions {
  /** True when a frame at this URL may call the API (see `isTrustedRendererUrl`). */
  isTrustedSender: (frameUrl: string) => boolean;
  /** Unexpected failures (not user errors) are reported here; defaults to console.error. */
  onUnexpectedError?: (call: ApiName, error: unknown) => void;
}

/** Register one handler per contract call; returns a function that removes them all. */
export function registerApiHandlers(
  ipcMain: IpcMainLike,
  api: AgentAnchorApi,
  options: ApiHandlerOptions,
): () => void {
  const onUnexpectedError =
    options.onUnexpectedError ??
    ((call: ApiName, error: unknown) => console.error(`agent-anchor: ${call} failed`, error));
  for (const name of apiNames) {
    ipcMain.handle(apiChannel(name), (event, ...args) =>
      handleCall(name, api, event, args, options.isTrustedSender, onUnexpectedError),
    );
  }
  return () => {
    for (const name of apiNames) ipcMain.removeHandler(apiChannel(name));
  };
}

async function handleCall<K extends ApiName>(
  name: K,
  api: AgentAnchorApi,
  event: InvokeEventLike,
  args: unknown[],
  isTrustedSender: (frameUrl: string) => boolean,
  onUnexpectedError: (call: ApiName, error: unknown) => void,
): Promise<ApiReply<ApiResult<K>>> {
  // senderFrame is null once the frame navigated away or was destroyed: nothing to trust.
  const frameUrl = event.senderFrame?.url;
  if (frameUrl === undefined || !isTrustedSender(frameUrl)) {
    return failure('Forbidden', `${name} is only answered for the Agent Anchor window.`);
  }
  if (args.length > 1) {
    return failure('InvalidArguments', `${name}: expected one argument object, got ${args.length}.`);
  }
  return dispatchApiCall(api, name, args[0], onUnexpectedError);
}
