/**
 * One call of the app API as both transports run it: args checked against the contract's strict
 * schema, the implementation invoked, the result parsed with the contract's result schema (so a
 * transport sends exactly the fields the contract names), and every outcome turned into the reply
 * envelope. Errors written for the user keep their message; anything else is reported and answered
 * with its first line only.
 */
import { z } from 'zod';
import { apiContract, type AgentAnchorApi, type ApiArgs, type ApiResult } from '../model/api';
import type { ApiName, ApiReply } from '../model/api-transport';

/** Errors whose message is written for the user (model/errors.ts). */
const USER_ERROR_NAMES = new Set(['InputError', 'EngagementFileError', 'UsageError']);

export type UnexpectedErrorHandler = (call: ApiName, error: unknown) => void;

export async function dispatchApiCall<K extends ApiName>(
  api: AgentAnchorApi,
  name: K,
  rawArgs: unknown,
  onUnexpectedError: UnexpectedErrorHandler,
): Promise<ApiReply<ApiResult<K>>> {
  const parsed = apiContract[name].args.safeParse(rawArgs ?? {});
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
    const message = error instanceof Error ? error.message.split('\n')[0] : undefined;
    return failure('Error', message || `${name} failed.`);
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

export function failure(
  name: string,
  message: string,
): { ok: false; error: { name: string; message: string } } {
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
