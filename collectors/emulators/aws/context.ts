/** What a service handler gets for one request. */
import type { EmulatorResponse } from './protocols';
import type { EmulatorState, IndexedAccount, Principal } from './state';

export interface EmulatorTuning {
  /** Items per IAM page at most, whatever MaxItems asks (IAM "might return fewer"): forces many pages. */
  maxPageItems?: number;
  /** How long a new credential report takes before GenerateCredentialReport says COMPLETE. */
  credentialReportDelayMs: number;
  /** GenerateCredentialReport calls answered INPROGRESS before COMPLETE (deterministic, unlike the delay). */
  credentialReportPolls: number;
  /** How long a service last-accessed job stays IN_PROGRESS. */
  lastAccessedDelayMs: number;
  /** GetServiceLastAccessedDetails calls answered IN_PROGRESS before COMPLETED. */
  lastAccessedPolls: number;
}

export interface RequestContext {
  service: string;
  operation: string;
  region: string;
  caller: Principal;
  /** The caller's account data; undefined when the account is known but holds no data. */
  account: IndexedAccount | undefined;
  /** Query protocol: the form body. REST: the query string. */
  params: URLSearchParams;
  /** JSON protocols: the parsed body. */
  body: Record<string, unknown>;
  pathParams: Record<string, string>;
  state: EmulatorState;
  tuning: EmulatorTuning;
}

export type Handler = (ctx: RequestContext) => EmulatorResponse | Promise<EmulatorResponse>;
