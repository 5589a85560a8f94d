import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../model/inventory';
import { generateDemo } from '../../../collectors/demo';
import { arr, awsAccounts, decodePolicy, graph, obj, objs, str } from './raw';

const NOW = '2025-11-20T12:00:00Z';
const tenant = generateDemo({ seed: 21, size: 2000, now: NOW });
const accounts = awsAccounts(tenant);

/** The 22 columns of the IAM credential report, in AWS's order (IAM User Guide). */
const REPORT_COLUMNS =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const AWS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|\+00:00)$/;
const REPORT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

/** Every policy document of an account, with where it came from. */
function allDocuments(a: (typeof accounts)[number]): [string, JsonValue][] {
  const out: [string, JsonValue][] = [];
  for (const r of a.roles) {
    out.push([`${str(r.RoleName)} trust`, r.AssumeRolePolicyDocument ?? null]);
    for (const p of objs(r.RolePolicyList))
      out.push([`${str(r.RoleName)}/${str(p.PolicyName)}`, p.PolicyDocument ?? null]);
    for (const ip of objs(r.InstanceProfileList)) {
      for (const nested of objs(ip.Roles))
        out.push([`${str(r.RoleName)} profile trust`, nested.AssumeRolePolicyDocument ?? null]);
    }
  }
  for (const u of a.users)
    for (const p of objs(u.UserPolicyList))
      out.push([`${str(u.UserName)}/${str(p.PolicyName)}`, p.PolicyDocument ?? null]);
  for (const g of a.groups)
    for (const p of objs(g.GroupPolicyList))
      out.push([`${str(g.GroupName)}/${str(p.PolicyName)}`, p.PolicyDocument ?? null]);
  for (const p of a.policies)
    for (const v of objs(p.PolicyVersionList))
      out.push([`${str(p.Arn)} ${str(v.VersionId)}`, v.Document ?? null]);
  return out;
}

describe('demo AWS file shapes', () => {
  it('has at least three accounts with 12-digit ids and well-formed ARNs', () => {
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    for (const a of accounts) {
      expect(a.id).toMatch(/^\d{12}$/);
      for (const r of a.roles) {
        expect(str(r.Arn)).toBe(`arn:aws:iam::${a.id}:role${str(r.Path)}${str(r.RoleName)}`);
        expect(str(r.RoleId)).toMatch(/^AROA[A-Z0-9]{17}$/);
        expect(str(r.CreateDate)).toMatch(AWS_TIME);
      }
      for (const u of a.users) {
        expect(str(u.Arn)).toBe(`arn:aws:iam::${a.id}:user${str(u.Path)}${str(u.UserName)}`);
        expect(str(u.UserId)).toMatch(/^AIDA[A-Z0-9]{17}$/);
      }
    }
  });

  it('decodes every policy document to JSON with Version and Statement', () => {
    let n = 0;
    for (const a of accounts) {
      for (const [where, doc] of allDocuments(a)) {
        const d = decodePolicy(doc);
        expect(d.Version, where).toBe('2012-10-17');
        expect(arr(d.Statement).length, where).toBeGreaterThan(0);
        for (const s of arr(d.Statement)) expect(['Allow', 'Deny']).toContain(obj(s).Effect);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('URL-encodes policy documents in exactly one account, as the API returns them, and prints objects elsewhere', () => {
    const encoded = accounts.filter((a) => allDocuments(a).every(([, d]) => typeof d === 'string'));
    const objects = accounts.filter((a) =>
      allDocuments(a).every(([, d]) => typeof d === 'object' && d !== null),
    );
    expect(encoded).toHaveLength(1);
    expect(objects).toHaveLength(accounts.length - 1);
    const sample = String(encoded[0]?.roles[0]?.AssumeRolePolicyDocument);
    // RFC 3986 as IAM does it: no raw JSON punctuation, `*` encoded too.
    expect(sample).toMatch(/^%7B%22Version%22/);
    const all = allDocuments(encoded[0] ?? accounts[0]!)
      .map(([, d]) => String(d))
      .join('');
    expect(all).not.toMatch(/[{}":*]/);
    expect(all).toContain('%2A');
    // API accounts use `Z` timestamps, CLI accounts `+00:00`.
    expect(str(encoded[0]?.roles[0]?.CreateDate)).toMatch(/Z$/);
    expect(str(objects[0]?.roles[0]?.CreateDate)).toMatch(/\+00:00$/);
  });

  it('writes the credential report with the 22 columns, root first, and AWS literal values', () => {
    for (const a of accounts) {
      const text = tenant.aws[a.id]?.['credential-report.csv'] ?? '';
      const lines = text.split('\n');
      expect(lines[0]).toBe(REPORT_COLUMNS);
      for (const line of lines) expect(line.split(',')).toHaveLength(22);
      expect(a.report[0]?.user).toBe('<root_account>');
      expect(a.report[0]?.arn).toBe(`arn:aws:iam::${a.id}:root`);
      expect(a.report[0]?.password_enabled).toBe('not_supported');
      expect(a.report).toHaveLength(a.users.length + 1);
      for (const row of a.report) {
        for (const col of [
          'user_creation_time',
          'access_key_1_last_rotated',
          'access_key_2_last_rotated',
          'password_last_used',
        ]) {
          const v = row[col] ?? '';
          if (!['N/A', 'no_information', 'not_supported'].includes(v))
            expect(v, `${row.user} ${col}`).toMatch(REPORT_TIME);
        }
        for (const col of [
          'mfa_active',
          'access_key_1_active',
          'access_key_2_active',
          'cert_1_active',
          'cert_2_active',
        ]) {
          expect(['true', 'false']).toContain(row[col]);
        }
        if (row.access_key_1_active === 'false' && row.access_key_1_last_rotated === 'N/A') {
          expect(row.access_key_1_last_used_date).toBe('N/A');
        }
      }
      // Every IAM user has a report row with its ARN.
      const arns = new Set(a.report.map((r) => r.arn));
      for (const u of a.users) expect(arns.has(str(u.Arn))).toBe(true);
    }
  });

  it('includes every attached or boundary policy in Policies, AWS managed ones with their documents', () => {
    for (const a of accounts) {
      const present = new Set(a.policies.map((p) => str(p.Arn)));
      for (const p of [...a.roles, ...a.users, ...a.groups]) {
        for (const m of objs(p.AttachedManagedPolicies))
          expect(present.has(str(m.PolicyArn)), str(m.PolicyArn)).toBe(true);
        if (p.PermissionsBoundary)
          expect(present.has(str(obj(p.PermissionsBoundary).PermissionsBoundaryArn))).toBe(true);
      }
      for (const p of a.policies) {
        const versions = objs(p.PolicyVersionList);
        expect(versions.filter((v) => v.IsDefaultVersion === true).map((v) => v.VersionId)).toEqual([
          p.DefaultVersionId,
        ]);
        const attached = [...a.roles, ...a.users, ...a.groups].filter((x) =>
          objs(x.AttachedManagedPolicies).some((m) => m.PolicyArn === p.Arn),
        ).length;
        expect(p.AttachmentCount, str(p.Arn)).toBe(attached);
      }
    }
  });

  it('lists workloads in the shapes of GetAgent, GetAgentRuntime and ListFunctions', () => {
    for (const a of accounts) {
      for (const ag of a.agents) {
        expect(str(ag.agentId)).toMatch(/^[0-9A-Z]{10}$/);
        expect(str(ag.agentArn)).toMatch(
          new RegExp(`^arn:aws:bedrock:[a-z0-9-]+:${a.id}:agent/${str(ag.agentId)}$`),
        );
        expect(str(ag.agentResourceRoleArn)).toMatch(new RegExp(`^arn:aws:iam::${a.id}:role/`));
      }
      for (const rt of a.runtimes) {
        expect(str(rt.agentRuntimeArn)).toMatch(
          new RegExp(
            `^arn:aws:bedrock-agentcore:[a-z0-9-]+:${a.id}:runtime/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$`,
          ),
        );
        expect(str(obj(rt.workloadIdentityDetails).workloadIdentityArn)).toContain(
          ':workload-identity-directory/default/workload-identity/',
        );
        expect(str(rt.roleArn)).toMatch(new RegExp(`^arn:aws:iam::${a.id}:role/`));
      }
      for (const f of a.functions) {
        expect(str(f.FunctionArn)).toBe(
          `arn:aws:lambda:${str(f.FunctionArn).split(':')[3]}:${a.id}:function:${str(f.FunctionName)}`,
        );
        expect(str(f.LastModified)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
        expect(Buffer.from(str(f.CodeSha256), 'base64')).toHaveLength(32);
      }
      for (const c of a.serviceCredentials) {
        expect(str(c.ServiceSpecificCredentialId)).toMatch(/^ACCA[A-Z0-9]{17}$/);
        expect(['Active', 'Inactive', 'Expired']).toContain(c.Status);
        expect(a.users.some((u) => u.UserName === c.UserName)).toBe(true);
      }
    }
  });
});

describe('demo Graph file shapes', () => {
  it('stores every Graph response as a value list', () => {
    for (const [path, body] of Object.entries(tenant.entra)) {
      expect(path).toMatch(/^(v1\.0|beta)\//);
      expect(Array.isArray(body.value), path).toBe(true);
    }
  });

  it('has the organization with the tenant id and a GUID id for every directory object', () => {
    const org = graph(tenant, 'v1.0/organization');
    expect(org).toHaveLength(1);
    expect(org[0]?.id).toBe(tenant.info.tenantId);
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const o of [...graph(tenant, 'v1.0/servicePrincipals'), ...graph(tenant, 'v1.0/applications')]) {
      expect(str(o.id)).toMatch(guid);
    }
  });

  it('never carries secret text, only Graph metadata for credentials', () => {
    for (const app of graph(tenant, 'v1.0/applications')) {
      for (const p of objs(app.passwordCredentials)) {
        expect(p.secretText).toBeNull();
        expect(str(p.endDateTime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{7})?Z$/);
      }
      for (const k of objs(app.keyCredentials)) expect(k.key).toBeNull();
    }
  });

  it('resolves every app role assignment against the resource service principal appRoles', () => {
    const sps = new Map(graph(tenant, 'v1.0/servicePrincipals').map((sp) => [str(sp.id), sp]));
    let n = 0;
    for (const [path, body] of Object.entries(tenant.entra)) {
      const m = /^v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignedTo$/.exec(path);
      if (!m) continue;
      const resource = sps.get(m[1] ?? '');
      expect(resource, path).toBeDefined();
      const roleIds = new Set(objs(resource?.appRoles).map((r) => str(r.id)));
      for (const a of body.value) {
        expect(a.resourceId).toBe(m[1]);
        expect(roleIds.has(str(a.appRoleId))).toBe(true);
        expect(sps.has(str(a.principalId))).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });
});
