/**
 * The named Entra scenarios: over-privileged and ownerless apps, credential hygiene cases,
 * GitHub federated credentials, consented third-party apps, managed identities, agent identities
 * with and without sponsors, directory roles (active and PIM eligible) and delegated grants.
 */
import { GITHUB_ORG } from '../company';
import type { TenantBuilder } from './tenant-builder';

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export const ROLE = {
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdmin: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  applicationAdmin: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdmin: '158c047a-c907-4556-b7ef-446551a6b5f7',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  agentIdAdmin: 'db506228-d27e-4b7d-95e5-295956d6615f',
} as const;

export function addEntraScenarios(t: TenantBuilder): void {
  const { rng } = t;
  const itAdmin = t.newPerson();
  const platformLead = t.newPerson();
  const securityLead = t.newPerson();
  const formerEngineer = t.newPerson(false);
  const aiLead = t.newPerson();
  const salesOps = t.newPerson();

  // Human admins hold directory roles too; their ids are users, not service principals.
  const breakGlass = [t.newPerson(), t.newPerson()];
  for (const p of breakGlass) t.assignDirectoryRole(p.id, ROLE.globalAdmin, { daysAgo: 2000 });
  t.assignDirectoryRole(itAdmin.id, ROLE.applicationAdmin, { daysAgo: 700 });
  t.assignDirectoryRole(aiLead.id, ROLE.agentIdAdmin, { daysAgo: 90, eligible: true, expiresInDays: 275 });

  const customRoleId = rng.guid();
  t.addRoleDefinitions([
    {
      id: customRoleId,
      displayName: 'Northwind App Credential Rotator',
      description: 'Rotates client secrets and certificates of line-of-business applications.',
      actions: [
        'microsoft.directory/applications/credentials/update',
        'microsoft.directory/servicePrincipals/credentials/update',
      ],
    },
  ]);

  // Over-privileged, never-expiring secret, owned only by someone who left.
  const dirSync = t.addApp({
    displayName: 'Northwind Directory Sync',
    description: 'Synchronises HR records into Entra ID',
    createdDaysAgo: 1460,
    secrets: [{ displayName: 'sync-prod', startDaysAgo: 1400, expires: 'year-2299', lastUsedDaysAgo: 0 }],
    owners: [formerEngineer],
    appRoles: [
      { resource: 'graph', value: 'Application.ReadWrite.All', daysAgo: 1400 },
      { resource: 'graph', value: 'Directory.ReadWrite.All', daysAgo: 1400 },
    ],
    signIn: { appDaysAgo: 0 },
  });
  t.assignDirectoryRole(dirSync.spId, customRoleId, { daysAgo: 600 });

  // Ownerless automation that can grant itself anything, PIM-eligible for Privileged Role Administrator.
  const provisioning = t.addApp({
    displayName: 'Northwind Provisioning Automation',
    description: 'Assigns app roles and directory roles for onboarding workflows',
    createdDaysAgo: 900,
    certs: [
      {
        displayName: 'automation-cert',
        subject: 'CN=provisioning.northwindrobotics.com',
        startDaysAgo: 165,
        expires: 200,
        lastUsedDaysAgo: 2,
      },
    ],
    owners: [],
    appRoles: [
      { resource: 'graph', value: 'AppRoleAssignment.ReadWrite.All', daysAgo: 880 },
      { resource: 'graph', value: 'RoleManagement.ReadWrite.Directory', daysAgo: 880 },
    ],
    signIn: { appDaysAgo: 2 },
  });
  t.assignDirectoryRole(provisioning.spId, ROLE.privilegedRoleAdmin, { daysAgo: 300, eligible: true });

  // An LLM helpdesk bot with mail access and a mix of secrets.
  t.addApp({
    displayName: 'Helpdesk Copilot Bot',
    description: 'Teams bot that answers IT questions with Azure OpenAI',
    createdDaysAgo: 400,
    secrets: [
      { displayName: 'bot-3y', startDaysAgo: 100, expires: 995, lastUsedDaysAgo: 0 },
      { displayName: 'bot-rotation', startDaysAgo: 350, expires: 12, lastUsedDaysAgo: 101 },
    ],
    owners: [itAdmin, aiLead],
    appRoles: [
      { resource: 'graph', value: 'Mail.Read', daysAgo: 390 },
      { resource: 'graph', value: 'User.Read.All', daysAgo: 390 },
    ],
    grants: [{ consentType: 'AllPrincipals', scope: 'User.Read openid profile offline_access' }],
    signIn: { appDaysAgo: 0, delegatedDaysAgo: 1 },
  });

  // A well-scoped API: certificate only, Sites.Selected, federated credential pinned to main.
  const telemetryApi = t.addApp({
    displayName: 'Fleet Telemetry API',
    description: 'Robot telemetry API used by dashboards and agents',
    createdDaysAgo: 800,
    certs: [
      {
        displayName: 'telemetry-api',
        subject: 'CN=telemetry-api.northwindrobotics.com',
        startDaysAgo: 120,
        expires: 245,
        lastUsedDaysAgo: 0,
      },
    ],
    fics: [
      {
        name: 'github-fleet-api-main',
        issuer: GITHUB_ISSUER,
        subject: `repo:${GITHUB_ORG}/fleet-api:ref:refs/heads/main`,
        description: 'Deploys from the main branch of fleet-api',
      },
    ],
    owners: [platformLead],
    appRoles: [{ resource: 'graph', value: 'Sites.Selected', daysAgo: 700 }],
    exposes: ['Telemetry.Read.All', 'Telemetry.Write.All'],
    signIn: { appDaysAgo: 0 },
  });
  const telemetry = telemetryApi.resource;
  if (!telemetry) throw new Error('demo: telemetry API must expose app roles');

  // CI deployments through GitHub Actions: pinned, environment, and a wildcard claims expression.
  const deploy = t.addApp({
    displayName: 'Northwind Deploy (GitHub Actions)',
    description: 'Federated identity for GitHub Actions deployments',
    createdDaysAgo: 500,
    fics: [
      { name: 'app-main', issuer: GITHUB_ISSUER, subject: `repo:${GITHUB_ORG}/app:ref:refs/heads/main` },
      {
        name: 'infra-production',
        issuer: GITHUB_ISSUER,
        subject: `repo:${GITHUB_ORG}/infra:environment:production`,
      },
      {
        name: 'any-northwind-repo',
        issuer: GITHUB_ISSUER,
        subject: null,
        claimsMatching: `claims['sub'] matches 'repo:${GITHUB_ORG}/*'`,
        description: 'Temporary: any repository in the organization',
      },
    ],
    owners: [platformLead],
    appRoles: [{ resource: 'graph', value: 'Application.ReadWrite.OwnedBy', daysAgo: 480 }],
    signIn: { appDaysAgo: 0 },
  });
  t.assignDirectoryRole(deploy.spId, ROLE.applicationAdmin, {
    scope: `/${telemetryApi.appObjectId}`,
    daysAgo: 450,
  });

  // Dormant connector with an expired secret and user write access.
  t.addApp({
    displayName: 'Legacy HR Connector',
    description: 'Previous HR system integration (replaced by Directory Sync)',
    createdDaysAgo: 2100,
    secrets: [{ displayName: 'hr-connector', startDaysAgo: 930, expires: -200, lastUsedDaysAgo: 240 }],
    owners: [securityLead],
    appRoles: [{ resource: 'graph', value: 'User.ReadWrite.All', daysAgo: 2000 }],
    signIn: { appDaysAgo: 240 },
  });

  // Delegated access: tenant-wide consent plus one user's own consent.
  t.addApp({
    displayName: 'Sales Insights Dashboard',
    description: 'Power BI embedded dashboard for the sales team',
    createdDaysAgo: 650,
    secrets: [{ displayName: 'dashboard', startDaysAgo: 200, expires: 165, lastUsedDaysAgo: 3 }],
    owners: [salesOps],
    grants: [
      { consentType: 'AllPrincipals', scope: 'User.Read Files.Read.All Sites.Read.All offline_access' },
      { consentType: 'Principal', scope: ' Mail.Read Calendars.Read ', principal: salesOps },
    ],
    signIn: { delegatedDaysAgo: 3 },
  });

  // A home-grown RAG agent registered as a plain app, with broad content access.
  t.addApp({
    displayName: 'Northwind Knowledge Agent',
    description: 'Retrieval-augmented assistant over SharePoint, OneDrive and Teams (Azure OpenAI)',
    createdDaysAgo: 240,
    secrets: [{ displayName: 'agent-secret', startDaysAgo: 356, expires: 9, lastUsedDaysAgo: 0 }],
    owners: [aiLead],
    appRoles: [
      { resource: 'graph', value: 'Files.Read.All', daysAgo: 230 },
      { resource: 'graph', value: 'Sites.Read.All', daysAgo: 230 },
      { resource: 'graph', value: 'Chat.Read.All', daysAgo: 200 },
      { resource: 'graph', value: 'ChannelMessage.Read.All', daysAgo: 200 },
    ],
    signIn: { appDaysAgo: 0 },
  });

  // Global Administrator on an app, with a secret added to the service principal itself.
  const secAuto = t.addApp({
    displayName: 'Security Automation Runner',
    description: 'Runs containment playbooks',
    createdDaysAgo: 1100,
    secrets: [{ displayName: 'runner', startDaysAgo: 300, expires: 430, lastUsedDaysAgo: 1 }],
    spSecrets: [{ displayName: 'sp-fallback', startDaysAgo: 700, expires: 'year-9999', lastUsedDaysAgo: 35 }],
    owners: [
      {
        kind: 'servicePrincipal',
        id: provisioning.spId,
        appId: provisioning.appId,
        displayName: provisioning.displayName,
      },
    ],
    appRoles: [{ resource: 'graph', value: 'SecurityEvents.Read.All', daysAgo: 1000 }],
    signIn: { appDaysAgo: 1 },
  });
  t.assignDirectoryRole(secAuto.spId, ROLE.globalAdmin, { daysAgo: 1000 });

  // Reporting job with an expired certificate that never signed in.
  const intune = t.addApp({
    displayName: 'Intune Reporting Job',
    description: 'Nightly device compliance export',
    createdDaysAgo: 560,
    certs: [{ displayName: 'reporting', subject: 'CN=intune-reporting', startDaysAgo: 380, expires: -15 }],
    owners: [itAdmin],
    appRoles: [{ resource: 'graph', value: 'DeviceManagementManagedDevices.Read.All', daysAgo: 550 }],
  });
  t.assignDirectoryRole(intune.spId, ROLE.directoryReaders, { daysAgo: 550 });

  // Third-party multi-tenant apps with high privilege.
  t.addThirdParty({
    displayName: 'Contoso Mail Archiver',
    publisher: 'Contoso Ltd',
    publisherTenantId: rng.guid(),
    verified: true,
    createdDaysAgo: 1300,
    appRoles: [
      { resource: 'exchange', value: 'full_access_as_app', daysAgo: 1300 },
      { resource: 'graph', value: 'Mail.ReadWrite', daysAgo: 1300 },
    ],
    signIn: { appDaysAgo: 0 },
    homepage: 'https://archiver.contoso.com',
  });
  t.addThirdParty({
    displayName: 'Fabrikam Meeting Notes AI',
    publisher: 'Fabrikam',
    publisherTenantId: rng.guid(),
    verified: false,
    createdDaysAgo: 150,
    appRoles: [{ resource: 'graph', value: 'Files.Read.All', daysAgo: 150 }],
    grants: [
      {
        consentType: 'AllPrincipals',
        scope: 'openid profile offline_access Calendars.Read Mail.Read Chat.Read',
      },
    ],
    signIn: { delegatedDaysAgo: 0, appDaysAgo: 1 },
    homepage: 'https://notes.fabrikam.ai',
  });
  t.addThirdParty({
    displayName: 'Tailspin Backup Cloud',
    publisher: 'Tailspin Toys',
    publisherTenantId: rng.guid(),
    verified: true,
    createdDaysAgo: 700,
    appRoles: [
      { resource: 'sharepoint', value: 'Sites.FullControl.All', daysAgo: 700 },
      { resource: 'graph', value: 'Files.ReadWrite.All', daysAgo: 700 },
    ],
    signIn: { appDaysAgo: 1 },
    homepage: 'https://backup.tailspintoys.com',
  });
  t.addThirdParty({
    displayName: 'Litware Expense Sync',
    publisher: 'Litware Inc',
    publisherTenantId: rng.guid(),
    verified: true,
    createdDaysAgo: 1000,
    appRoles: [{ resource: 'graph', value: 'User.Read.All', daysAgo: 1000 }],
    signIn: { appDaysAgo: 400 },
    homepage: 'https://expense.litware.com',
  });

  // Managed identities, system- and user-assigned.
  const subProd = rng.guid();
  const subShared = rng.guid();
  t.addManagedIdentity({
    name: 'nw-func-orders-prod',
    resourceId: `/subscriptions/${subProd}/resourcegroups/rg-orders-prod/providers/Microsoft.Web/sites/nw-func-orders-prod`,
    userAssigned: false,
    createdDaysAgo: 500,
    signIn: { appDaysAgo: 0 },
  });
  t.addManagedIdentity({
    name: 'nw-vm-buildagent-01',
    resourceId: `/subscriptions/${subShared}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/nw-vm-buildagent-01`,
    userAssigned: false,
    createdDaysAgo: 1300,
  });
  const fleetAgentMi = t.addManagedIdentity({
    name: 'id-fleet-agent-prod',
    resourceId: `/subscriptions/${subProd}/resourceGroups/rg-ai-agents/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fleet-agent-prod`,
    userAssigned: true,
    createdDaysAgo: 120,
    appRoles: [
      { resource: 'graph', value: 'Mail.Send', daysAgo: 110 },
      { resource: 'graph', value: 'User.Read.All', daysAgo: 110 },
      { resource: telemetry, value: 'Telemetry.Read.All', daysAgo: 110 },
    ],
    signIn: { appDaysAgo: 0 },
  });
  t.addManagedIdentity({
    name: 'id-data-pipeline',
    resourceId: `/subscriptions/${subShared}/resourceGroups/rg-data/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-data-pipeline`,
    userAssigned: true,
    createdDaysAgo: 610,
    appRoles: [{ resource: 'graph', value: 'Files.Read.All', daysAgo: 600 }],
    signIn: { appDaysAgo: 10 },
  });

  // Agent identities from two blueprints; some without a sponsor.
  const serviceDesk = t.addBlueprint({
    displayName: 'Northwind Service Desk Agent Blueprint',
    description: 'Blueprint for IT service desk agents built in Copilot Studio',
    createdDaysAgo: 110,
    owners: [aiLead],
    sponsors: [aiLead, itAdmin],
    fics: [
      {
        name: 'fleet-agent-mi',
        issuer: `https://login.microsoftonline.com/${t.tenantId}/v2.0`,
        subject: fleetAgentMi.spId,
        description: 'Managed identity of the agent host',
      },
    ],
    appRoles: [{ resource: 'graph', value: 'User.Read.All', daysAgo: 100 }],
    signIn: { appDaysAgo: 0 },
  });
  t.assignDirectoryRole(serviceDesk.principalId, ROLE.directoryReaders, { daysAgo: 100 });
  t.addAgentIdentity({
    displayName: 'Service Desk Agent - EMEA',
    blueprintAppId: serviceDesk.appId,
    createdDaysAgo: 100,
    enabled: true,
    sponsors: [itAdmin],
    appRoles: [
      { resource: 'graph', value: 'Mail.Send', daysAgo: 95 },
      { resource: 'graph', value: 'User.Read.All', daysAgo: 95 },
    ],
  });
  t.addAgentIdentity({
    displayName: 'Service Desk Agent - Americas',
    blueprintAppId: serviceDesk.appId,
    createdDaysAgo: 80,
    enabled: true,
    sponsors: [aiLead],
  });
  t.addAgentIdentity({
    displayName: 'Service Desk Agent - Pilot',
    blueprintAppId: serviceDesk.appId,
    createdDaysAgo: 108,
    enabled: false,
    sponsors: [],
  });
  const procurement = t.addBlueprint({
    displayName: 'Northwind Procurement Agent Blueprint',
    description: 'Blueprint for procurement agents (Azure AI Foundry)',
    createdDaysAgo: 45,
    owners: [],
    sponsors: [salesOps],
    secrets: [{ displayName: 'blueprint-secret', startDaysAgo: 40, expires: 690, lastUsedDaysAgo: 0 }],
    signIn: { appDaysAgo: 0 },
  });
  t.addAgentIdentity({
    displayName: 'Procurement Negotiator Agent',
    blueprintAppId: procurement.appId,
    createdDaysAgo: 40,
    enabled: true,
    sponsors: [],
    appRoles: [
      { resource: 'graph', value: 'Mail.Read', daysAgo: 38 },
      { resource: 'graph', value: 'Files.Read.All', daysAgo: 38 },
    ],
  });
  t.addAgentIdentity({
    displayName: 'Invoice Intake Agent',
    blueprintAppId: procurement.appId,
    createdDaysAgo: 30,
    enabled: true,
    sponsors: [salesOps, securityLead],
  });

  // An IT automation agent granted Application.ReadWrite.All "to register apps for new hires": it can
  // add a secret to any app, including one that holds a path to Global Administrator. Its own stream
  // keeps the rest of the tenant as it was.
  t.withStream('scenario:over-privileged-agent', () => {
    const itAutomation = t.addBlueprint({
      displayName: 'Northwind IT Automation Agent Blueprint',
      description: 'Blueprint for IT onboarding agents (Azure AI Foundry)',
      createdDaysAgo: 160,
      owners: [itAdmin],
      sponsors: [itAdmin],
      secrets: [{ displayName: 'foundry-runtime', startDaysAgo: 150, expires: 215, lastUsedDaysAgo: 0 }],
      signIn: { appDaysAgo: 0 },
    });
    t.addAgentIdentity({
      displayName: 'App Onboarding Agent',
      blueprintAppId: itAutomation.appId,
      createdDaysAgo: 150,
      enabled: true,
      sponsors: [itAdmin],
      appRoles: [
        { resource: 'graph', value: 'Application.ReadWrite.All', daysAgo: 140 },
        { resource: 'graph', value: 'User.Read.All', daysAgo: 140 },
      ],
    });
  });
}
