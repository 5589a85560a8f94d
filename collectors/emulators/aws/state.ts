/**
 * The emulator's world: the seeded accounts, indexed for the handlers, and what changes while it
 * runs (sessions handed out by AssumeRole, credential reports and last-accessed jobs).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseCsvRecords } from '../../aws/credential-report';
import type { JsonValue } from '../../../model/inventory';
import type { AwsEmulatorSeed, EmulatedAccessKey, EmulatedAccount, JsonObject } from './types';

export type AuthFilter = 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
export type AuthList = 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies';

export interface AuthEntity {
  filter: AuthFilter;
  list: AuthList;
  value: JsonObject;
}

export interface Principal {
  accessKeyId: string;
  account: string;
  arn: string;
  /** Sessions from AssumeRole must send their token. */
  sessionToken?: string;
  expiresAt?: number;
}

export interface IndexedAccount {
  data: EmulatedAccount;
  /** Users, groups, roles, policies in the order GetAccountAuthorizationDetails pages them. */
  authEntities: AuthEntity[];
  roleNames: Set<string>;
  /** Credential report rows by user name (column name -> value). */
  reportRows: Map<string, Record<string, string>>;
  accessKeys: Map<string, EmulatedAccessKey[]>;
  accessKeyOwner: Map<string, string>;
  /** Role and user details by ARN, for service last accessed. */
  principals: Map<string, { kind: 'role' | 'user'; detail: JsonObject }>;
  managedPolicies: Map<string, JsonObject>;
}

const DOCUMENT_FIELDS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

/**
 * The IAM API sends policy documents URL-encoded (RFC 3986). Demo accounts exported through the CLI
 * hold decoded objects; they are encoded here, once, so every page is what IAM would send.
 */
export function urlEncodeDocuments(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(urlEncodeDocuments);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (DOCUMENT_FIELDS.has(key) && member !== null && typeof member === 'object' && !Array.isArray(member)) {
      out[key] = encodeURIComponent(JSON.stringify(member));
    } else {
      out[key] = urlEncodeDocuments(member);
    }
  }
  return out;
}

function asObject(value: JsonValue): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function policyFilter(policy: JsonObject): AuthFilter {
  return typeof policy.Arn === 'string' && policy.Arn.includes(':iam::aws:policy/')
    ? 'AWSManagedPolicy'
    : 'LocalManagedPolicy';
}

/** A stable, key-shaped id for keys known only from the credential report. */
export function derivedAccessKeyId(arn: string, slot: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(`${arn}#${slot}`).digest();
  let id = 'AKIA';
  for (let i = 0; id.length < 20; i++) id += alphabet.charAt((digest[i] ?? 0) % alphabet.length);
  return id;
}

function reportRowsOf(csv: string | undefined): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  if (!csv) return rows;
  const [header, ...records] = parseCsvRecords(csv);
  if (!header) return rows;
  for (const record of records) {
    const row: Record<string, string> = {};
    header.fields.forEach((name, i) => (row[name] = record.fields[i] ?? ''));
    if (row.user) rows.set(row.user, row);
  }
  return rows;
}

const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

function keysFromReport(row: Record<string, string>): EmulatedAccessKey[] {
  const keys: EmulatedAccessKey[] = [];
  for (const slot of [1, 2]) {
    const active = row[`access_key_${slot}_active`] === 'true';
    const rotated = row[`access_key_${slot}_last_rotated`] ?? 'N/A';
    if (!active && NO_VALUE.has(rotated)) continue;
    const lastUsed = row[`access_key_${slot}_last_used_date`] ?? 'N/A';
    const key: EmulatedAccessKey = {
      AccessKeyId: derivedAccessKeyId(row.arn ?? '', slot),
      Status: active ? 'Active' : 'Inactive',
      CreateDate: NO_VALUE.has(rotated) ? (row.user_creation_time ?? '') : rotated,
    };
    if (!NO_VALUE.has(lastUsed)) {
      key.LastUsedDate = lastUsed;
      key.ServiceName = row[`access_key_${slot}_last_used_service`] ?? 'N/A';
      key.Region = row[`access_key_${slot}_last_used_region`] ?? 'N/A';
    }
    keys.push(key);
  }
  return keys;
}

export function indexAccount(data: EmulatedAccount): IndexedAccount {
  const auth = data.authorizationDetails;
  const entities: AuthEntity[] = [];
  const principals = new Map<string, { kind: 'role' | 'user'; detail: JsonObject }>();
  for (const u of auth.UserDetailList) {
    const value = asObject(urlEncodeDocuments(u));
    entities.push({ filter: 'User', list: 'UserDetailList', value });
    if (typeof u.Arn === 'string') principals.set(u.Arn, { kind: 'user', detail: u });
  }
  for (const g of auth.GroupDetailList)
    entities.push({ filter: 'Group', list: 'GroupDetailList', value: asObject(urlEncodeDocuments(g)) });
  const roleNames = new Set<string>();
  for (const r of auth.RoleDetailList) {
    entities.push({ filter: 'Role', list: 'RoleDetailList', value: asObject(urlEncodeDocuments(r)) });
    if (typeof r.RoleName === 'string') roleNames.add(r.RoleName);
    if (typeof r.Arn === 'string') principals.set(r.Arn, { kind: 'role', detail: r });
  }
  const managedPolicies = new Map<string, JsonObject>();
  for (const p of auth.Policies) {
    entities.push({ filter: policyFilter(p), list: 'Policies', value: asObject(urlEncodeDocuments(p)) });
    if (typeof p.Arn === 'string') managedPolicies.set(p.Arn, p);
  }
  const reportRows = reportRowsOf(data.credentialReportCsv);
  const accessKeys = new Map<string, EmulatedAccessKey[]>();
  for (const [user, row] of reportRows) {
    if (user !== '<root_account>') accessKeys.set(user, keysFromReport(row));
  }
  for (const [user, keys] of Object.entries(data.accessKeys ?? {})) accessKeys.set(user, keys);
  const accessKeyOwner = new Map<string, string>();
  for (const [user, keys] of accessKeys) for (const k of keys) accessKeyOwner.set(k.AccessKeyId, user);
  return {
    data,
    authEntities: entities,
    roleNames,
    reportRows,
    accessKeys,
    accessKeyOwner,
    principals,
    managedPolicies,
  };
}

export interface CredentialReportState {
  readyAt: number;
  generatedAt: number;
  /** Status checks still to answer "in progress", whatever the time. */
  pendingPolls: number;
}

export interface LastAccessedJob {
  account: string;
  arn: string;
  createdAt: number;
  readyAt: number;
  pendingPolls: number;
}

export class EmulatorState {
  readonly accounts = new Map<string, IndexedAccount>();
  readonly principals = new Map<string, Principal>();
  readonly reports = new Map<string, CredentialReportState>();
  readonly jobs = new Map<string, LastAccessedJob>();
  readonly assumableRoles: Set<string>;

  constructor(readonly seed: AwsEmulatorSeed) {
    for (const account of seed.accounts) this.accounts.set(account.id, indexAccount(account));
    this.principals.set(seed.caller.accessKeyId, { ...seed.caller });
    this.assumableRoles = new Set(seed.assumableRoles ?? []);
  }

  /** A session for an assumed role: new temporary keys that act in the role's account. */
  newSession(
    account: string,
    arn: string,
    durationSeconds: number,
  ): Principal & { sessionToken: string; expiresAt: number } {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const session = {
      accessKeyId,
      account,
      arn,
      sessionToken: randomBytes(32).toString('base64'),
      expiresAt: Date.now() + durationSeconds * 1000,
    };
    this.principals.set(accessKeyId, session);
    return session;
  }
}
