/**
 * What went wrong with one AWS call, in words a consultant can act on: the IAM action that was
 * denied and where, a region that is not enabled, throttling or a network failure that outlasted
 * the retries. Messages never carry request payloads, only names, codes and ids.
 */
import { iamActionOf, type AwsServiceKey } from './permissions';
import { ScanCancelledError } from './limit';
import { ReadOnlyViolationError } from './read-only-guard';

export type AwsFailureKind =
  | 'denied'
  | 'region-disabled'
  | 'not-found'
  | 'throttled'
  | 'network'
  | 'server'
  | 'credentials'
  | 'cancelled'
  | 'read-only'
  | 'invalid-response'
  | 'other';

export interface CallSite {
  service: AwsServiceKey;
  operation: string;
  account: string;
  region?: string;
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
]);
const REGION_DISABLED = new Set([
  'RegionDisabledException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);
const CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'SignatureDoesNotMatch',
]);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function shape(error: unknown): SdkErrorShape {
  return error !== null && typeof error === 'object' ? (error as SdkErrorShape) : { message: String(error) };
}

export function attemptsOf(error: unknown): number {
  return shape(error).$metadata?.attempts ?? 1;
}

export function isAbort(error: unknown): boolean {
  const e = shape(error);
  return error instanceof ScanCancelledError || e.name === 'AbortError' || e.code === 'ABORT_ERR';
}

export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    readonly kind: AwsFailureKind,
    readonly site: CallSite,
    /** The service's error code (AccessDenied, Throttling, ECONNRESET, ...). */
    readonly code: string,
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }

  get action(): string {
    return iamActionOf(this.site.service, this.site.operation);
  }
}

function where(site: CallSite): string {
  // Before the caller is known there is no account to name.
  const account = site.account && site.account !== 'unknown' ? `in account ${site.account}` : '';
  const region = site.region ? `(${site.region})` : '';
  return [account, region].filter(Boolean).join(' ');
}

function at(action: string, site: CallSite): string {
  const place = where(site);
  return place ? `${action} ${place}` : action;
}

function tries(n: number): string {
  return n > 1 ? ` after ${n} attempts` : '';
}

/** Classify an SDK error thrown by one call and say what it means. */
export function classifyAwsError(error: unknown, site: CallSite): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const action = iamActionOf(site.service, site.operation);
  const e = shape(error);
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error');
  const attempts = attemptsOf(error);
  const status = e.$metadata?.httpStatusCode;
  if (isAbort(error))
    return new AwsCallError('cancelled', site, 'Cancelled', `${at(action, site)}: cancelled`, attempts);
  if (error instanceof ReadOnlyViolationError)
    return new AwsCallError('read-only', site, code, error.message, 1);
  if (code === 'CredentialsProviderError') {
    const detail = (e.message ?? '').split('\n')[0]?.slice(0, 200) ?? '';
    return new AwsCallError(
      'credentials',
      site,
      code,
      `${at(action, site)}: no usable AWS credentials (${detail})`,
      attempts,
    );
  }
  if (DENIED.has(code))
    return new AwsCallError(
      'denied',
      site,
      code,
      `${action} denied${where(site) ? ` ${where(site)}` : ''}`,
      attempts,
    );
  if (REGION_DISABLED.has(code) && site.region) {
    return new AwsCallError(
      'region-disabled',
      site,
      code,
      `region ${site.region} is not enabled in account ${site.account} (${code})`,
      attempts,
    );
  }
  if (CREDENTIALS.has(code) || REGION_DISABLED.has(code)) {
    return new AwsCallError(
      'credentials',
      site,
      code,
      `${at(action, site)}: AWS rejected the credentials (${code})`,
      attempts,
    );
  }
  if (NOT_FOUND.has(code))
    return new AwsCallError('not-found', site, code, `${at(action, site)}: not found (${code})`, attempts);
  if (THROTTLED.has(code) || status === 429) {
    return new AwsCallError(
      'throttled',
      site,
      code,
      `${at(action, site)}: throttled by AWS (${code})${tries(attempts)}`,
      attempts,
    );
  }
  const netCode = e.code && NETWORK_CODES.has(e.code) ? e.code : NETWORK_CODES.has(code) ? code : undefined;
  if (netCode || code === 'TimeoutError' || code === 'RequestTimeout') {
    return new AwsCallError(
      'network',
      site,
      netCode ?? code,
      `${at(action, site)}: connection failed (${netCode ?? code})${tries(attempts)}`,
      attempts,
    );
  }
  if (status !== undefined && status >= 500) {
    return new AwsCallError(
      'server',
      site,
      code,
      `${at(action, site)}: AWS answered ${code} (HTTP ${status})${tries(attempts)}`,
      attempts,
    );
  }
  const detail = (e.message ?? '').split('\n')[0]?.slice(0, 200) ?? '';
  return new AwsCallError(
    'other',
    site,
    code,
    `${at(action, site)}: ${code}${detail ? `: ${detail}` : ''}`,
    attempts,
  );
}

/** A response the SDK accepted but that does not have the shape the transform needs. */
export function invalidResponse(site: CallSite, problem: string): AwsCallError {
  const action = iamActionOf(site.service, site.operation);
  return new AwsCallError(
    'invalid-response',
    site,
    'InvalidResponse',
    `${at(action, site)}: unexpected response: ${problem}`,
    1,
  );
}
