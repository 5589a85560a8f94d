/**
 * The demo tenant as raw provider files, in memory. Keys are the file names of
 * docs/import-formats.md; values are exactly what the provider's API or CLI returns.
 */
import type { JsonValue } from '../../model/inventory';

export type JsonObject = { [key: string]: JsonValue };

export interface DemoOptions {
  /** Any integer; the same seed gives the same tenant. */
  seed: number;
  /** Identities in total across both providers (roughly 55% AWS, 45% Entra). */
  size: number;
  /** ISO reference time; every date in the demo is relative to it. */
  now: string;
}

/** `aws iam get-account-authorization-details` merged over pages (pages are cut when written). */
export interface AuthorizationDetails extends JsonObject {
  UserDetailList: JsonObject[];
  GroupDetailList: JsonObject[];
  RoleDetailList: JsonObject[];
  Policies: JsonObject[];
  IsTruncated: boolean;
}

export interface AwsAccountFiles {
  'account-authorization-details.json': AuthorizationDetails;
  /** The decoded CSV, as `aws iam get-credential-report` content. */
  'credential-report.csv': string;
  'service-specific-credentials.json': { ServiceSpecificCredentials: JsonObject[] };
  'bedrock-agents.json': { agents: JsonObject[] };
  'agentcore-runtimes.json': { agentRuntimes: JsonObject[] };
  'lambda-functions.json': { Functions: JsonObject[] };
}

/** One Graph collection response; lists are split into pages of 999 only when written. */
export interface GraphCollection {
  value: JsonObject[];
}

export interface DemoAccountInfo {
  id: string;
  alias: string;
  /** `url`: policy documents URL-encoded as the IAM API returns them; `object`: decoded as the CLI prints them. */
  policyEncoding: 'url' | 'object';
}

export interface DemoTenant {
  aws: Record<string, AwsAccountFiles>;
  /** Keyed by Graph request path relative to the version root, e.g. `v1.0/servicePrincipals`. */
  entra: Record<string, GraphCollection>;
  info: {
    company: string;
    accounts: DemoAccountInfo[];
    tenantId: string;
    tenantDomain: string;
  };
}
