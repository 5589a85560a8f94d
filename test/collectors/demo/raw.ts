/**
 * Small readers for the demo's raw provider files, written independently of the generator so the
 * tests check the files as an importer would see them.
 */
import type { JsonValue } from '../../../model/inventory';
import type { DemoTenant, JsonObject } from '../../../collectors/demo';

export function obj(v: JsonValue | undefined): JsonObject {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) {
    throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function arr(v: JsonValue | undefined): JsonValue[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v;
}

export function objs(v: JsonValue | undefined): JsonObject[] {
  return arr(v).map(obj);
}

export function str(v: JsonValue | undefined): string {
  if (typeof v !== 'string') throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
}

/** A string or a list of strings, as IAM writes Action/Resource/Principal values. */
export function strs(v: JsonValue | undefined): string[] {
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : arr(v).map(str);
}

/** Policy documents are URL-encoded JSON text (API) or objects (CLI). */
export function decodePolicy(doc: JsonValue | undefined): JsonObject {
  if (typeof doc === 'string') return obj(JSON.parse(decodeURIComponent(doc)) as JsonValue);
  return obj(doc);
}

export function statements(doc: JsonValue | undefined): JsonObject[] {
  return objs(decodePolicy(doc).Statement);
}

export interface AwsAccount {
  id: string;
  roles: JsonObject[];
  users: JsonObject[];
  groups: JsonObject[];
  policies: JsonObject[];
  report: Record<string, string>[];
  serviceCredentials: JsonObject[];
  agents: JsonObject[];
  runtimes: JsonObject[];
  functions: JsonObject[];
}

export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.split('\n');
  const cols = (header ?? '').split(',');
  return rows.map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    cols.forEach((c, i) => (row[c] = cells[i] ?? ''));
    return row;
  });
}

export function awsAccounts(t: DemoTenant): AwsAccount[] {
  return Object.entries(t.aws).map(([id, f]) => {
    const d = f['account-authorization-details.json'];
    return {
      id,
      roles: d.RoleDetailList,
      users: d.UserDetailList,
      groups: d.GroupDetailList,
      policies: d.Policies,
      report: parseCsv(f['credential-report.csv']),
      serviceCredentials: f['service-specific-credentials.json'].ServiceSpecificCredentials,
      agents: f['bedrock-agents.json'].agents,
      runtimes: f['agentcore-runtimes.json'].agentRuntimes,
      functions: f['lambda-functions.json'].Functions,
    };
  });
}

/** All inline policy statements of a role. */
export function inlineStatements(principal: JsonObject): JsonObject[] {
  const list = principal.RolePolicyList ?? principal.UserPolicyList ?? principal.GroupPolicyList;
  return objs(list).flatMap((p) => statements(p.PolicyDocument));
}

export function trustStatements(role: JsonObject): JsonObject[] {
  return statements(role.AssumeRolePolicyDocument);
}

export function actionsOf(s: JsonObject): string[] {
  return strs(s.Action);
}

export function graph(t: DemoTenant, path: string): JsonObject[] {
  const c = t.entra[path];
  if (!c) throw new Error(`no Graph file for ${path}`);
  return c.value;
}

export const DAY_MS = 86_400_000;
