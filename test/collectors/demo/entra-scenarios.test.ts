import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../collectors/demo';
import type { JsonObject } from '../../../collectors/demo';
import { DAY_MS, graph, obj, objs, str, strs } from './raw';

const NOW = '2025-11-20T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const MICROSOFT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** Graph permission GUIDs published by Microsoft. */
const GRAPH_ROLES: Record<string, string> = {
  'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
  'AppRoleAssignment.ReadWrite.All': '06b708a9-e830-4db3-a914-8e69da51d44f',
  'RoleManagement.ReadWrite.Directory': '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
  'Sites.Read.All': '332a536c-c7ef-4017-ab91-336970924f0d',
  'Files.Read.All': '01d4889c-1287-42c6-ac1f-5d1e02578ef6',
};

const ROLE_TEMPLATES: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Directory Readers': '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
};

function ms(v: unknown): number {
  return Date.parse(String(v));
}

describe.each([200, 2000])('Entra named scenarios at size %i', (size) => {
  const t = generateDemo({ seed: 99, size, now: NOW });
  const sps = graph(t, 'v1.0/servicePrincipals');
  const apps = graph(t, 'v1.0/applications');
  const spById = new Map(sps.map((sp) => [str(sp.id), sp]));
  const graphSp = sps.find((sp) => sp.appId === GRAPH_APP_ID);
  const onGraph = graphSp ? graph(t, `v1.0/servicePrincipals/${str(graphSp.id)}/appRoleAssignedTo`) : [];
  const roleValue = new Map(objs(graphSp?.appRoles).map((r) => [str(r.id), str(r.value)]));
  const permsOf = (spId: string): string[] =>
    onGraph.filter((a) => a.principalId === spId).map((a) => roleValue.get(str(a.appRoleId)) ?? '?');
  const owners = (appId: string): JsonObject[] => graph(t, `v1.0/applications/${appId}/owners`);

  it('has the Microsoft Graph service principal with its real app role ids and scopes', () => {
    expect(graphSp).toBeDefined();
    expect(graphSp?.appOwnerOrganizationId).toBe(MICROSOFT);
    for (const [value, id] of Object.entries(GRAPH_ROLES)) expect(roleValue.get(id), value).toBe(value);
    const scopes = objs(graphSp?.oauth2PermissionScopes);
    expect(scopes.find((s) => s.value === 'User.Read')?.id).toBe('e1fe6dd8-ba31-4d61-89e7-88639da4683d');
  });

  it('has many Microsoft first-party service principals', () => {
    expect(sps.filter((sp) => sp.appOwnerOrganizationId === MICROSOFT).length).toBeGreaterThanOrEqual(25);
  });

  it('grants high-privilege Graph application permissions to apps', () => {
    const holders = new Set(
      onGraph
        .filter((a) =>
          [
            'Application.ReadWrite.All',
            'AppRoleAssignment.ReadWrite.All',
            'RoleManagement.ReadWrite.Directory',
          ].includes(roleValue.get(str(a.appRoleId)) ?? ''),
        )
        .map((a) => str(a.principalId)),
    );
    expect(holders.size).toBeGreaterThanOrEqual(2);
    for (const id of holders) expect(spById.has(id)).toBe(true);
  });

  it('lists agent identities in beta and in v1.0 servicePrincipals, tied to blueprints, some without sponsors', () => {
    const agents = graph(t, 'beta/servicePrincipals/microsoft.graph.agentIdentity');
    const blueprints = graph(t, 'beta/applications/microsoft.graph.agentIdentityBlueprint');
    const principals = graph(t, 'beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal');
    expect(agents.length).toBeGreaterThanOrEqual(5);
    expect(blueprints.length).toBeGreaterThanOrEqual(2);
    const blueprintAppIds = new Set(blueprints.map((b) => str(b.appId)));
    for (const p of principals) expect(blueprintAppIds.has(str(p.appId))).toBe(true);
    expect(principals.length).toBe(blueprints.length);
    let unsponsored = 0;
    for (const a of agents) {
      expect(a.servicePrincipalType).toBe('ServiceIdentity');
      expect(spById.get(str(a.id))?.servicePrincipalType).toBe('ServiceIdentity');
      expect(blueprintAppIds.has(str(a.agentIdentityBlueprintId))).toBe(true);
      const sponsors = graph(t, `beta/servicePrincipals/${str(a.id)}/microsoft.graph.agentIdentity/sponsors`);
      if (sponsors.length === 0) unsponsored++;
      for (const s of sponsors) expect(str(s.userPrincipalName)).toMatch(/@northwindrobotics\.com$/);
    }
    expect(unsponsored).toBeGreaterThanOrEqual(1);
    expect(unsponsored).toBeLessThan(agents.length);
    for (const b of blueprints)
      expect(
        Array.isArray(
          t.entra[`beta/applications/${str(b.id)}/microsoft.graph.agentIdentityBlueprint/sponsors`]?.value,
        ),
      ).toBe(true);
    // Some agent identities hold Graph permissions of their own.
    expect(agents.some((a) => permsOf(str(a.id)).length > 0)).toBe(true);
  });

  it('has an agent identity holding Application.ReadWrite.All: a path to Global Administrator', () => {
    const agents = graph(t, 'beta/servicePrincipals/microsoft.graph.agentIdentity');
    const holder = agents.find((a) => permsOf(str(a.id)).includes('Application.ReadWrite.All'));
    expect(holder?.displayName).toBe('App Onboarding Agent');
    const blueprint = graph(t, 'beta/applications/microsoft.graph.agentIdentityBlueprint').find(
      (b) => b.appId === holder?.agentIdentityBlueprintId,
    );
    expect(blueprint?.displayName).toBe('Northwind IT Automation Agent Blueprint');
  });

  it('has system- and user-assigned managed identities carrying their Azure resource ids', () => {
    const mis = sps.filter((sp) => sp.servicePrincipalType === 'ManagedIdentity');
    const names = (sp: JsonObject): string[] => strs(sp.alternativeNames);
    const system = mis.filter((sp) => names(sp).includes('isExplicit=False'));
    const user = mis.filter((sp) => names(sp).includes('isExplicit=True'));
    expect(system.length).toBeGreaterThanOrEqual(2);
    expect(user.length).toBeGreaterThanOrEqual(2);
    for (const sp of user)
      expect(
        names(sp).some((n) =>
          /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/.+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\//.test(
            n,
          ),
        ),
      ).toBe(true);
    expect(mis.some((sp) => permsOf(str(sp.id)).length > 0)).toBe(true);
  });

  it('has multi-tenant third-party apps with high privilege, some from verified publishers', () => {
    const third = sps.filter(
      (sp) =>
        sp.servicePrincipalType === 'Application' &&
        sp.appOwnerOrganizationId !== MICROSOFT &&
        sp.appOwnerOrganizationId !== t.info.tenantId,
    );
    expect(third.length).toBeGreaterThanOrEqual(4);
    for (const sp of third) expect(sp.signInAudience).toBe('AzureADMultipleOrgs');
    expect(third.some((sp) => obj(sp.verifiedPublisher).verifiedPublisherId !== null)).toBe(true);
    expect(third.some((sp) => obj(sp.verifiedPublisher).verifiedPublisherId === null)).toBe(true);
    const high = ['Mail.ReadWrite', 'Files.ReadWrite.All', 'Files.Read.All'];
    expect(third.some((sp) => permsOf(str(sp.id)).some((p) => high.includes(p)))).toBe(true);
  });

  it('has expired, never-expiring, three-year and soon-expiring secrets, and certificates', () => {
    const secrets = apps.flatMap((a) => objs(a.passwordCredentials));
    const years = (c: JsonObject): number => (ms(c.endDateTime) - ms(c.startDateTime)) / (365 * DAY_MS);
    expect(secrets.some((c) => ms(c.endDateTime) < NOW_MS)).toBe(true);
    expect(secrets.some((c) => new Date(ms(c.endDateTime)).getUTCFullYear() >= 2299)).toBe(true);
    expect(secrets.some((c) => years(c) >= 2.9 && years(c) < 10)).toBe(true);
    expect(secrets.some((c) => ms(c.endDateTime) > NOW_MS && ms(c.endDateTime) - NOW_MS < 30 * DAY_MS)).toBe(
      true,
    );
    for (const c of secrets) expect(ms(c.endDateTime)).toBeGreaterThan(ms(c.startDateTime));
    expect(apps.some((a) => objs(a.keyCredentials).some((k) => k.type === 'AsymmetricX509Cert'))).toBe(true);
    // A secret on a service principal object, not only on applications.
    expect(sps.some((sp) => objs(sp.passwordCredentials).length > 0)).toBe(true);
  });

  it('has GitHub Actions federated credentials, pinned and wildcard', () => {
    const fics = apps.flatMap((a) => graph(t, `v1.0/applications/${str(a.id)}/federatedIdentityCredentials`));
    const gh = fics.filter((f) => f.issuer === 'https://token.actions.githubusercontent.com');
    expect(gh.some((f) => f.subject === 'repo:northwind/app:ref:refs/heads/main')).toBe(true);
    expect(
      gh.some((f) => str(obj(f.claimsMatchingExpression ?? {}).value ?? '').includes("'repo:northwind/*'")),
    ).toBe(true);
    for (const f of fics) expect(strs(f.audiences)).toEqual(['api://AzureADTokenExchange']);
  });

  it('has ownerless apps, a disabled owner and dormant identities', () => {
    const own = apps.map((a) => owners(str(a.id)));
    expect(own.some((o) => o.length === 0)).toBe(true);
    expect(own.flat().some((o) => o.accountEnabled === false)).toBe(true);
    const signIns = graph(t, 'beta/reports/servicePrincipalSignInActivities');
    const seen = new Set(signIns.map((s) => str(s.appId)));
    const last = (s: JsonObject): number => ms(obj(s.lastSignInActivity).lastSignInDateTime);
    expect(signIns.some((s) => NOW_MS - last(s) > 90 * DAY_MS)).toBe(true);
    expect(apps.some((a) => !seen.has(str(a.appId)))).toBe(true);
    for (const s of signIns) expect(str(s.id)).toBe(Buffer.from(str(s.appId)).toString('base64'));
    expect(graph(t, 'beta/reports/appCredentialSignInActivities').length).toBeGreaterThan(5);
  });

  it('has built-in directory roles with real template ids, active and PIM-eligible assignments to apps', () => {
    const defs = graph(t, 'v1.0/roleManagement/directory/roleDefinitions');
    for (const [name, id] of Object.entries(ROLE_TEMPLATES)) {
      const d = defs.find((x) => x.displayName === name);
      expect(d?.templateId, name).toBe(id);
      expect(typeof d?.isPrivileged).toBe('boolean');
    }
    expect(defs.find((d) => d.displayName === 'Directory Readers')?.isPrivileged).toBe(false);
    const active = graph(t, 'v1.0/roleManagement/directory/roleAssignments');
    const toSp = active.filter((a) => spById.has(str(a.principalId)));
    expect(toSp.some((a) => a.roleDefinitionId === ROLE_TEMPLATES['Global Administrator'])).toBe(true);
    expect(active.some((a) => !spById.has(str(a.principalId)))).toBe(true);
    const eligible = graph(t, 'v1.0/roleManagement/directory/roleEligibilitySchedules');
    expect(
      eligible.some(
        (e) =>
          spById.has(str(e.principalId)) &&
          e.roleDefinitionId === ROLE_TEMPLATES['Privileged Role Administrator'],
      ),
    ).toBe(true);
    const defIds = new Set(defs.map((d) => str(d.id)));
    for (const a of [...active, ...eligible]) expect(defIds.has(str(a.roleDefinitionId))).toBe(true);
  });

  it('has delegated grants with AllPrincipals and Principal consent', () => {
    const grants = graph(t, 'v1.0/oauth2PermissionGrants');
    expect(grants.some((g) => g.consentType === 'AllPrincipals' && g.principalId === null)).toBe(true);
    expect(grants.some((g) => g.consentType === 'Principal' && typeof g.principalId === 'string')).toBe(true);
    for (const g of grants) {
      expect(spById.has(str(g.clientId))).toBe(true);
      expect(spById.has(str(g.resourceId))).toBe(true);
    }
  });
});
