import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../collectors/demo';
import type { JsonObject } from '../../../collectors/demo';
import {
  actionsOf,
  awsAccounts,
  DAY_MS,
  inlineStatements,
  obj,
  objs,
  statements,
  str,
  strs,
  trustStatements,
  type AwsAccount,
} from './raw';

const NOW = '2025-11-20T12:00:00Z';
const NOW_MS = Date.parse(NOW);

function roleByArn(a: AwsAccount, arn: string): JsonObject | undefined {
  return a.roles.find((r) => r.Arn === arn);
}

function daysAgo(iso: string): number {
  return (NOW_MS - Date.parse(iso)) / DAY_MS;
}

/** Inline statements of a role, a user or a group, plus those of its attached customer policies' default versions. */
function effectiveStatements(a: AwsAccount, p: JsonObject): JsonObject[] {
  const out = inlineStatements(p);
  for (const m of objs(p.AttachedManagedPolicies)) {
    const pol = a.policies.find((x) => x.Arn === m.PolicyArn);
    const v = objs(pol?.PolicyVersionList).find((x) => x.IsDefaultVersion === true);
    if (v) out.push(...statements(v.Document));
  }
  return out;
}

function grants(s: JsonObject[], action: string, resource?: string): boolean {
  return s.some(
    (st) =>
      st.Effect === 'Allow' &&
      actionsOf(st).includes(action) &&
      (resource === undefined || strs(st.Resource).includes(resource)),
  );
}

describe.each([200, 2000])('AWS named scenarios at size %i', (size) => {
  const t = generateDemo({ seed: 99, size, now: NOW });
  const accounts = awsAccounts(t);
  const allRoles = accounts.flatMap((a) => a.roles.map((r) => ({ a, r })));

  it('has prod, staging and security accounts', () => {
    expect(t.info.accounts.map((x) => x.alias).slice(0, 3)).toEqual([
      'northwind-prod',
      'northwind-staging',
      'northwind-security',
    ]);
  });

  it('runs Bedrock agents as AmazonBedrockExecutionRoleForAgents_* roles trusted by bedrock with source conditions', () => {
    const agents = accounts.flatMap((a) => a.agents.map((ag) => ({ a, ag })));
    expect(agents.length).toBeGreaterThanOrEqual(4);
    for (const { a, ag } of agents) {
      const role = roleByArn(a, str(ag.agentResourceRoleArn));
      expect(role, str(ag.agentName)).toBeDefined();
      expect(str(role?.RoleName)).toMatch(/^AmazonBedrockExecutionRoleForAgents_[A-Z0-9]{10}$/);
      const trust = trustStatements(role ?? {});
      const s = trust.find((x) => strs(obj(x.Principal).Service).includes('bedrock.amazonaws.com'));
      const cond = obj(s?.Condition);
      expect(obj(cond.StringEquals)['aws:SourceAccount']).toBe(a.id);
      expect(str(obj(cond.ArnLike)['aws:SourceArn'])).toMatch(
        new RegExp(`^arn:aws:bedrock:[a-z0-9-]+:${a.id}:agent/`),
      );
    }
    // One agent never prepared whose role was never used: dormant.
    const dormant = agents.find(({ ag }) => ag.agentStatus === 'NOT_PREPARED');
    expect(
      dormant && obj(roleByArn(dormant.a, str(dormant.ag.agentResourceRoleArn))?.RoleLastUsed).LastUsedDate,
    ).toBeUndefined();
  });

  it('runs AgentCore runtimes as roles trusted by bedrock-agentcore, with workload identities', () => {
    const runtimes = accounts.flatMap((a) => a.runtimes.map((rt) => ({ a, rt })));
    expect(runtimes.length).toBeGreaterThanOrEqual(3);
    for (const { a, rt } of runtimes) {
      const role = roleByArn(a, str(rt.roleArn));
      expect(
        trustStatements(role ?? {}).some((s) =>
          strs(obj(s.Principal).Service).includes('bedrock-agentcore.amazonaws.com'),
        ),
      ).toBe(true);
      expect(str(obj(rt.workloadIdentityDetails).workloadIdentityArn)).toContain(str(rt.agentRuntimeId));
    }
  });

  it('hosts LLM agents in Lambda: roles allowed bedrock:InvokeModel, some with secrets and S3 data', () => {
    const llm = accounts.flatMap((a) =>
      a.functions
        .map((f) => ({ a, f, role: roleByArn(a, str(f.Role)) }))
        .filter(
          ({ role }) =>
            role &&
            inlineStatements(role).some((s) => actionsOf(s).some((x) => x.startsWith('bedrock:InvokeModel'))),
        ),
    );
    expect(llm.length).toBeGreaterThanOrEqual(4);
    const withSecrets = llm.filter(({ role }) =>
      grants(inlineStatements(role ?? {}), 'secretsmanager:GetSecretValue'),
    );
    const withS3 = llm.filter(({ role }) =>
      inlineStatements(role ?? {}).some((s) => actionsOf(s).some((x) => x.startsWith('s3:'))),
    );
    expect(withSecrets.length).toBeGreaterThanOrEqual(2);
    expect(withS3.length).toBeGreaterThanOrEqual(2);
    // One of them may read any secret.
    expect(
      withSecrets.some(({ role }) =>
        grants(inlineStatements(role ?? {}), 'secretsmanager:GetSecretValue', '*'),
      ),
    ).toBe(true);
  });

  it('has CI bots in ci-bots with keys older than 400 days, and one user with two active keys', () => {
    const staging = accounts[1];
    if (!staging) throw new Error('no staging account');
    expect(staging.groups.some((g) => g.GroupName === 'ci-bots')).toBe(true);
    const bots = staging.users.filter((u) => strs(u.GroupList).includes('ci-bots'));
    expect(bots.length).toBeGreaterThanOrEqual(3);
    const rows = staging.report.filter((r) => bots.some((b) => b.Arn === r.arn));
    expect(
      rows.filter((r) => r.access_key_1_active === 'true' && daysAgo(r.access_key_1_last_rotated ?? '') > 400)
        .length,
    ).toBeGreaterThanOrEqual(3);
    const twoKeys = rows.filter((r) => r.access_key_1_active === 'true' && r.access_key_2_active === 'true');
    expect(twoKeys.map((r) => r.user)).toContain('ci-terraform-runner');
  });

  it('has Bedrock API key users with AmazonBedrockLimitedAccess and a never-expiring bedrock credential', () => {
    const prod = accounts[0];
    if (!prod) throw new Error('no prod account');
    const keyUsers = prod.users.filter((u) => /^BedrockAPIKey-[a-z0-9]{4}$/.test(str(u.UserName)));
    expect(keyUsers.length).toBeGreaterThanOrEqual(2);
    for (const u of keyUsers) {
      expect(objs(u.AttachedManagedPolicies).map((m) => m.PolicyArn)).toContain(
        'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess',
      );
      expect(
        prod.serviceCredentials.some(
          (c) => c.UserName === u.UserName && c.ServiceName === 'bedrock.amazonaws.com',
        ),
      ).toBe(true);
    }
    const creds = prod.serviceCredentials.filter((c) => c.ServiceName === 'bedrock.amazonaws.com');
    expect(creds.some((c) => c.ExpirationDate === undefined && c.Status === 'Active')).toBe(true);
    expect(creds.some((c) => typeof c.ExpirationDate === 'string')).toBe(true);
  });

  it('has over-privileged roles: full admin inline, PassRole with CreateFunction, PutRolePolicy, CreatePolicyVersion', () => {
    const st = allRoles.map(({ a, r }) => effectiveStatements(a, r));
    expect(st.some((s) => grants(s, '*', '*'))).toBe(true);
    expect(
      allRoles.some(({ r }) =>
        inlineStatements(r).some((s) => actionsOf(s).includes('*') && strs(s.Resource).includes('*')),
      ),
    ).toBe(true);
    expect(st.some((s) => grants(s, 'iam:PassRole', '*') && grants(s, 'lambda:CreateFunction'))).toBe(true);
    expect(st.some((s) => grants(s, 'iam:PutRolePolicy', '*'))).toBe(true);
    expect(st.some((s) => grants(s, 'iam:CreatePolicyVersion'))).toBe(true);
  });

  it('has over-privileged Bedrock agents: one can pass an admin role to Lambda, one has AdministratorAccess', () => {
    const prod = accounts[0];
    if (!prod) throw new Error('no prod account');
    const roleOf = (name: string): JsonObject | undefined => {
      const agent = prod.agents.find((ag) => ag.agentName === name);
      return roleByArn(prod, str(agent?.agentResourceRoleArn));
    };
    const ops = inlineStatements(roleOf('cloud-ops-agent') ?? {});
    expect(grants(ops, 'iam:PassRole', '*')).toBe(true);
    expect(grants(ops, 'lambda:CreateFunction', '*')).toBe(true);
    expect(grants(ops, 'lambda:InvokeFunction', '*')).toBe(true);
    const admin = prod.roles.find((r) => r.RoleName === 'nw-ops-auto-remediation-role');
    expect(objs(admin?.AttachedManagedPolicies).map((m) => m.PolicyName)).toContain('AdministratorAccess');
    expect(
      trustStatements(admin ?? {}).some((st) =>
        strs(obj(st.Principal).Service).includes('lambda.amazonaws.com'),
      ),
    ).toBe(true);
    expect(objs(roleOf('infra-cost-agent')?.AttachedManagedPolicies).map((m) => m.PolicyName)).toContain(
      'AdministratorAccess',
    );
  });

  it('has well-scoped roles: resource ARNs, conditions and a permissions boundary', () => {
    const scoped = allRoles.filter(({ r }) => {
      const s = inlineStatements(r);
      return (
        r.PermissionsBoundary !== undefined &&
        s.length > 0 &&
        s.every((x) => strs(x.Resource).every((res) => res.startsWith('arn:aws:'))) &&
        s.some((x) => x.Condition !== undefined)
      );
    });
    expect(scoped.length).toBeGreaterThanOrEqual(2);
  });

  it('has cross-account trusts with and without sts:ExternalId', () => {
    const cross = allRoles.flatMap(({ a, r }) =>
      trustStatements(r)
        .filter((s) => strs(obj(s.Principal).AWS ?? []).some((p) => !p.includes(`::${a.id}:`)))
        .map((s) => s),
    );
    expect(cross.some((s) => s.Condition && obj(obj(s.Condition).StringEquals)['sts:ExternalId'])).toBe(true);
    expect(cross.some((s) => s.Condition === undefined)).toBe(true);
  });

  it('has GitHub OIDC trusts: pinned to main, wildcard subject, and one without an audience condition', () => {
    const gh = allRoles.flatMap(({ r }) =>
      trustStatements(r).filter((s) =>
        str(obj(s.Principal).Federated ?? '').endsWith('oidc-provider/token.actions.githubusercontent.com'),
      ),
    );
    const conds = gh.map((s) => obj(s.Condition));
    const sub = (c: JsonObject): string[] => [
      ...strs(obj(c.StringEquals ?? {})['token.actions.githubusercontent.com:sub']),
      ...strs(obj(c.StringLike ?? {})['token.actions.githubusercontent.com:sub']),
    ];
    const hasAud = (c: JsonObject): boolean =>
      obj(c.StringEquals ?? {})['token.actions.githubusercontent.com:aud'] === 'sts.amazonaws.com';
    expect(conds.some((c) => sub(c).includes('repo:northwind/app:ref:refs/heads/main') && hasAud(c))).toBe(
      true,
    );
    expect(conds.some((c) => sub(c).some((x) => x === '*' || x.endsWith('/*')))).toBe(true);
    expect(conds.some((c) => !hasAud(c))).toBe(true);
  });

  it('has service-linked roles under /aws-service-role/ in every account', () => {
    for (const a of accounts) {
      const slr = a.roles.filter((r) => str(r.Path).startsWith('/aws-service-role/'));
      expect(slr.length).toBeGreaterThanOrEqual(5);
      for (const r of slr) expect(str(r.RoleName)).toMatch(/^AWSServiceRoleFor/);
    }
  });

  it('has customer managed policies with several versions whose default is not the latest', () => {
    const multi = accounts
      .flatMap((a) => a.policies)
      .filter((p) => !str(p.Arn).includes(':aws:policy/') && objs(p.PolicyVersionList).length >= 3);
    expect(multi.length).toBeGreaterThanOrEqual(2);
    for (const p of multi) {
      const latest = Math.max(...objs(p.PolicyVersionList).map((v) => Number(str(v.VersionId).slice(1))));
      expect(p.DefaultVersionId).not.toBe(`v${latest}`);
    }
  });

  it('carries AWS managed policies with their documents', () => {
    const prod = accounts[0];
    const admin = prod?.policies.find((p) => p.Arn === 'arn:aws:iam::aws:policy/AdministratorAccess');
    const readOnly = prod?.policies.find((p) => p.Arn === 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    const adminDoc = objs(admin?.PolicyVersionList)[0]?.Document;
    expect(adminDoc).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(objs(readOnly?.PolicyVersionList)).toHaveLength(1);
  });

  it('has root users without keys in two accounts and an active root access key in one', () => {
    const base = accounts.slice(0, 3).map((a) => a.report[0]);
    const withKey = base.filter(
      (r) => r?.access_key_1_active === 'true' || r?.access_key_2_active === 'true',
    );
    expect(withKey).toHaveLength(1);
    expect(
      base.filter((r) => r?.access_key_1_active === 'false' && r?.access_key_1_last_rotated === 'N/A'),
    ).toHaveLength(2);
  });

  it('has dormant roles: never used or last used more than 90 days ago', () => {
    const never = allRoles.filter(({ r }) => obj(r.RoleLastUsed).LastUsedDate === undefined);
    const old = allRoles.filter(({ r }) => {
      const d = obj(r.RoleLastUsed).LastUsedDate;
      return typeof d === 'string' && daysAgo(d) > 90;
    });
    expect(never.length).toBeGreaterThanOrEqual(2);
    expect(old.length).toBeGreaterThanOrEqual(2);
    for (const { r } of allRoles) {
      const d = obj(r.RoleLastUsed).LastUsedDate;
      if (typeof d === 'string') expect(Date.parse(d)).toBeGreaterThanOrEqual(Date.parse(str(r.CreateDate)));
    }
  });

  it('keeps every timestamp at or before the reference time, except expiry dates', () => {
    for (const a of accounts) {
      for (const r of a.roles) expect(Date.parse(str(r.CreateDate))).toBeLessThanOrEqual(NOW_MS);
      for (const row of a.report) {
        for (const v of Object.values(row))
          if (/^\d{4}-/.test(v)) expect(Date.parse(v)).toBeLessThanOrEqual(NOW_MS);
      }
    }
  });
});
