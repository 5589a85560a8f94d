import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngagement } from '../../db';
import type { EngagementDb } from '../../db';
import { apiNames } from '../../model/api-transport';
import { UsageError } from '../../model/errors';
import type { Credential, Grant, Identity, Inventory } from '../../model/inventory';
import { EngagementBackend, noEngagementApi } from '../../electron/main/engagement-backend';

const ACCOUNT = '123456789012';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const HOSTILE = '<img src=x onerror=alert(1)> Payroll sync';

function awsIdentity(kind: 'aws-role' | 'aws-user', name: string, createdAt: string): Identity {
  const arn = `arn:aws:iam::${ACCOUNT}:${kind === 'aws-role' ? 'role' : 'user'}/${name}`;
  return {
    id: `aws:${arn}`,
    provider: 'aws',
    kind,
    nativeId: arn,
    name,
    account: ACCOUNT,
    createdAt,
    enabled: true,
    tags: {},
    owners: [],
    attributes: {},
  };
}

function entraIdentity(
  kind: 'entra-service-principal' | 'entra-agent-identity',
  objectId: string,
  name: string,
  extra: Partial<Identity> = {},
): Identity {
  return {
    id: `entra:${objectId}`,
    provider: 'entra',
    kind,
    nativeId: objectId,
    name,
    account: TENANT,
    enabled: true,
    tags: {},
    owners: [],
    attributes: {},
    ...extra,
  };
}

const role = awsIdentity('aws-role', 'BedrockAgentExecution', '2024-03-11T09:14:02.000Z');
const user = awsIdentity('aws-user', 'ci-deployer', '2021-06-01T12:00:00.000Z');
const sp = entraIdentity('entra-service-principal', 'a1b2c3d4-1111-4222-8333-944455566677', HOSTILE, {
  owners: [
    {
      nativeId: 'f0e1d2c3-0000-4000-8000-000000000001',
      type: 'user',
      relation: 'owner',
      principalName: 'it-admin@contoso.com',
    },
  ],
});
const agent = entraIdentity('entra-agent-identity', 'b2c3d4e5-2222-4333-8444-955566677788', 'agent-7f3a', {
  displayName: 'Contoso Helpdesk Agent',
});

function accessKey(identity: Identity, keyId: string): Credential {
  return {
    id: `${identity.id}:access-key:${keyId}`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'access-key',
    nativeId: keyId,
    createdAt: '2023-01-05T10:00:00.000Z',
    status: 'active',
    attributes: {},
  };
}

function statement(identity: Identity, index: number, action: string): Grant {
  return {
    id: `${identity.id}:inline:agent-policy:${index}`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'aws-policy-statement',
    policyType: 'inline',
    policyName: 'agent-policy',
    statementIndex: index,
    statement: { Effect: 'Allow', Action: action, Resource: '*' },
    resource: '*',
  };
}

function inventory(identities: Identity[], credentials: Credential[], grants: Grant[]): Inventory {
  return {
    sources: [
      {
        id: `aws:${ACCOUNT}:import`,
        provider: 'aws',
        method: 'import',
        account: ACCOUNT,
        label: 'AWS',
        inputs: [],
      },
    ],
    coverage: [],
    identities,
    credentials,
    grants,
    trusts: [],
    activities: [],
    workloads: [],
  };
}

const firstScan = inventory(
  [role, user, sp, agent],
  [
    accessKey(user, 'AKIAIOSFODNN7EXAMPLE'),
    accessKey(user, 'AKIAI44QH8DHBEXAMPLE'),
    {
      id: `${sp.id}:client-secret:9c1f`,
      identityId: sp.id,
      provider: 'entra',
      kind: 'client-secret',
      nativeId: '9c1f0d1e-3333-4444-8555-666677778888',
      expiresAt: '2026-01-01T00:00:00.000Z',
      status: 'active',
      attributes: {},
    },
  ],
  [
    statement(role, 0, 'bedrock:InvokeModel'),
    statement(role, 1, 's3:GetObject'),
    {
      id: `${user.id}:managed:AdministratorAccess`,
      identityId: user.id,
      provider: 'aws',
      kind: 'aws-managed-policy-ref',
      policyName: 'AdministratorAccess',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      resource: '*',
    },
    {
      id: `${sp.id}:app-role:Directory.ReadWrite.All`,
      identityId: sp.id,
      provider: 'entra',
      kind: 'entra-app-role',
      resourceId: 'entra:5c5d3a3b-0f4c-4a1b-9d6e-2a1f3b4c5d6e',
      resourceName: 'Microsoft Graph',
      permissionId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
      permission: 'Directory.ReadWrite.All',
      resource: 'Microsoft Graph',
    },
  ],
);

let dir: string;
let db: EngagementDb;
let backend: EngagementBackend;

beforeEach(() => {
  dir = mkdtempSync(nodePath.join(tmpdir(), 'aa-backend-'));
  db = openEngagement(nodePath.join(dir, 'contoso.anchor'), { create: true, clientName: 'Contoso' });
  backend = new EngagementBackend(db);
});

afterEach(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

function store(inv: Inventory, label: string): number {
  return db.storeScan({
    label,
    method: 'import',
    startedAt: '2025-01-10T09:00:00.000Z',
    finishedAt: '2025-01-10T09:00:04.000Z',
    inventory: inv,
    actor: 'test',
  });
}

describe('EngagementBackend', () => {
  it('summarises an empty engagement and lists nothing', async () => {
    const summary = await backend.getSummary();
    expect(summary).toMatchObject({
      file: nodePath.join(dir, 'contoso.anchor'),
      clientName: 'Contoso',
      scans: [],
    });
    expect(summary.latestScanId).toBeUndefined();
    expect(summary.counts.identities).toBe(0);
    await expect(backend.listIdentities()).resolves.toEqual({ total: 0, rows: [] });
  });

  it('summarises the latest scan', async () => {
    store(firstScan, 'January import');
    const second = store(inventory([role], [], []), 'February import');
    const summary = await backend.getSummary();
    expect(summary.scans.map((scan) => scan.label)).toEqual(['January import', 'February import']);
    expect(summary.latestScanId).toBe(second);
    expect(summary.counts).toMatchObject({ identities: 1, credentials: 0, grants: 0 });
  });

  it('lists compact rows with credential, grant and owner counts, ordered by name', async () => {
    store(firstScan, 'January import');
    const page = await backend.listIdentities();
    expect(page.total).toBe(4);
    expect(page.rows.map((row) => row.name)).toEqual([
      HOSTILE,
      'agent-7f3a',
      'BedrockAgentExecution',
      'ci-deployer',
    ]);
    const byName = new Map(page.rows.map((row) => [row.name, row]));
    expect(byName.get('ci-deployer')).toEqual({
      id: user.id,
      provider: 'aws',
      kind: 'aws-user',
      name: 'ci-deployer',
      account: ACCOUNT,
      createdAt: '2021-06-01T12:00:00.000Z',
      credentialCount: 2,
      grantCount: 1,
      ownerCount: 0,
    });
    expect(byName.get('BedrockAgentExecution')).toMatchObject({ credentialCount: 0, grantCount: 2 });
    expect(byName.get(HOSTILE)).toMatchObject({ credentialCount: 1, grantCount: 1, ownerCount: 1 });
    expect(byName.get('agent-7f3a')).not.toHaveProperty('createdAt');
  });

  it('filters by provider and kind, searches name, display name, ARN and account, and pages', async () => {
    store(firstScan, 'January import');
    const names = async (args: Parameters<EngagementBackend['listIdentities']>[0]) =>
      (await backend.listIdentities(args)).rows.map((row) => row.name);
    expect(await names({ provider: 'aws' })).toEqual(['BedrockAgentExecution', 'ci-deployer']);
    expect(await names({ kind: 'entra-agent-identity' })).toEqual(['agent-7f3a']);
    expect(await names({ search: 'HELPDESK' })).toEqual(['agent-7f3a']);
    expect(await names({ search: ':user/ci-' })).toEqual(['ci-deployer']);
    expect(await names({ search: '  onerror  ' })).toEqual([HOSTILE]);
    expect(await names({ search: TENANT, provider: 'entra' })).toEqual([HOSTILE, 'agent-7f3a']);
    expect(await names({ search: 'no such identity' })).toEqual([]);
    const page = await backend.listIdentities({ offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((row) => row.name)).toEqual(['agent-7f3a', 'BedrockAgentExecution']);
    expect((await backend.listIdentities({ offset: 10 })).rows).toEqual([]);
  });

  it('reads an older scan when asked, and refuses an unknown scan id', async () => {
    const first = store(firstScan, 'January import');
    store(inventory([role], [], []), 'February import');
    expect((await backend.listIdentities()).total).toBe(1);
    expect((await backend.listIdentities({ scanId: first })).total).toBe(4);
    await expect(backend.listIdentities({ scanId: 99 })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('noEngagementApi', () => {
  it('answers every call with how to open an engagement', async () => {
    const api = noEngagementApi();
    expect(Object.keys(api).sort()).toEqual([...apiNames].sort());
    await expect(api.getSummary()).rejects.toThrow('No engagement file is open');
    await expect(api.listIdentities({})).rejects.toBeInstanceOf(UsageError);
  });
});
