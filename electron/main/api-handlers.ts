/**
 * Main-process side of the IPC transport: one `ipcMain.handle` per contract call on channel
 * `agent-anchor:<name>`. Every call is checked before it reaches the backend: the sending frame
 * must be the app's own renderer, and the args must pass the contract's (strict) schema.
 * Results are parsed with the contract's result schema too, so the renderer receives exactly
 * the fields the contract names and a backend bug surfaces here, not in the UI.
 */
import { z } from 'zod';
import { apiContract, type AgentAnchorApi, type ApiArgs, type ApiResult } from '../../model/api';
import { apiChannel, apiNames, type ApiName, type ApiReply } from '../../model/api-transport';

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

/** Errors whose message is written for the user (model/errors.ts). */
const USER_ERROR_NAMES = new Set(['InputError', 'EngagementFileError', 'UsageError']);

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
  const parsed = apiContract[name].args.safeParse(args[0] ?? {});
  if (!parsed.success) {
    return failure('InvalidArguments', `${name}: ${describeIssues(parsed.error)}`);
  }
  let value: unknown;
  try {
    value = await invoke(api, name, parsed.data as ApiArgs<K>);
  } catch (error) {
    if (error instanceof Error && USER_ERROR_NAMES.has(error.name)) {
      return failure(error.name, error.message);
    }
    onUnexpectedError(name, error);
    return failure('Error', error instanceof Error ? error.message : `${name} failed.`);
  }
  const result = apiContract[name].result.safeParse(value);
  if (!result.success) {
    onUnexpectedError(name, result.error);
    return failure('Error', `${name}: the backend returned data that does not match the API contract.`);
  }
  return { ok: true, value: result.data as ApiResult<K> };
}

function invoke<K extends ApiName>(api: AgentAnchorApi, name: K, args: ApiArgs<K>): Promise<ApiResult<K>> {
  // TypeScript cannot correlate api[name] with ApiArgs<name> for a generic K; the mapped type
  // AgentAnchorApi guarantees the pairing.
  const method = api[name] as unknown as (args: ApiArgs<K>) => Promise<ApiResult<K>>;
  return method.call(api, args);
}

function failure(name: string, message: string): { ok: false; error: { name: string; message: string } } {
  return { ok: false, error: { name, message } };
}

/** One line per the error contract: `limit: Too big: expected number to be <=500; foo: Unrecognized key`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * An AgentAnchorApi whose calls go to whatever `current()` returns at call time, so the main
 * process can switch engagement files without re-registering handlers.
 */
export function forwardingApi(current: () => AgentAnchorApi): AgentAnchorApi {
  const entries = apiNames.map((name) => [name, (args?: unknown) => invokeUnknown(current(), name, args)]);
  return Object.fromEntries(entries) as AgentAnchorApi;
}

function invokeUnknown(api: AgentAnchorApi, name: ApiName, args: unknown): Promise<unknown> {
  const method = api[name] as unknown as (args: unknown) => Promise<unknown>;
  return method.call(api, args);
}
