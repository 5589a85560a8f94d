/**
 * Read-only by construction: a middleware on every SDK client the collector creates refuses any
 * command outside the allowlist (permissions.ts) in the `initialize` step, before the request is
 * serialized, signed or sent. A coding mistake that sends a write therefore fails loudly here and
 * never reaches AWS.
 */
import type { AwsServiceKey } from './permissions';
import { allowedOperations } from './permissions';

export class ReadOnlyViolationError extends Error {
  override readonly name = 'ReadOnlyViolationError';
  constructor(
    readonly service: AwsServiceKey,
    readonly command: string,
  ) {
    super(`refused ${service} ${command}: Agent Anchor only sends read operations (not sent)`);
  }
}

/** The structural slice of an SDK client the guard needs (`A`/`R`: the client's handler types). */
export interface GuardableClient<A, R> {
  middlewareStack: {
    add(
      middleware: (
        next: (args: A) => Promise<R>,
        context: { commandName?: string },
      ) => (args: A) => Promise<R>,
      options: { step: 'initialize'; name: string; priority: 'high' },
    ): void;
  };
}

export const READ_ONLY_GUARD = 'agentAnchorReadOnlyGuard';

export function addReadOnlyGuard<A, R>(client: GuardableClient<A, R>, service: AwsServiceKey): void {
  const allowed = allowedOperations(service);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const operation = command.endsWith('Command') ? command.slice(0, -'Command'.length) : command;
      if (!allowed.has(operation)) throw new ReadOnlyViolationError(service, command || 'an unnamed command');
      return next(args);
    },
    { step: 'initialize', name: READ_ONLY_GUARD, priority: 'high' },
  );
}
