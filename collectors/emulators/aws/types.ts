/**
 * The AWS emulator's seed (what the emulated accounts hold), its fault rules and its request log.
 * Account data uses the shapes of docs/import-formats.md, i.e. exactly what the demo generator
 * writes, so the same data can be imported from files or scanned over the wire.
 */
import type { JsonValue } from '../../../model/inventory';

export type JsonObject = { [key: string]: JsonValue };

/** What one emulated account holds. */
export interface EmulatedAccount {
  id: string;
  /** Account name shown by Organizations ListAccounts. */
  name: string;
  /** GetAccountAuthorizationDetails content, all pages merged (the demo's file). */
  authorizationDetails: {
    UserDetailList: JsonObject[];
    GroupDetailList: JsonObject[];
    RoleDetailList: JsonObject[];
    Policies: JsonObject[];
  };
  /** The decoded credential report CSV; undefined: report generation fails (ReportNotPresent). */
  credentialReportCsv?: string;
  /** ListServiceSpecificCredentials entries. */
  serviceSpecificCredentials: JsonObject[];
  /** GetAgent `.agent` objects; the region is taken from `agentArn`. */
  bedrockAgents: JsonObject[];
  /** GetAgentRuntime responses; the region is taken from `agentRuntimeArn`. */
  agentRuntimes: JsonObject[];
  /** ListFunctions entries; the region is taken from `FunctionArn`. */
  lambdaFunctions: JsonObject[];
  /**
   * ListAccessKeys + GetAccessKeyLastUsed data per user name. Users not named here get keys
   * derived from their credential report row (ids derived from the ARN and slot).
   */
  accessKeys?: Record<string, EmulatedAccessKey[]>;
  /** IAM Access Analyzer analyzers with their findings (ListAnalyzers / ListFindingsV2). */
  analyzers?: EmulatedAnalyzer[];
  /** Opt-in regions not enabled in this account: STS and regional services refuse them. */
  disabledRegions?: string[];
}

export interface EmulatedAccessKey {
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  LastUsedDate?: string;
  ServiceName?: string;
  Region?: string;
}

export interface EmulatedAnalyzer {
  name: string;
  region: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS';
  createdAt: string;
  /** ListFindingsV2 entries: id, resource, resourceType, resourceOwnerAccount, status, findingType, dates. */
  findings: JsonObject[];
}

export interface EmulatedOrganization {
  managementAccountId: string;
  /** Accounts allowed to call Organizations besides the management account. */
  delegatedAdministrators?: string[];
  /** ListAccounts entries in order; accounts without data in `accounts` still list. */
  accounts: { Id: string; Name: string; Email: string; Status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' }[];
}

export interface AwsEmulatorSeed {
  accounts: EmulatedAccount[];
  /** The static credentials a scan starts with and the principal they belong to. */
  caller: { accessKeyId: string; account: string; arn: string };
  organization?: EmulatedOrganization;
  /**
   * Role names AssumeRole accepts in every account without the role being in the account's IAM
   * data (the audit role a StackSet deploys; listing it would change the account's inventory).
   */
  assumableRoles?: string[];
  /** When set, AssumeRole into those roles must carry this ExternalId. */
  externalId?: string;
  /** Regions the regional services answer in; other regions answer as "not enabled". */
  regions: string[];
}

export type FaultKind = 'throttle' | 'access-denied' | 'server-error' | 'slow' | 'drop' | 'region-disabled';

/** One fault: which requests it hits and how. Rules are checked in order; the first that fires wins. */
export interface FaultRule {
  kind: FaultKind;
  /** `iam:GetAccountAuthorizationDetails`, `bedrock-agent:*` or `*` (default). */
  action?: string;
  /** The account acted on: the caller's, or for AssumeRole the account of the role. */
  account?: string;
  region?: string;
  /** Let this many matching requests through before the rule starts (fail the third page, not the first). */
  after?: number;
  /** Hit at most this many matching requests, then stop (default: every one). */
  times?: number;
  /** Chance that a matching request is hit (seeded, so runs repeat); default 1. */
  probability?: number;
  /** Added latency for `slow`. */
  delayMs?: number;
}

/** One request as the emulator received it, before any fault or handler ran. */
export interface RecordedRequest {
  seq: number;
  /** Service key: iam, sts, organizations, bedrock-agent, bedrock-agentcore-control, lambda, access-analyzer. */
  service: string;
  /** API operation, e.g. GetAccountAuthorizationDetails; `unknown` when it could not be told. */
  action: string;
  /** The caller's account (from the access key); undefined for unknown keys. */
  account?: string;
  region?: string;
  method: string;
  path: string;
  /** HTTP status sent, or 0 for a dropped connection. */
  status: number;
  /** When it arrived, in ms since the emulator started. */
  receivedAt: number;
  /** Time to answer it in ms, added latency included. */
  ms: number;
}
