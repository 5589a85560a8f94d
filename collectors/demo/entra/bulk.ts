/**
 * Bulk Entra objects up to the size target: line-of-business app registrations, managed
 * identities, consented SaaS apps and agent identities (with a blueprint every few agents).
 */
import { ENVIRONMENTS, GITHUB_ORG, REPOS, SAAS_PRODUCTS, SERVICES, SUPPLIERS, UNITS } from '../company';
import type { Rng } from '../random';
import type {
  AppRoleSpec,
  CertSpec,
  FicSpec,
  GrantSpec,
  Person,
  SecretSpec,
  SignInSpec,
  TenantBuilder,
} from './tenant-builder';
import { ROLE } from './scenarios';

type Kind = 'app' | 'managed-identity' | 'third-party' | 'agent';

const KINDS: readonly (readonly [number, Kind])[] = [
  [50, 'app'],
  [20, 'managed-identity'],
  [10, 'third-party'],
  [8, 'agent'],
];

const LOW_ROLES = [
  'User.Read.All',
  'User.ReadBasic.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Directory.Read.All',
  'Sites.Selected',
  'Calendars.Read',
  'Reports.Read.All',
  'Organization.Read.All',
  'Device.Read.All',
  'Team.ReadBasic.All',
  'Mail.Send',
  'Files.Read.All',
  'Sites.Read.All',
  'AuditLog.Read.All',
] as const;

const HIGH_ROLES = [
  'Application.ReadWrite.All',
  'Directory.ReadWrite.All',
  'Mail.ReadWrite',
  'Mail.Read',
  'Sites.FullControl.All',
  'Sites.ReadWrite.All',
  'Files.ReadWrite.All',
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
  'RoleManagement.ReadWrite.Directory',
  'AppRoleAssignment.ReadWrite.All',
  'Chat.Read.All',
] as const;

const DELEGATED = [
  'User.Read',
  'openid profile User.Read',
  'openid profile offline_access User.Read',
  'User.Read Mail.Read',
  'User.Read Calendars.Read',
  'User.Read Files.Read.All',
  'openid profile email User.ReadBasic.All',
  'User.Read Sites.Read.All Files.ReadWrite.All',
  'Directory.AccessAsUser.All',
] as const;

const AZURE_RESOURCE_TYPES = [
  ['Microsoft.Web/sites', 'func'],
  ['Microsoft.Web/sites', 'app'],
  ['Microsoft.Compute/virtualMachines', 'vm'],
  ['Microsoft.Logic/workflows', 'logic'],
  ['Microsoft.DataFactory/factories', 'adf'],
  ['Microsoft.Automation/automationAccounts', 'aa'],
  ['Microsoft.CognitiveServices/accounts', 'aif'],
  ['Microsoft.App/containerApps', 'ca'],
] as const;

const AGENT_ROLES = [
  'Mail.Send',
  'User.Read.All',
  'Files.Read.All',
  'Sites.Read.All',
  'Chat.Read.All',
  'Calendars.Read',
] as const;

function title(s: string): string {
  return s
    .split('-')
    .map((w) => (w.length <= 3 && w !== 'api' ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

export function fillTenant(t: TenantBuilder, target: number): void {
  const b = new EntraBulk(t);
  while (t.identityCount < target) b.add(t.rng.weighted(KINDS));
}

class EntraBulk {
  private readonly rng: Rng;
  private readonly subscriptions: string[];
  private blueprint: { appId: string; left: number; n: number } | undefined;
  private readonly names = new Set<string>();

  constructor(private readonly t: TenantBuilder) {
    this.rng = t.rng;
    this.subscriptions = [this.rng.guid(), this.rng.guid(), this.rng.guid(), this.rng.guid()];
  }

  add(kind: Kind): void {
    if (kind === 'app') this.app();
    else if (kind === 'managed-identity') this.managedIdentity();
    else if (kind === 'third-party') this.thirdParty();
    else this.agent();
  }

  private unique(name: string): string {
    let n = name;
    for (let i = 2; this.names.has(n); i++) n = `${name} ${i}`;
    this.names.add(n);
    return n;
  }

  private signIn(): { spec: SignInSpec | undefined; days: number | undefined } {
    const days = this.rng.weighted<number | undefined>([
      [55, this.rng.int(0, 30)],
      [15, this.rng.int(31, 90)],
      [20, this.rng.int(91, 800)],
      [10, undefined],
    ]);
    return { spec: days === undefined ? undefined : { appDaysAgo: days }, days };
  }

  private secret(appAge: number, usedDays: number | undefined): SecretSpec {
    const r = this.rng;
    const shape = r.weighted([
      [45, 'valid'],
      [15, 'expired'],
      [8, 'long'],
      [4, 'never'],
      [1, 'never-9999'],
      [7, 'soon'],
    ] as const);
    let start: number;
    let expires: SecretSpec['expires'];
    if (shape === 'valid') {
      start = r.int(5, Math.min(700, appAge));
      expires = r.int(30, 730 - Math.min(start, 700) + 30);
    } else if (shape === 'expired') {
      start = r.int(Math.min(appAge, 400), Math.max(Math.min(appAge, 400), Math.min(appAge, 1500)));
      expires = -r.int(1, Math.max(1, start - 30));
    } else if (shape === 'long') {
      start = r.int(5, Math.min(300, appAge));
      expires = r.int(900, 1100);
    } else if (shape === 'soon') {
      start = r.int(Math.min(300, appAge), Math.max(Math.min(300, appAge), Math.min(700, appAge)));
      expires = r.int(1, 30);
    } else {
      start = r.int(5, appAge);
      expires = shape === 'never' ? 'year-2299' : 'year-9999';
    }
    const expired = typeof expires === 'number' && expires < 0;
    const lastUsed = usedDays === undefined || expired ? undefined : Math.min(usedDays, start);
    return {
      displayName: r.pick(['prod', 'ci', 'deploy', 'default', 'rotation', 'legacy', 'key1']),
      startDaysAgo: start,
      expires,
      lastUsedDaysAgo: lastUsed,
    };
  }

  private owners(): Person[] {
    const n = this.rng.weighted([
      [25, 0],
      [50, 1],
      [25, 2],
    ] as const);
    const out: Person[] = [];
    for (let i = 0; i < n; i++) {
      const p = this.t.somePerson();
      if (!out.includes(p)) out.push(p);
    }
    return out;
  }

  private graphRoles(lowChance: number, highChance: number, maxDaysAgo: number): AppRoleSpec[] {
    const roles: AppRoleSpec[] = [];
    if (this.rng.chance(lowChance)) {
      for (const v of this.rng.sample(LOW_ROLES, this.rng.int(1, 3)))
        roles.push({ resource: 'graph', value: v, daysAgo: this.rng.int(1, maxDaysAgo) });
    }
    if (this.rng.chance(highChance))
      roles.push({
        resource: 'graph',
        value: this.rng.pick(HIGH_ROLES),
        daysAgo: this.rng.int(1, maxDaysAgo),
      });
    return roles;
  }

  private fic(): FicSpec {
    if (this.rng.chance(0.8)) {
      const repo = this.rng.pick(REPOS);
      const subject = this.rng.weighted([
        [5, `repo:${GITHUB_ORG}/${repo}:ref:refs/heads/main`],
        [3, `repo:${GITHUB_ORG}/${repo}:environment:${this.rng.pick(['production', 'staging'])}`],
        [1, `repo:${GITHUB_ORG}/${repo}:pull_request`],
      ]);
      return {
        name: `github-${repo}-${this.rng.lowerAlnum(4)}`,
        issuer: 'https://token.actions.githubusercontent.com',
        subject,
      };
    }
    const org = this.rng.guid();
    return {
      name: `ado-${this.rng.lowerAlnum(6)}`,
      issuer: `https://vstoken.dev.azure.com/${org}`,
      subject: `sc://northwind/${this.rng.pick(REPOS)}/${this.rng.pick(['prod-connection', 'arm-deploy', 'shared'])}`,
    };
  }

  private app(): void {
    const r = this.rng;
    const unit = r.pick(UNITS);
    const svc = r.pick(SERVICES);
    const env = r.pick(ENVIRONMENTS);
    const name = this.unique(
      r.chance(0.6)
        ? `nw-${unit}-${svc}-${env}`
        : `${title(unit)} ${title(svc)} ${r.pick(['API', 'Sync', 'Portal', 'Connector', 'Worker', 'Service'])}`,
    );
    const age = r.int(10, 2500);
    const signIn = this.signIn();
    const secrets: SecretSpec[] = [];
    const nSecrets = r.weighted([
      [20, 0],
      [60, 1],
      [20, 2],
    ] as const);
    for (let i = 0; i < nSecrets; i++) secrets.push(this.secret(age, signIn.days));
    const certs: CertSpec[] = [];
    if (r.chance(0.2)) {
      const start = r.int(5, Math.min(age, 700));
      certs.push({
        displayName: 'cert',
        subject: `CN=${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
        startDaysAgo: start,
        expires: r.chance(0.25) ? -r.int(1, Math.max(1, start - 1)) : r.int(1, 730),
        lastUsedDaysAgo: signIn.days === undefined ? undefined : Math.min(signIn.days, start),
      });
    }
    const grants: GrantSpec[] = [];
    if (r.chance(0.3)) grants.push({ consentType: 'AllPrincipals', scope: r.pick(DELEGATED) });
    if (r.chance(0.05))
      grants.push({ consentType: 'Principal', scope: r.pick(DELEGATED), principal: this.t.somePerson() });
    const built = this.t.addApp({
      displayName: name,
      createdDaysAgo: age,
      secrets,
      certs,
      fics: r.chance(0.08) ? [this.fic()] : [],
      owners: this.owners(),
      appRoles: this.graphRoles(0.45, 0.04, age),
      grants,
      signIn: grants.length && signIn.spec ? { ...signIn.spec, delegatedDaysAgo: r.int(0, 60) } : signIn.spec,
    });
    if (r.chance(0.01))
      this.t.assignDirectoryRole(built.spId, ROLE.directoryReaders, { daysAgo: r.int(1, age) });
    else if (r.chance(0.003))
      this.t.assignDirectoryRole(
        built.spId,
        r.pick([ROLE.applicationAdmin, ROLE.cloudApplicationAdmin, ROLE.globalAdmin]),
        { daysAgo: r.int(1, age) },
      );
  }

  private managedIdentity(): void {
    const r = this.rng;
    const sub = r.pick(this.subscriptions);
    const unit = r.pick(UNITS);
    const env = r.pick(ENVIRONMENTS);
    const userAssigned = r.chance(0.4);
    let name: string;
    let resourceId: string;
    if (userAssigned) {
      name = this.unique(`id-${unit}-${r.pick(SERVICES)}-${env}`);
      resourceId = `/subscriptions/${sub}/resourceGroups/rg-${unit}-${env}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
    } else {
      const [type, prefix] = r.pick(AZURE_RESOURCE_TYPES);
      name = this.unique(`${prefix}-${unit}-${r.pick(SERVICES)}-${env}`);
      resourceId = `/subscriptions/${sub}/resourceGroups/rg-${unit}-${env}/providers/${type}/${name}`;
    }
    const age = r.int(5, 1500);
    const days = r.weighted<number | undefined>([
      [70, r.int(0, 30)],
      [20, r.int(31, 600)],
      [10, undefined],
    ]);
    this.t.addManagedIdentity({
      name,
      resourceId,
      userAssigned,
      createdDaysAgo: age,
      appRoles: this.graphRoles(0.25, 0.03, age),
      signIn: days === undefined ? undefined : { appDaysAgo: Math.min(days, age) },
    });
  }

  private thirdParty(): void {
    const r = this.rng;
    const supplier = r.pick(SUPPLIERS);
    const product = r.pick(SAAS_PRODUCTS);
    const name = this.unique(`${supplier} ${product}`);
    const domain = supplier.toLowerCase().replace(/[^a-z]+/g, '');
    const grants: GrantSpec[] = r.chance(0.4)
      ? [{ consentType: 'AllPrincipals', scope: r.pick(DELEGATED) }]
      : [];
    const age = r.int(10, 2000);
    const signIn = this.signIn();
    this.t.addThirdParty({
      displayName: name,
      publisher: supplier,
      publisherTenantId: r.guid(),
      verified: r.chance(0.6),
      createdDaysAgo: age,
      appRoles: this.graphRoles(0.5, 0.08, age),
      grants,
      signIn: signIn.spec && grants.length ? { ...signIn.spec, delegatedDaysAgo: r.int(0, 90) } : signIn.spec,
      homepage: `https://${product.toLowerCase().replace(/[^a-z]+/g, '')}.${domain}.com`,
    });
  }

  private agent(): void {
    const r = this.rng;
    if (!this.blueprint || this.blueprint.left <= 0) {
      const unit = r.pick(UNITS);
      const name = this.unique(
        `${title(unit)} ${r.pick(['Assistant', 'Operations', 'Triage', 'Research', 'Planning'])} Agent Blueprint`,
      );
      const owner = this.t.somePerson();
      const bp = this.t.addBlueprint({
        displayName: name,
        description: `Blueprint for ${unit} agents`,
        createdDaysAgo: r.int(10, 200),
        owners: r.chance(0.8) ? [owner] : [],
        sponsors: r.chance(0.85) ? [owner] : [],
        secrets: r.chance(0.4) ? [this.secret(200, r.int(0, 20))] : [],
        signIn: { appDaysAgo: r.int(0, 40) },
      });
      this.blueprint = { appId: bp.appId, left: r.int(4, 10), n: 0 };
      return;
    }
    this.blueprint.left--;
    this.blueprint.n++;
    const sponsors = r.weighted<Person[]>([
      [60, [this.t.somePerson()]],
      [25, [this.t.somePerson(), this.t.somePerson()]],
      [15, []],
    ]);
    const age = r.int(1, 180);
    const roles: AppRoleSpec[] = r.chance(0.2)
      ? r
          .sample(AGENT_ROLES, r.int(1, 2))
          .map((v) => ({ resource: 'graph' as const, value: v, daysAgo: r.int(0, age) }))
      : [];
    this.t.addAgentIdentity({
      displayName: this.unique(
        `${r
          .pick(SERVICES)
          .split('-')
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(' ')} Agent ${this.blueprint.n}`,
      ),
      blueprintAppId: this.blueprint.appId,
      createdDaysAgo: age,
      enabled: r.chance(0.92),
      sponsors: sponsors.filter((p, i, a) => a.indexOf(p) === i),
      appRoles: roles,
    });
  }
}
