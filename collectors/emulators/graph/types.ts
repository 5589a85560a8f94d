/** Options, faults and request records of the Microsoft Graph emulator. */

/** A tenant's data as Graph request paths (docs/import-formats.md) -> items. */
export type GraphSeed = Record<string, readonly unknown[]>;

export type GraphFaultKind =
  /** 429 Too Many Requests, with Retry-After in seconds, as an HTTP date, or without it. */
  | 'throttle'
  /** Any HTTP error status with a Graph error body (403, 404, 500, 503, ...). */
  | 'status'
  /** 200 with a body cut off in the middle. */
  | 'malformed'
  /** The connection is closed without an answer. */
  | 'drop'
  /** Only adds `delayMs`. */
  | 'slow'
  /** A normal answer that carries `x-ms-throttle-limit-percentage`. */
  | 'pressure';

export interface GraphFaultRule {
  kind: GraphFaultKind;
  /**
   * Request path without query, version root included: exact (`beta/reports/servicePrincipalSignInActivities`),
   * a prefix ending in `*` (`v1.0/servicePrincipals/*`), or a RegExp. `v1.0/$batch` targets batch requests.
   */
  path: string | RegExp;
  status?: number;
  code?: string;
  message?: string;
  retryAfter?: 'seconds' | 'date' | 'none';
  /** Seconds for Retry-After (default 1). */
  retryAfterSeconds?: number;
  /** `x-ms-throttle-limit-percentage` for `pressure` (and added to `throttle` answers). */
  percentage?: number;
  delayMs?: number;
  /** How many matching requests the rule hits; unlimited when absent. */
  times?: number;
  /** Matching requests let through before the rule starts hitting. */
  after?: number;
  /** Apply to requests inside $batch bodies too (default true; `drop` and `malformed` only hit whole requests). */
  inBatch?: boolean;
}

export interface RecordedRequest {
  /** Sequence number of the HTTP request; sub-requests share their batch's. */
  seq: number;
  method: string;
  /** Path without query, e.g. `/v1.0/servicePrincipals`, `/v1.0/$batch`, `/<tenant>/oauth2/v2.0/token`. */
  path: string;
  query: string;
  /** Set for requests inside a $batch body: the batch's path. */
  inBatch?: string;
  /** Whether an Authorization header came with it (its value is never recorded). */
  authorized: boolean;
  status: number;
}

export interface EmulatedClient {
  clientId: string;
  /** Accepted client secret (a fake test value). */
  secret?: string;
  /** PEM certificate whose key signs client assertions. */
  certificatePem?: string;
}

/**
 * What the emulated user does on the authorize page of an interactive (browser) sign-in: consent,
 * or decline, which sends the browser back with `error=access_denied`.
 */
export type InteractiveSignInAnswer = 'approve' | 'deny';

export interface GraphEmulatorOptions {
  /**
   * Time from a request's arrival to its answer, in ms, the emulator's own work included (the
   * bench uses 50: a far region).
   */
  latencyMs?: number;
  faults?: GraphFaultRule[];
  /** Largest page the emulator returns, whatever `$top` asks: forces many pages in tests. */
  maxPageSize?: number;
  /** Page size when no `$top` is given (Graph: 100). */
  defaultPageSize?: number;
  /** Requests selecting keyCredentials allowed per window (Graph: 150 per minute). */
  keyCredentialsBudget?: { requests: number; windowMs: number };
  /** Properties Graph does not know on a path: `$select`ing them gives 400, as Graph does. */
  unknownProperties?: Record<string, readonly string[]>;
  /** Access tokens accepted as they are (the token sign-in path). */
  acceptedTokens?: readonly string[];
  /** App registrations the token endpoint knows (client credentials). */
  clients?: readonly EmulatedClient[];
  /** Answer device code polls with a token from the n-th poll on (default 2). */
  deviceCodeApprovedAfterPolls?: number;
  /** The user's answer on the authorize page (default approve); `GraphEmulator.interactiveSignIn` changes it. */
  interactiveSignIn?: InteractiveSignInAnswer;
  /** TLS key and certificate (PEM): serve https instead of http. */
  tls?: { key: string; cert: string };
  port?: number;
}
