/**
 * The object the preload exposes as `window.agentAnchor`: one method per contract call, each
 * an `invoke` on that call's own channel, nothing else. Built from the name list (not the zod
 * contract) so the sandboxed preload bundle stays small and free of other modules.
 * Args are not validated here; the main process does that, as it must not trust the renderer.
 */
import type { AgentAnchorApi } from '../../model/api';
import { apiChannel, apiNames, unwrapReply } from '../../model/api-transport';

export type Invoke = (channel: string, args: unknown) => Promise<unknown>;

export function buildBridgeApi(invoke: Invoke): AgentAnchorApi {
  const methods = apiNames.map((name) => {
    const method = async (args?: unknown): Promise<unknown> =>
      unwrapReply(await invoke(apiChannel(name), args ?? {}));
    return [name, method] as const;
  });
  return Object.freeze(Object.fromEntries(methods)) as AgentAnchorApi;
}
