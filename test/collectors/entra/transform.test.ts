import { beforeAll, describe, expect, it } from 'vitest';
import {
  readEntraDir,
  transformEntraImport,
  transformEntraTenant,
  type EntraDirRead,
  type EntraRaw,
} from '../../../collectors/entra';
import { InputError } from '../../../model/errors';
import { inventorySchema, type Grant, type Inventory, type Source } from '../../../model/inventory';
import {
  APPLICATION_ADMINISTRATOR,
  FIXTURE_DIR,
  GRAPH_ROLES,
  GROUP_READ_ALL,
  IDS,
  PRIVILEGED_ROLE_ADMINISTRATOR,
} from './fixture-ids';

const COLLECTED_AT = '2025-06-01T00:00:00Z';
const id = (objectId: string) => `entra:${objectId}`;

let read: EntraDirRead;
let inv: Inventory;

beforeAll(async () => {
  read = await readEntraDir(FIXTURE_DIR);
  inv = transformEntraImport(read, COLLECTED_AT);
});

function identity(objectId: string) {
  const found = inv.identities.find((i) => i.nativeId === objectId);
  if (!found) throw new Error(`no identity ${objectId}`);
  return found;
}

function grantsOf(objectId: string, kind: Grant['kind']) {
  return inv.grants.filter((g) => g.identityId === id(objectId) && g.kind === kind);
}

function coverage(area: string) {
  const row = inv.coverage.find((c) => c.area === `entra:${IDS.tenant}:${area}`);
  if (!row) throw new Error(`no coverage row ${area}`);
  return row;
}

describe('transformEntraTenant on the Contoso fixture', () => {
  it('produces an inventory the model accepts, with one import source for the tenant', () => {
    expect(() => inventorySchema.parse(inv)).not.toThrow();
    expect(inv.sources).toHaveLength(1);
    expect(inv.sources[0]).toMatchObject({
      id: `entra:${IDS.tenant}:import`,
      provider: 'entra',
      method: 'import',
      account: IDS.tenant,
    });
    expect(inv.sources[0]?.inputs).toEqual([FIXTURE_DIR]);
    expect(read.files).toContain(`${FIXTURE_DIR}/v1.0/servicePrincipals.2.json`);
    expect(inv.identities.every((i) => i.account === IDS.tenant && i.id === id(i.nativeId))).toBe(true);
  });

  it('classifies each kind of service principal and application', () => {
    const kinds = Object.fromEntries(
      inv.identities.map((i) => [`${i.attributes.objectType}:${i.nativeId}`, i.kind]),
    );
    expect(kinds).toEqual({
      [`servicePrincipal:${IDS.graphSp}`]: 'entra-service-principal',
      [`servicePrincipal:${IDS.teamsSp}`]: 'entra-service-principal',
      [`servicePrincipal:${IDS.ciSp}`]: 'entra-service-principal',
      [`servicePrincipal:${IDS.miSp}`]: 'entra-managed-identity',
      [`servicePrincipal:${IDS.agentSp}`]: 'entra-agent-identity',
      // Its servicePrincipalType is Application; the cast list says what it is.
      [`servicePrincipal:${IDS.blueprintSp}`]: 'entra-agent-blueprint-principal',
      [`servicePrincipal:${IDS.acmeSp}`]: 'entra-service-principal',
      [`servicePrincipal:${IDS.legacySp}`]: 'entra-service-principal',
      [`application:${IDS.ciApp}`]: 'entra-application',
      [`application:${IDS.hrApp}`]: 'entra-application',
      [`application:${IDS.blueprintApp}`]: 'entra-agent-blueprint',
    });
    expect(identity(IDS.legacySp).attributes.servicePrincipalType).toBe('Legacy');
  });

  it('marks Microsoft first-party and multi-tenant third-party service principals', () => {
    expect(identity(IDS.graphSp).attributes).toMatchObject({ firstParty: true, multiTenant: true });
    expect(identity(IDS.acmeSp).attributes).toMatchObject({
      firstParty: false,
      multiTenant: true,
      appOwnerOrganizationId: IDS.vendorTenant,
      publisherName: 'Acme Corp',
      verifiedPublisher: {
        displayName: 'Acme Corp',
        verifiedPublisherId: '6170324',
        addedDateTime: '2023-05-04T10:11:12.000Z',
      },
    });
    expect(identity(IDS.ciSp).attributes).toMatchObject({ firstParty: false, multiTenant: false });
    expect(identity(IDS.acmeSp).description).toBe('Syncs CRM contacts with Exchange.');
    expect(identity(IDS.ciSp).description).toBe(
      'Deploys infrastructure from GitHub Actions. Owner: platform team.',
    );
  });

  it('links service principals, applications, agent identities and blueprints by stable id', () => {
    expect(identity(IDS.ciSp).attributes).toMatchObject({
      linkedApplicationId: id(IDS.ciApp),
      // two secrets, one certificate, one federated credential on the application
      applicationCredentialCount: 4,
    });
    expect(identity(IDS.ciApp).attributes.linkedServicePrincipalId).toBe(id(IDS.ciSp));
    expect(identity(IDS.agentSp).attributes).toMatchObject({
      agentIdentityBlueprintId: IDS.blueprintAppId,
      linkedBlueprintId: id(IDS.blueprintApp),
      linkedBlueprintPrincipalId: id(IDS.blueprintSp),
    });
    expect(identity(IDS.blueprintSp).attributes.linkedApplicationId).toBe(id(IDS.blueprintApp));
    expect(identity(IDS.hrApp).attributes.linkedServicePrincipalId).toBeUndefined();
  });

  it('keeps managed identity details, tags and dates', () => {
    expect(identity(IDS.miSp).attributes).toMatchObject({
      managedIdentityType: 'user-assigned',
      managedIdentityResourceId: expect.stringContaining('/userAssignedIdentities/id-aoai-summarizer'),
      firstParty: false,
      multiTenant: false,
    });
    expect(identity(IDS.ciSp).tags).toEqual({
      WindowsAzureActiveDirectoryIntegratedApp: 'true',
      'team:platform': 'true',
    });
    expect(identity(IDS.agentSp).tags).toEqual({ finance: 'true' });
    expect(identity(IDS.ciApp).createdAt).toBe('2024-02-11T09:13:40.000Z');
    expect(identity(IDS.ciSp).enabled).toBe(true);
  });

  it('turns secrets and certificates into credentials with the right status, never keeping secret material', () => {
    const creds = Object.fromEntries(inv.credentials.map((c) => [c.nativeId, c]));
    expect(creds[IDS.ciSecretNoExpiry]).toMatchObject({
      id: `${id(IDS.ciApp)}#${IDS.ciSecretNoExpiry}`,
      identityId: id(IDS.ciApp),
      kind: 'client-secret',
      name: 'pipeline secret',
      createdAt: '2024-02-11T09:20:00.123Z',
      status: 'active',
      attributes: { credentialOrigin: 'application' },
    });
    // 9999-12-31 is Graph's "never": no expiry date.
    expect(creds[IDS.ciSecretNoExpiry]?.expiresAt).toBeUndefined();
    expect(creds[IDS.ciSecretExpired]).toMatchObject({
      status: 'expired',
      expiresAt: '2024-08-11T09:20:00.000Z',
    });
    expect(creds[IDS.hrSecret]).toMatchObject({ status: 'active', identityId: id(IDS.hrApp) });
    expect(creds[IDS.ciCert]).toMatchObject({
      kind: 'certificate',
      status: 'active',
      expiresAt: '2026-02-11T00:00:00.000Z',
      attributes: { type: 'AsymmetricX509Cert', usage: 'Verify', credentialOrigin: 'application' },
    });
    // The Legacy SP's X509CertAndPassword signing key is not a sign-in credential.
    expect(creds[IDS.legacySigningKey]).toBeUndefined();
    expect(coverage('credentials').message).toMatch(/1 key credentials/);

    const serialized = JSON.stringify(inv);
    for (const forbidden of ['secretText', '"hint"', 'Zx9', 'q~8', 'aB3', 'Kp2']) {
      expect(serialized).not.toContain(forbidden);
    }
  });

  it('reads federated credentials as credentials and as trusts', () => {
    const fic = inv.credentials.find((c) => c.nativeId === IDS.ciFic);
    expect(fic).toMatchObject({
      kind: 'federated-credential',
      identityId: id(IDS.ciApp),
      name: 'github-prod',
      attributes: {
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'repo:contoso-research/infra:environment:prod',
        audiences: ['api://AzureADTokenExchange'],
      },
    });
    const trust = inv.trusts.find((t) => t.id === `${id(IDS.ciApp)}#fic:${IDS.ciFic}`);
    expect(trust).toMatchObject({
      kind: 'entra-federated-credential',
      principalType: 'oidc-subject',
      principal: 'https://token.actions.githubusercontent.com',
      effect: 'Allow',
      conditions: {
        subject: 'repo:contoso-research/infra:environment:prod',
        audiences: ['api://AzureADTokenExchange'],
      },
    });
    expect(trust?.principalId).toBeUndefined();
    // The blueprint trusts the tenant's own managed identity: the trust names it.
    const blueprintTrust = inv.trusts.find((t) => t.id === `${id(IDS.blueprintApp)}#fic:${IDS.blueprintFic}`);
    expect(blueprintTrust?.principalId).toBe(id(IDS.miSp));
  });

  it('resolves app role permissions from the resource service principal, and says when it cannot', () => {
    const ci = grantsOf(IDS.ciSp, 'entra-app-role');
    expect(ci.map((g) => g.kind === 'entra-app-role' && g.permission)).toEqual([
      'Application.ReadWrite.All',
      GROUP_READ_ALL,
    ]);
    expect(
      ci.find(
        (g) => g.kind === 'entra-app-role' && g.permissionId === GRAPH_ROLES['Application.ReadWrite.All'],
      ),
    ).toMatchObject({
      resourceId: id(IDS.graphSp),
      resourceName: 'Microsoft Graph',
      resourceAppId: '00000003-0000-0000-c000-000000000000',
      resource: 'Microsoft Graph',
      createdAt: '2024-02-11T09:30:00.000Z',
    });
    expect(coverage('appRoleAssignments')).toMatchObject({ status: 'partial', itemCount: 5 });
    expect(coverage('appRoleAssignments').message).toMatch(/1 app role ids not found/);
    expect(coverage('appRoleAssignments').message).toMatch(/1 assignments to users and groups/);

    // Read both from the resource and from the principal: kept once.
    const mi = grantsOf(IDS.miSp, 'entra-app-role');
    expect(mi).toHaveLength(1);
    expect(mi[0]).toMatchObject({ permission: 'Mail.Send' });
    expect(grantsOf(IDS.agentSp, 'entra-app-role')).toEqual([
      expect.objectContaining({ permission: 'default access', resourceName: 'Acme CRM Connector' }),
    ]);
    // The user's Directory.Read.All assignment is not an NHI grant.
    expect(inv.grants.some((g) => g.identityId === id(IDS.eve))).toBe(false);
  });

  it('splits delegated grants into one grant per scope', () => {
    const acme = grantsOf(IDS.acmeSp, 'entra-delegated-scope');
    expect(acme.map((g) => g.kind === 'entra-delegated-scope' && g.permission)).toEqual([
      'User.Read',
      'Mail.Read',
      'Files.ReadWrite.All',
      'offline_access',
    ]);
    expect(
      acme.every(
        (g) => g.kind === 'entra-delegated-scope' && g.consentType === 'AllPrincipals' && !g.principalId,
      ),
    ).toBe(true);
    expect(grantsOf(IDS.ciSp, 'entra-delegated-scope')).toEqual([
      expect.objectContaining({ permission: 'openid', consentType: 'Principal', principalId: IDS.alice }),
      expect.objectContaining({ permission: 'profile', consentType: 'Principal', principalId: IDS.alice }),
    ]);
  });

  it('reads active and eligible directory roles of service principals, with isPrivileged from beta', () => {
    expect(grantsOf(IDS.ciSp, 'entra-directory-role')).toEqual([
      expect.objectContaining({
        roleDefinitionId: PRIVILEGED_ROLE_ADMINISTRATOR,
        roleName: 'Privileged Role Administrator',
        isPrivileged: true,
        isBuiltIn: true,
        directoryScopeId: '/',
        assignment: 'active',
        resource: '/',
      }),
    ]);
    expect(grantsOf(IDS.miSp, 'entra-directory-role')).toEqual([
      expect.objectContaining({
        roleDefinitionId: APPLICATION_ADMINISTRATOR,
        assignment: 'eligible',
        isPrivileged: true,
      }),
    ]);
    // Eve (a user) holds Global Reader: not listed.
    expect(inv.grants.filter((g) => g.kind === 'entra-directory-role')).toHaveLength(2);
    expect(coverage('roleAssignments').status).toBe('complete');
  });

  it('records owners and sponsors on identities and as trusts', () => {
    expect(identity(IDS.ciApp).owners).toEqual([
      {
        nativeId: IDS.alice,
        displayName: 'Alice Nguyen',
        type: 'user',
        principalName: 'alice@contosoresearch.onmicrosoft.com',
        enabled: true,
        relation: 'owner',
      },
      {
        id: id(IDS.acmeSp),
        nativeId: IDS.acmeSp,
        displayName: 'Acme CRM Connector',
        type: 'servicePrincipal',
        enabled: true,
        relation: 'owner',
      },
    ]);
    expect(identity(IDS.blueprintApp).owners.map((o) => [o.relation, o.principalName, o.enabled])).toEqual([
      ['owner', 'carol@contosoresearch.onmicrosoft.com', false],
      ['sponsor', 'bob@contosoresearch.onmicrosoft.com', true],
    ]);
    expect(identity(IDS.agentSp).owners).toEqual([
      expect.objectContaining({ relation: 'sponsor', nativeId: IDS.bob }),
    ]);

    const ownerTrust = inv.trusts.find((t) => t.id === `${id(IDS.ciApp)}#owner:${IDS.acmeSp}`);
    expect(ownerTrust).toMatchObject({
      kind: 'owner',
      principalType: 'servicePrincipal',
      principal: IDS.acmeSp,
      principalId: id(IDS.acmeSp),
      actions: expect.arrayContaining(['addPassword', 'addKey']),
    });
    expect(
      inv.trusts
        .filter((t) => t.kind === 'sponsor')
        .map((t) => t.identityId)
        .sort(),
    ).toEqual([id(IDS.agentSp), id(IDS.blueprintApp), id(IDS.blueprintSp)].sort());
    // The Legacy SP has no owners file.
    expect(coverage('owners')).toMatchObject({ status: 'partial', itemCount: 4 });
    expect(coverage('owners').message).toMatch(/1 of 9/);
    expect(coverage('sponsors')).toMatchObject({ status: 'complete', itemCount: 3 });
  });

  it('reads sign-in activity per service principal and per credential, normalising -8:00 offsets', () => {
    const ci = inv.activities.find((a) => a.id === `${id(IDS.ciSp)}#sp-sign-in-activity`);
    expect(ci).toMatchObject({
      identityId: id(IDS.ciSp),
      source: 'sp-sign-in-activity',
      lastUsedAt: '2025-05-30T10:00:00.000Z',
      attributes: {
        applicationAuthenticationClientSignInActivity: '2025-05-30T10:00:00.000Z',
        delegatedClientSignInActivity: '2025-05-20T09:15:00.000Z',
      },
    });
    // No lastSignInActivity: the latest of the per-type dates.
    expect(inv.activities.find((a) => a.identityId === id(IDS.miSp))?.lastUsedAt).toBe(
      '2025-05-31T23:59:00.000Z',
    );
    expect(coverage('servicePrincipalSignInActivities').message).toMatch(/1 report rows name apps/);

    const certId = `${id(IDS.ciApp)}#${IDS.ciCert}`;
    const certUse = inv.activities.filter((a) => a.credentialId === certId);
    // Two rows (two resources): the latest use, 16:00 at -8:00.
    expect(certUse).toEqual([
      expect.objectContaining({
        source: 'credential-sign-in',
        identityId: id(IDS.ciApp),
        lastUsedAt: '2025-05-30T00:00:00.000Z',
      }),
    ]);
    expect(inv.credentials.find((c) => c.id === certId)?.lastUsedAt).toBe('2025-05-30T00:00:00.000Z');
  });

  it('covers every area, notes the ignored file and says what a missing beta report costs', () => {
    expect(coverage('servicePrincipals')).toMatchObject({ status: 'complete', itemCount: 8 });
    expect(coverage('applications')).toMatchObject({ status: 'complete', itemCount: 3 });
    expect(coverage('roleEligibilitySchedules')).toMatchObject({ status: 'complete', itemCount: 1 });
    expect(coverage('ignored:v1.0/users.json').status).toBe('skipped');

    const raw: Record<string, readonly unknown[]> = { ...read.raw };
    delete raw['beta/reports/servicePrincipalSignInActivities'];
    delete raw['v1.0/roleManagement/directory/roleEligibilitySchedules'];
    const partial = transformEntraTenant(raw, {
      source: inv.sources[0] as Source,
      collectedAt: COLLECTED_AT,
    });
    const row = (area: string) => partial.coverage.find((c) => c.area === `entra:${IDS.tenant}:${area}`);
    expect(row('servicePrincipalSignInActivities')).toMatchObject({
      status: 'skipped',
      itemCount: 0,
      message:
        'beta/reports/servicePrincipalSignInActivities not in the export: sign-in activity unknown (needs Entra ID P1 and AuditLog.Read.All)',
    });
    expect(row('roleEligibilitySchedules')?.status).toBe('skipped');
    expect(partial.activities.some((a) => a.source === 'sp-sign-in-activity')).toBe(false);
    expect(partial.grants.some((g) => g.kind === 'entra-directory-role' && g.assignment === 'eligible')).toBe(
      false,
    );
  });

  it('still classifies agent identities without the beta lists, by servicePrincipalType', () => {
    const raw: Record<string, readonly unknown[]> = { ...read.raw };
    for (const key of Object.keys(raw)) if (key.startsWith('beta/')) delete raw[key];
    const out = transformEntraTenant(raw, { source: inv.sources[0] as Source, collectedAt: COLLECTED_AT });
    const kindOf = (objectId: string) => out.identities.find((i) => i.nativeId === objectId)?.kind;
    expect(kindOf(IDS.agentSp)).toBe('entra-agent-identity');
    // The blueprint application still carries @odata.type in the v1.0 list.
    expect(kindOf(IDS.blueprintApp)).toBe('entra-agent-blueprint');
    // Its principal says servicePrincipalType Application and nothing else: an ordinary SP.
    expect(kindOf(IDS.blueprintSp)).toBe('entra-service-principal');
    expect(out.coverage.find((c) => c.area.endsWith(':agentIdentities'))?.status).toBe('skipped');
    expect(out.coverage.find((c) => c.area.endsWith(':sponsors'))?.status).toBe('skipped');
  });

  it('gives the same ids when transformed again (stable across scans)', () => {
    const again = transformEntraImport(read, '2025-07-01T00:00:00Z');
    const ids = (i: Inventory) =>
      [i.identities, i.credentials, i.grants, i.trusts, i.activities].map((rows) => rows.map((r) => r.id));
    expect(ids(again)).toEqual(ids(inv));
    // A month later the blueprint secret (ends 2025-09-28) is still active; in October it is not.
    const october = transformEntraImport(read, '2025-10-01T00:00:00Z');
    expect(october.credentials.find((c) => c.nativeId === IDS.blueprintSecret)?.status).toBe('expired');
  });

  it('rejects raw data without the required endpoints or the tenant id', () => {
    const raw: Record<string, readonly unknown[]> = { ...read.raw };
    delete raw['v1.0/applications'];
    const source = inv.sources[0] as Source;
    expect(() => transformEntraTenant(raw, { source, collectedAt: COLLECTED_AT })).toThrow(InputError);
    expect(() => transformEntraTenant(raw, { source, collectedAt: COLLECTED_AT })).toThrow(
      /v1\.0\/applications/,
    );
    const noOrg: EntraRaw = { ...read.raw, 'v1.0/organization': [] };
    expect(() => transformEntraTenant(noOrg, { source, collectedAt: COLLECTED_AT })).toThrow(
      /tenant id is unknown/,
    );
    const badItem: EntraRaw = {
      ...read.raw,
      'v1.0/oauth2PermissionGrants': [{ id: 'x', clientId: 7, resourceId: 'y' }],
    };
    expect(() => transformEntraTenant(badItem, { source, collectedAt: COLLECTED_AT })).toThrow(
      'v1.0/oauth2PermissionGrants: value[0].clientId: expected string, received number',
    );
  });
});
