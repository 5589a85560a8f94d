/**
 * Builds the Entra demo tenant as Graph responses keyed by request path. Scenario and bulk code
 * describe applications, service principals, managed identities and agent identities; this class
 * writes the objects and every related endpoint (owners, federated credentials, app role
 * assignments, grants, directory roles, sign-in reports) consistently.
 */
import { Buffer } from 'node:buffer';
import { graphTime, graphTime7, type Clock } from '../clock';
import {
  JOB_TITLES,
  MAIL_DOMAIN,
  OFFICES,
  FIRST_NAMES,
  LAST_NAMES,
  TENANT_DOMAIN,
  COMPANY,
} from '../company';
import { type Rng, StreamedBuilder } from '../random';
import type { GraphCollection, JsonObject } from '../types';
import {
  DIRECTORY_ROLES,
  EXCHANGE_APP_ID,
  EXCHANGE_APP_ROLES,
  GRAPH_APP_ID,
  GRAPH_APP_ROLES,
  GRAPH_SCOPES,
  MICROSOFT_TENANT_ID,
  SHAREPOINT_APP_ID,
  SHAREPOINT_APP_ROLES,
} from './catalog';

export interface Person {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  jobTitle: string;
  officeLocation: string;
  accountEnabled: boolean;
}

/** Days until expiry (negative: already expired) or a far-future "never expires" sentinel. */
export type Expiry = number | 'year-2299' | 'year-9999';

export interface SecretSpec {
  displayName: string;
  startDaysAgo: number;
  expires: Expiry;
  lastUsedDaysAgo?: number;
}

export interface CertSpec extends SecretSpec {
  subject: string;
}

export interface FicSpec {
  name: string;
  issuer: string;
  subject: string | null;
  description?: string;
  /** Flexible credential: `claims['sub'] matches '...'`. */
  claimsMatching?: string;
}

export interface GrantSpec {
  consentType: 'AllPrincipals' | 'Principal';
  scope: string;
  principal?: Person;
}

/** Resource permissions by resource: `graph`, `exchange`, `sharepoint`, or a tenant SP id. */
export interface AppRoleSpec {
  resource: 'graph' | 'exchange' | 'sharepoint' | ResourceSp;
  value: string;
  daysAgo: number;
}

export interface ResourceSp {
  id: string;
  appId: string;
  displayName: string;
  roles: Map<string, string>;
}

export interface SignInSpec {
  /** Days since the last app-only sign-in; undefined: no app-only sign-in. */
  appDaysAgo?: number;
  /** Days since the last delegated sign-in; undefined: none. */
  delegatedDaysAgo?: number;
}

export interface AppSpec {
  displayName: string;
  description?: string;
  createdDaysAgo: number;
  signInAudience?: 'AzureADMyOrg' | 'AzureADMultipleOrgs';
  secrets?: SecretSpec[];
  certs?: CertSpec[];
  fics?: FicSpec[];
  owners?: (Person | ServicePrincipalRef)[];
  appRoles?: AppRoleSpec[];
  grants?: GrantSpec[];
  /** Undefined: the app never appears in the sign-in report. */
  signIn?: SignInSpec;
  /** App roles the app itself exposes (makes it a resource). */
  exposes?: string[];
  /** Client secret added to the service principal object rather than the application. */
  spSecrets?: SecretSpec[];
  tags?: string[];
  notes?: string;
}

export interface ServicePrincipalRef {
  kind: 'servicePrincipal';
  id: string;
  appId: string;
  displayName: string;
}

export interface BuiltApp {
  appObjectId: string;
  appId: string;
  spId: string;
  displayName: string;
  resource?: ResourceSp;
}

function nullActivity(): JsonObject {
  return { lastSignInDateTime: null, lastSignInRequestId: null };
}

export class TenantBuilder extends StreamedBuilder {
  readonly tenantId: string;
  private readonly people: Person[] = [];
  private readonly apps: JsonObject[] = [];
  private readonly sps: JsonObject[] = [];
  private readonly agentIdentities: JsonObject[] = [];
  private readonly blueprints: JsonObject[] = [];
  private readonly blueprintPrincipals: JsonObject[] = [];
  private readonly appOwners = new Map<string, JsonObject[]>();
  private readonly spOwners = new Map<string, JsonObject[]>();
  private readonly fics = new Map<string, JsonObject[]>();
  private readonly assignedTo = new Map<string, JsonObject[]>();
  private readonly grants: JsonObject[] = [];
  private readonly roleDefinitions: JsonObject[] = [];
  private readonly roleAssignments: JsonObject[] = [];
  private readonly eligibility: JsonObject[] = [];
  private readonly agentSponsors = new Map<string, JsonObject[]>();
  private readonly blueprintSponsors = new Map<string, JsonObject[]>();
  private readonly principalSponsors = new Map<string, JsonObject[]>();
  private readonly spSignIns: JsonObject[] = [];
  private readonly credSignIns: JsonObject[] = [];
  private readonly resources = new Map<string, ResourceSp>();
  private readonly createdMs: number;
  private readonly handles = new Set<string>();

  constructor(
    rng: Rng,
    readonly clock: Clock,
  ) {
    super(rng);
    this.tenantId = rng.guid();
    this.createdMs = clock.daysAgo(2950, rng);
  }

  /** Applications and service principals, each counted once (agent objects appear in two lists). */
  get identityCount(): number {
    return this.apps.length + this.sps.length;
  }

  private ago(days: number): number {
    return this.clock.daysAgo(days, this.rng);
  }

  private requestId(): string {
    return this.rng.guid();
  }

  // ---- people -------------------------------------------------------------------------------

  newPerson(enabled = true): Person {
    const given = this.rng.pick(FIRST_NAMES);
    const surname = this.rng.pick(LAST_NAMES);
    // Namesakes get a number, as mail systems do: avery.chen, avery.chen2, ...
    const base = `${given}.${surname}`.toLowerCase();
    let handle = base;
    for (let n = 2; this.handles.has(handle); n++) handle = `${base}${n}`;
    this.handles.add(handle);
    const p: Person = {
      id: this.rng.guid(),
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      userPrincipalName: `${handle}@${MAIL_DOMAIN}`,
      jobTitle: this.rng.pick(JOB_TITLES),
      officeLocation: this.rng.pick(OFFICES),
      accountEnabled: enabled,
    };
    this.people.push(p);
    return p;
  }

  /** Someone from the existing staff, growing the pool slowly with the tenant. */
  somePerson(): Person {
    if (this.people.length < 8 || this.rng.chance(0.08)) return this.newPerson();
    const p = this.rng.pick(this.people);
    return p.accountEnabled || this.rng.chance(0.3) ? p : this.rng.pick(this.people);
  }

  private userObject(p: Person): JsonObject {
    return {
      '@odata.type': '#microsoft.graph.user',
      id: p.id,
      businessPhones: [],
      displayName: p.displayName,
      givenName: p.givenName,
      jobTitle: p.jobTitle,
      mail: p.userPrincipalName,
      mobilePhone: null,
      officeLocation: p.officeLocation,
      preferredLanguage: 'en-US',
      surname: p.surname,
      userPrincipalName: p.userPrincipalName,
      accountEnabled: p.accountEnabled,
    };
  }

  private ownerObject(o: Person | ServicePrincipalRef): JsonObject {
    if ('kind' in o) {
      return {
        '@odata.type': '#microsoft.graph.servicePrincipal',
        id: o.id,
        appId: o.appId,
        displayName: o.displayName,
        servicePrincipalType: 'Application',
      };
    }
    return this.userObject(o);
  }

  // ---- credentials --------------------------------------------------------------------------

  private endMs(expires: Expiry): number {
    if (expires === 'year-2299') return Date.UTC(2299, 11, 31, 0, 0, 0);
    if (expires === 'year-9999') return Date.UTC(9999, 11, 31, 23, 59, 59);
    return this.clock.daysAhead(expires, this.rng);
  }

  private passwordCredential(s: SecretSpec): JsonObject {
    const start = this.ago(s.startDaysAgo);
    const end = this.endMs(s.expires);
    return {
      customKeyIdentifier: null,
      displayName: s.displayName,
      endDateTime: typeof s.expires === 'number' ? graphTime7(end, this.rng) : graphTime(end),
      // Graph returns the first three characters of a secret; a made-up value, never a secret.
      hint: this.rng.alnum(3),
      keyId: this.rng.guid(),
      secretText: null,
      startDateTime: graphTime7(start, this.rng),
    };
  }

  private keyCredential(c: CertSpec): JsonObject {
    const start = this.ago(c.startDaysAgo);
    const end = this.endMs(c.expires);
    return {
      customKeyIdentifier: this.rng.hex(40).toUpperCase(),
      displayName: c.subject,
      endDateTime: graphTime(end),
      key: null,
      keyId: this.rng.guid(),
      startDateTime: graphTime(start),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    };
  }

  private credentialActivity(
    cred: JsonObject,
    keyType: 'clientSecret' | 'certificate',
    origin: 'application' | 'servicePrincipal',
    app: { appId: string; appObjectId: string; spId: string },
    lastUsedDaysAgo: number | undefined,
    startDaysAgo: number,
  ): void {
    if (lastUsedDaysAgo === undefined) return;
    const keyId = String(cred.keyId);
    const graph = this.resources.get('graph');
    this.credSignIns.push({
      id: Buffer.from(`${keyId}|${origin}`).toString('base64'),
      appId: app.appId,
      appObjectId: app.appObjectId,
      createdDateTime: graphTime(this.ago(startDaysAgo)),
      credentialOrigin: origin,
      expirationDateTime: cred.endDateTime ?? null,
      keyId,
      keyType,
      keyUsage: keyType === 'certificate' ? 'verify' : 'sign',
      resourceId: graph ? graph.appId : GRAPH_APP_ID,
      servicePrincipalObjectId: app.spId,
      signInActivity: {
        lastSignInDateTime: graphTime(this.ago(Math.min(lastUsedDaysAgo, startDaysAgo))),
        lastSignInRequestId: this.requestId(),
      },
    });
  }

  private signIn(appId: string, s: SignInSpec | undefined): void {
    if (!s) return;
    const act = (days: number | undefined): JsonObject =>
      days === undefined
        ? nullActivity()
        : { lastSignInDateTime: graphTime(this.ago(days)), lastSignInRequestId: this.requestId() };
    const app = act(s.appDaysAgo);
    const del = act(s.delegatedDaysAgo);
    const lastDays = Math.min(s.appDaysAgo ?? Infinity, s.delegatedDaysAgo ?? Infinity);
    this.spSignIns.push({
      id: Buffer.from(appId).toString('base64'),
      appId,
      delegatedClientSignInActivity: del,
      delegatedResourceSignInActivity: nullActivity(),
      applicationAuthenticationClientSignInActivity: app,
      applicationAuthenticationResourceSignInActivity: nullActivity(),
      lastSignInActivity: lastDays === Infinity ? nullActivity() : s.appDaysAgo === lastDays ? app : del,
    });
  }

  // ---- resources ----------------------------------------------------------------------------

  resource(name: 'graph' | 'exchange' | 'sharepoint'): ResourceSp {
    const r = this.resources.get(name);
    if (!r) throw new Error(`demo: resource ${name} not added yet`);
    return r;
  }

  private servicePrincipalBase(o: {
    id: string;
    appId: string | null;
    displayName: string;
    appDisplayName: string | null;
    owner: string | null;
    createdMs: number;
    type: string;
    audience: string;
  }): JsonObject {
    return {
      id: o.id,
      deletedDateTime: null,
      accountEnabled: true,
      alternativeNames: [],
      appDisplayName: o.appDisplayName,
      appDescription: null,
      appId: o.appId,
      applicationTemplateId: null,
      appOwnerOrganizationId: o.owner,
      appRoleAssignmentRequired: false,
      createdDateTime: graphTime(o.createdMs),
      description: null,
      disabledByMicrosoftStatus: null,
      displayName: o.displayName,
      homepage: null,
      loginUrl: null,
      logoutUrl: null,
      notes: null,
      notificationEmailAddresses: [],
      preferredSingleSignOnMode: null,
      preferredTokenSigningKeyThumbprint: null,
      replyUrls: [],
      servicePrincipalNames: o.appId ? [o.appId] : [],
      servicePrincipalType: o.type,
      signInAudience: o.audience,
      tags: [],
      tokenEncryptionKeyId: null,
      info: {
        logoUrl: null,
        marketingUrl: null,
        privacyStatementUrl: null,
        supportUrl: null,
        termsOfServiceUrl: null,
      },
      samlSingleSignOnSettings: null,
      verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
      addIns: [],
      appRoles: [],
      keyCredentials: [],
      oauth2PermissionScopes: [],
      passwordCredentials: [],
      resourceSpecificApplicationPermissions: [],
    };
  }

  private appRoleObjects(roles: readonly (readonly [string, string])[]): JsonObject[] {
    return roles.map(([id, value]) => ({
      allowedMemberTypes: ['Application'],
      description: `Allows the app to use ${value} without a signed-in user.`,
      displayName: value,
      id,
      isEnabled: true,
      origin: 'Application',
      value,
    }));
  }

  /** A Microsoft first-party service principal; Graph, Exchange and SharePoint carry permissions. */
  addFirstParty(appId: string, displayName: string): void {
    const id = this.rng.guid();
    const sp = this.servicePrincipalBase({
      id,
      appId,
      displayName,
      appDisplayName: displayName,
      owner: MICROSOFT_TENANT_ID,
      createdMs: this.createdMs + this.rng.int(0, 400) * 86_400_000,
      type: 'Application',
      audience: 'AzureADMultipleOrgs',
    });
    let roles: readonly (readonly [string, string])[] = [];
    let key: 'graph' | 'exchange' | 'sharepoint' | undefined;
    if (appId === GRAPH_APP_ID) {
      roles = GRAPH_APP_ROLES;
      key = 'graph';
      sp.servicePrincipalNames = [
        'https://canary.graph.microsoft.com',
        'https://graph.microsoft.com',
        'https://ags.windows.net',
        '00000003-0000-0000-c000-000000000000/ags.windows.net',
        GRAPH_APP_ID,
        'https://graph.microsoft.us',
        'https://dod-graph.microsoft.us',
      ];
      sp.oauth2PermissionScopes = GRAPH_SCOPES.map(([sid, value, type]) => ({
        adminConsentDescription: `Allows the app to use ${value} on behalf of the signed-in user.`,
        adminConsentDisplayName: value,
        id: sid,
        isEnabled: true,
        type,
        userConsentDescription: `Allows the app to use ${value} on your behalf.`,
        userConsentDisplayName: value,
        value,
      }));
    } else if (appId === EXCHANGE_APP_ID) {
      roles = EXCHANGE_APP_ROLES;
      key = 'exchange';
    } else if (appId === SHAREPOINT_APP_ID) {
      roles = SHAREPOINT_APP_ROLES;
      key = 'sharepoint';
    }
    sp.appRoles = this.appRoleObjects(roles);
    if (key)
      this.resources.set(key, { id, appId, displayName, roles: new Map(roles.map(([rid, v]) => [v, rid])) });
    this.sps.push(sp);
  }

  private assign(principalId: string, principalName: string, r: AppRoleSpec): void {
    const res = typeof r.resource === 'string' ? this.resource(r.resource) : r.resource;
    const roleId = res.roles.get(r.value);
    if (!roleId) throw new Error(`demo: ${res.displayName} has no app role ${r.value}`);
    const list = this.assignedTo.get(res.id) ?? [];
    list.push({
      id: this.rng.base64url(43),
      deletedDateTime: null,
      appRoleId: roleId,
      createdDateTime: graphTime(this.ago(r.daysAgo)),
      principalDisplayName: principalName,
      principalId,
      principalType: 'ServicePrincipal',
      resourceDisplayName: res.displayName,
      resourceId: res.id,
    });
    this.assignedTo.set(res.id, list);
  }

  private grant(clientSpId: string, g: GrantSpec, resource: ResourceSp): void {
    this.grants.push({
      clientId: clientSpId,
      consentType: g.consentType,
      id: this.rng.base64url(43),
      principalId: g.principal ? g.principal.id : null,
      resourceId: resource.id,
      scope: g.scope,
    });
  }

  private requiredResourceAccess(spec: AppSpec): JsonObject[] {
    const byResource = new Map<string, JsonObject[]>();
    for (const r of spec.appRoles ?? []) {
      const res = typeof r.resource === 'string' ? this.resource(r.resource) : r.resource;
      const list = byResource.get(res.appId) ?? [];
      list.push({ id: res.roles.get(r.value) ?? '', type: 'Role' });
      byResource.set(res.appId, list);
    }
    const graph = this.resources.get('graph');
    for (const g of spec.grants ?? []) {
      if (!graph) break;
      const list = byResource.get(graph.appId) ?? [];
      for (const scope of g.scope.trim().split(/\s+/)) {
        const s = GRAPH_SCOPES.find(([, v]) => v === scope);
        if (s && !list.some((x) => x.id === s[0])) list.push({ id: s[0], type: 'Scope' });
      }
      byResource.set(graph.appId, list);
    }
    return [...byResource.entries()].map(([resourceAppId, resourceAccess]) => ({
      resourceAppId,
      resourceAccess,
    }));
  }

  /** An app registration of this tenant and its service principal. */
  addApp(spec: AppSpec): BuiltApp {
    const appObjectId = this.rng.guid();
    const appId = this.rng.guid();
    const spId = this.rng.guid();
    const created = this.ago(spec.createdDaysAgo);
    const secrets = (spec.secrets ?? []).map((s) => [s, this.passwordCredential(s)] as const);
    const certs = (spec.certs ?? []).map((c) => [c, this.keyCredential(c)] as const);
    let resource: ResourceSp | undefined;
    const exposedRoles: JsonObject[] = [];
    if (spec.exposes?.length) {
      const roles = spec.exposes.map((v) => [this.rng.guid(), v] as const);
      resource = {
        id: spId,
        appId,
        displayName: spec.displayName,
        roles: new Map(roles.map(([id, v]) => [v, id])),
      };
      for (const [id, value] of roles) {
        exposedRoles.push({
          allowedMemberTypes: ['Application'],
          description: `Allows the calling app to ${value}.`,
          displayName: value,
          id,
          isEnabled: true,
          origin: 'Application',
          value,
        });
      }
    }
    const app: JsonObject = {
      id: appObjectId,
      deletedDateTime: null,
      appId,
      applicationTemplateId: null,
      disabledByMicrosoftStatus: null,
      createdDateTime: graphTime(created),
      displayName: spec.displayName,
      description: spec.description ?? null,
      groupMembershipClaims: null,
      identifierUris: resource ? [`api://${appId}`] : [],
      isFallbackPublicClient: null,
      notes: spec.notes ?? null,
      publisherDomain: TENANT_DOMAIN,
      serviceManagementReference: null,
      signInAudience: spec.signInAudience ?? 'AzureADMyOrg',
      tags: [],
      tokenEncryptionKeyId: null,
      api: {
        acceptMappedClaims: null,
        knownClientApplications: [],
        requestedAccessTokenVersion: resource ? 2 : null,
        oauth2PermissionScopes: [],
        preAuthorizedApplications: [],
      },
      appRoles: exposedRoles,
      info: {
        logoUrl: null,
        marketingUrl: null,
        privacyStatementUrl: null,
        supportUrl: null,
        termsOfServiceUrl: null,
      },
      keyCredentials: certs.map(([, k]) => k),
      parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
      passwordCredentials: secrets.map(([, p]) => p),
      publicClient: { redirectUris: [] },
      requiredResourceAccess: [],
      verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
      web: {
        homePageUrl: null,
        logoutUrl: null,
        redirectUris: spec.grants?.length
          ? [
              `https://${spec.displayName
                .toLowerCase()
                .replace(/[^a-z0-9]+/g, '-')
                .replace(/^-|-$/g, '')}.${MAIL_DOMAIN}/auth/callback`,
            ]
          : [],
        implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      },
      spa: { redirectUris: [] },
    };
    const sp = this.servicePrincipalBase({
      id: spId,
      appId,
      displayName: spec.displayName,
      appDisplayName: spec.displayName,
      owner: this.tenantId,
      createdMs: created + this.rng.int(0, 3600) * 1000,
      type: 'Application',
      audience: spec.signInAudience ?? 'AzureADMyOrg',
    });
    sp.tags = spec.tags ?? ['WindowsAzureActiveDirectoryIntegratedApp'];
    sp.appRoles = exposedRoles;
    if (resource) sp.servicePrincipalNames = [`api://${appId}`, appId];
    const spSecrets = (spec.spSecrets ?? []).map((s) => [s, this.passwordCredential(s)] as const);
    sp.passwordCredentials = spSecrets.map(([, p]) => p);
    this.apps.push(app);
    this.sps.push(sp);
    if (resource) this.resources.set(spId, resource);

    const owners = (spec.owners ?? []).map((o) => this.ownerObject(o));
    this.appOwners.set(appObjectId, owners);
    this.spOwners.set(spId, owners.slice());
    this.fics.set(
      appObjectId,
      (spec.fics ?? []).map((f) => {
        const fic: JsonObject = {
          id: this.rng.guid(),
          name: f.name,
          issuer: f.issuer,
          subject: f.subject,
          description: f.description ?? null,
          audiences: ['api://AzureADTokenExchange'],
        };
        if (f.claimsMatching) fic.claimsMatchingExpression = { value: f.claimsMatching, languageVersion: 1 };
        return fic;
      }),
    );
    for (const r of spec.appRoles ?? []) this.assign(spId, spec.displayName, r);
    for (const g of spec.grants ?? []) this.grant(spId, g, this.resource('graph'));
    app.requiredResourceAccess = this.requiredResourceAccess(spec);
    const ids = { appId, appObjectId, spId };
    for (const [s, p] of secrets)
      this.credentialActivity(p, 'clientSecret', 'application', ids, s.lastUsedDaysAgo, s.startDaysAgo);
    for (const [c, k] of certs)
      this.credentialActivity(k, 'certificate', 'application', ids, c.lastUsedDaysAgo, c.startDaysAgo);
    for (const [s, p] of spSecrets)
      this.credentialActivity(p, 'clientSecret', 'servicePrincipal', ids, s.lastUsedDaysAgo, s.startDaysAgo);
    this.signIn(appId, spec.signIn);
    return { appObjectId, appId, spId, displayName: spec.displayName, resource };
  }

  /** A multi-tenant app from another company, consented into this tenant. */
  addThirdParty(o: {
    displayName: string;
    publisher: string;
    publisherTenantId: string;
    verified: boolean;
    createdDaysAgo: number;
    appRoles?: AppRoleSpec[];
    grants?: GrantSpec[];
    signIn?: SignInSpec;
    homepage: string;
  }): BuiltApp {
    const spId = this.rng.guid();
    const appId = this.rng.guid();
    const created = this.ago(o.createdDaysAgo);
    const sp = this.servicePrincipalBase({
      id: spId,
      appId,
      displayName: o.displayName,
      appDisplayName: o.displayName,
      owner: o.publisherTenantId,
      createdMs: created,
      type: 'Application',
      audience: 'AzureADMultipleOrgs',
    });
    sp.homepage = o.homepage;
    sp.replyUrls = [`${o.homepage}/signin-oidc`];
    sp.publisherName = o.publisher;
    sp.tags = ['WindowsAzureActiveDirectoryIntegratedApp'];
    sp.info = {
      logoUrl: null,
      marketingUrl: o.homepage,
      privacyStatementUrl: `${o.homepage}/privacy`,
      supportUrl: `${o.homepage}/support`,
      termsOfServiceUrl: `${o.homepage}/terms`,
    };
    if (o.verified) {
      sp.verifiedPublisher = {
        displayName: o.publisher,
        verifiedPublisherId: this.rng.digits(7),
        addedDateTime: graphTime(this.ago(o.createdDaysAgo + this.rng.int(30, 900))),
      };
    }
    this.sps.push(sp);
    // The export lists owners of every service principal that is not Microsoft's; most have none.
    this.spOwners.set(spId, []);
    for (const r of o.appRoles ?? []) this.assign(spId, o.displayName, r);
    for (const g of o.grants ?? []) this.grant(spId, g, this.resource('graph'));
    this.signIn(appId, o.signIn);
    return { appObjectId: '', appId, spId, displayName: o.displayName };
  }

  /** A system- or user-assigned managed identity; alternativeNames carry the Azure resource id. */
  addManagedIdentity(o: {
    name: string;
    resourceId: string;
    userAssigned: boolean;
    createdDaysAgo: number;
    appRoles?: AppRoleSpec[];
    signIn?: SignInSpec;
  }): BuiltApp {
    const spId = this.rng.guid();
    const appId = this.rng.guid();
    const sp = this.servicePrincipalBase({
      id: spId,
      appId,
      displayName: o.name,
      appDisplayName: null,
      owner: null,
      createdMs: this.ago(o.createdDaysAgo),
      type: 'ManagedIdentity',
      audience: 'AzureADMyOrg',
    });
    sp.alternativeNames = [`isExplicit=${o.userAssigned ? 'True' : 'False'}`, o.resourceId];
    sp.servicePrincipalNames = [appId, `https://identity.azure.net/${this.rng.base64(32)}`];
    this.sps.push(sp);
    this.spOwners.set(spId, []);
    for (const r of o.appRoles ?? []) this.assign(spId, o.name, r);
    this.signIn(appId, o.signIn);
    return { appObjectId: '', appId, spId, displayName: o.name };
  }

  /** An agent identity blueprint (an application) and its blueprint principal in this tenant. */
  addBlueprint(o: {
    displayName: string;
    description: string;
    createdDaysAgo: number;
    owners: Person[];
    sponsors: Person[];
    secrets?: SecretSpec[];
    fics?: FicSpec[];
    appRoles?: AppRoleSpec[];
    signIn?: SignInSpec;
  }): { appObjectId: string; appId: string; principalId: string } {
    const appObjectId = this.rng.guid();
    const appId = this.rng.guid();
    const principalId = this.rng.guid();
    const created = this.ago(o.createdDaysAgo);
    const secrets = (o.secrets ?? []).map((s) => [s, this.passwordCredential(s)] as const);
    const blueprint: JsonObject = {
      '@odata.type': '#microsoft.graph.agentIdentityBlueprint',
      id: appObjectId,
      appId,
      identifierUris: [`api://${appId}`],
      createdByAppId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
      createdDateTime: graphTime(created),
      description: o.description,
      disabledByMicrosoftStatus: null,
      displayName: o.displayName,
      groupMembershipClaims: null,
      publisherDomain: TENANT_DOMAIN,
      signInAudience: 'AzureADMyOrg',
      tags: [],
      tokenEncryptionKeyId: null,
      uniqueName: null,
      serviceManagementReference: null,
      optionalClaims: null,
      api: {
        requestedAccessTokenVersion: 2,
        acceptMappedClaims: null,
        knownClientApplications: [],
        oauth2PermissionScopes: [],
        preAuthorizedApplications: [],
      },
      appRoles: [],
      info: {
        termsOfServiceUrl: null,
        supportUrl: null,
        privacyStatementUrl: null,
        marketingUrl: null,
        logoUrl: null,
      },
      keyCredentials: [],
      passwordCredentials: secrets.map(([, p]) => p),
      verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
      web: {
        redirectUris: [],
        homePageUrl: null,
        logoutUrl: null,
        redirectUriSettings: [],
        implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
      },
    };
    const principal: JsonObject = {
      '@odata.type': '#microsoft.graph.agentIdentityBlueprintPrincipal',
      id: principalId,
      appId,
      createdDateTime: graphTime(created + 120_000),
      createdByAppId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
      accountEnabled: true,
      appDisplayName: o.displayName,
      appOwnerOrganizationId: this.tenantId,
      appRoleAssignmentRequired: false,
      appRoles: [],
      disabledByMicrosoftStatus: null,
      displayName: o.displayName,
      info: {
        termsOfServiceUrl: null,
        supportUrl: null,
        privacyStatementUrl: null,
        marketingUrl: null,
        logoUrl: null,
      },
      oauth2PermissionScopes: [],
      servicePrincipalType: 'Application',
      tags: [],
      verifiedPublisher: null,
    };
    // The same objects are listed by the v1.0 endpoints and by the beta type-cast endpoints.
    this.apps.push(blueprint);
    this.blueprints.push(blueprint);
    this.sps.push(principal);
    this.blueprintPrincipals.push(principal);
    const owners = o.owners.map((p) => this.userObject(p));
    this.appOwners.set(appObjectId, owners);
    this.spOwners.set(principalId, owners.slice());
    this.blueprintSponsors.set(
      appObjectId,
      o.sponsors.map((p) => this.userObject(p)),
    );
    this.principalSponsors.set(
      principalId,
      o.sponsors.map((p) => this.userObject(p)),
    );
    this.fics.set(
      appObjectId,
      (o.fics ?? []).map((f) => ({
        id: this.rng.guid(),
        name: f.name,
        issuer: f.issuer,
        subject: f.subject,
        description: f.description ?? null,
        audiences: ['api://AzureADTokenExchange'],
      })),
    );
    for (const r of o.appRoles ?? []) this.assign(principalId, o.displayName, r);
    const ids = { appId, appObjectId, spId: principalId };
    for (const [s, p] of secrets)
      this.credentialActivity(p, 'clientSecret', 'application', ids, s.lastUsedDaysAgo, s.startDaysAgo);
    this.signIn(appId, o.signIn);
    return { appObjectId, appId, principalId };
  }

  /** An agent identity (servicePrincipalType ServiceIdentity) created from a blueprint. */
  addAgentIdentity(o: {
    displayName: string;
    blueprintAppId: string;
    createdDaysAgo: number;
    enabled: boolean;
    sponsors: Person[];
    appRoles?: AppRoleSpec[];
  }): string {
    const id = this.rng.guid();
    const agent: JsonObject = {
      '@odata.type': '#microsoft.graph.agentIdentity',
      id,
      displayName: o.displayName,
      createdDateTime: graphTime(this.ago(o.createdDaysAgo)),
      createdByAppId: o.blueprintAppId,
      agentIdentityBlueprintId: o.blueprintAppId,
      accountEnabled: o.enabled,
      disabledByMicrosoftStatus: null,
      servicePrincipalType: 'ServiceIdentity',
      tags: [],
    };
    this.sps.push(agent);
    this.agentIdentities.push(agent);
    this.spOwners.set(id, []);
    this.agentSponsors.set(
      id,
      o.sponsors.map((p) => this.userObject(p)),
    );
    for (const r of o.appRoles ?? []) this.assign(id, o.displayName, r);
    return id;
  }

  // ---- directory roles ----------------------------------------------------------------------

  addRoleDefinitions(
    custom: { id: string; displayName: string; description: string; actions: string[] }[],
  ): void {
    for (const r of DIRECTORY_ROLES) {
      this.roleDefinitions.push({
        id: r.id,
        description: r.description,
        displayName: r.displayName,
        isBuiltIn: true,
        isEnabled: true,
        isPrivileged: r.isPrivileged,
        resourceScopes: ['/'],
        templateId: r.id,
        version: '1',
        rolePermissions: [{ allowedResourceActions: r.actions, condition: null }],
        inheritsPermissionsFrom: [],
      });
    }
    for (const c of custom) {
      this.roleDefinitions.push({
        id: c.id,
        description: c.description,
        displayName: c.displayName,
        isBuiltIn: false,
        isEnabled: true,
        isPrivileged: true,
        resourceScopes: ['/'],
        templateId: c.id,
        version: null,
        rolePermissions: [{ allowedResourceActions: c.actions, condition: null }],
        inheritsPermissionsFrom: [],
      });
    }
  }

  assignDirectoryRole(
    principalId: string,
    roleDefinitionId: string,
    o: { scope?: string; eligible?: boolean; daysAgo: number; expiresInDays?: number },
  ): void {
    const scope = o.scope ?? '/';
    if (!o.eligible) {
      this.roleAssignments.push({
        id: `${this.rng.base64url(43)}-1`,
        principalId,
        resourceScope: scope,
        directoryScopeId: scope,
        roleDefinitionId,
      });
      return;
    }
    const start = this.ago(o.daysAgo);
    this.eligibility.push({
      id: this.rng.guid(),
      principalId,
      roleDefinitionId,
      directoryScopeId: scope,
      appScopeId: null,
      createdUsing: this.rng.guid(),
      createdDateTime: graphTime(start),
      modifiedDateTime: null,
      status: 'Provisioned',
      memberType: 'Direct',
      scheduleInfo: {
        startDateTime: graphTime(start),
        recurrence: null,
        expiration:
          o.expiresInDays === undefined
            ? { type: 'noExpiration', endDateTime: null, duration: null }
            : {
                type: 'afterDateTime',
                endDateTime: graphTime(this.clock.daysAhead(o.expiresInDays, this.rng)),
                duration: null,
              },
      },
    });
  }

  // ---- output -------------------------------------------------------------------------------

  build(): Record<string, GraphCollection> {
    const out: Record<string, GraphCollection> = {};
    const put = (path: string, value: JsonObject[]): void => {
      out[path] = { value };
    };
    put('v1.0/organization', [
      {
        id: this.tenantId,
        deletedDateTime: null,
        businessPhones: ['+1 206 555 0100'],
        city: 'Seattle',
        country: null,
        countryLetterCode: 'US',
        createdDateTime: graphTime(this.createdMs),
        displayName: COMPANY,
        postalCode: '98101',
        preferredLanguage: 'en',
        state: 'WA',
        street: '1 Robotics Way',
        tenantType: 'AAD',
        verifiedDomains: [
          {
            capabilities: 'Email, OfficeCommunicationsOnlineService',
            isDefault: true,
            isInitial: false,
            name: MAIL_DOMAIN,
            type: 'Managed',
          },
          {
            capabilities: 'Email, OfficeCommunicationsOnlineService',
            isDefault: false,
            isInitial: true,
            name: TENANT_DOMAIN,
            type: 'Managed',
          },
        ],
      },
    ]);
    put('v1.0/servicePrincipals', this.sps);
    put('v1.0/applications', this.apps);
    for (const [id, owners] of this.appOwners) put(`v1.0/applications/${id}/owners`, owners);
    for (const [id, owners] of this.spOwners) put(`v1.0/servicePrincipals/${id}/owners`, owners);
    for (const [id, fics] of this.fics) put(`v1.0/applications/${id}/federatedIdentityCredentials`, fics);
    for (const [id, list] of this.assignedTo) put(`v1.0/servicePrincipals/${id}/appRoleAssignedTo`, list);
    put('v1.0/oauth2PermissionGrants', this.grants);
    put('v1.0/roleManagement/directory/roleDefinitions', this.roleDefinitions);
    put('v1.0/roleManagement/directory/roleAssignments', this.roleAssignments);
    put('v1.0/roleManagement/directory/roleEligibilitySchedules', this.eligibility);
    put('beta/servicePrincipals/microsoft.graph.agentIdentity', this.agentIdentities);
    put('beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal', this.blueprintPrincipals);
    put('beta/applications/microsoft.graph.agentIdentityBlueprint', this.blueprints);
    for (const [id, list] of this.agentSponsors)
      put(`beta/servicePrincipals/${id}/microsoft.graph.agentIdentity/sponsors`, list);
    for (const [id, list] of this.blueprintSponsors)
      put(`beta/applications/${id}/microsoft.graph.agentIdentityBlueprint/sponsors`, list);
    for (const [id, list] of this.principalSponsors)
      put(`beta/servicePrincipals/${id}/microsoft.graph.agentIdentityBlueprintPrincipal/sponsors`, list);
    put('beta/reports/servicePrincipalSignInActivities', this.spSignIns);
    put('beta/reports/appCredentialSignInActivities', this.credSignIns);
    put('v1.0/policies/defaultAppManagementPolicy', [this.appManagementPolicy()]);
    put('beta/identity/conditionalAccess/policies', this.conditionalAccessPolicies());
    return out;
  }

  // ---- tenant policies ----------------------------------------------------------------------

  /** The tenant default policy: secrets of apps created since 2025 may live a year at most. */
  private appManagementPolicy(): JsonObject {
    const restriction = (restrictionType: string, maxLifetime: string | null): JsonObject => ({
      restrictionType,
      state: 'enabled',
      maxLifetime,
      restrictForAppsCreatedAfterDateTime: '2025-01-01T00:00:00Z',
    });
    return {
      id: '00000000-0000-0000-0000-000000000000',
      displayName: 'Default app management tenant policy',
      description:
        'Default tenant policy that enforces app management restrictions on applications and service principals.',
      isEnabled: true,
      applicationRestrictions: {
        passwordCredentials: [restriction('passwordLifetime', 'P365D')],
        keyCredentials: [],
      },
      servicePrincipalRestrictions: {
        passwordCredentials: [restriction('passwordAddition', null)],
        keyCredentials: [],
      },
    };
  }

  /** Workload identity policies (one blocks risky service principals, one reports on an agent) and a user policy. */
  private conditionalAccessPolicies(): JsonObject[] {
    const ownSp = this.sps.find((sp) => sp.appOwnerOrganizationId === this.tenantId);
    const agent = this.agentIdentities[0];
    const base = (displayName: string, state: string): JsonObject => ({
      id: this.rng.guid(),
      templateId: null,
      displayName,
      createdDateTime: graphTime(this.ago(400)),
      modifiedDateTime: graphTime(this.ago(60)),
      state,
      sessionControls: null,
    });
    const workload = (o: { include: string[]; exclude: string[]; agents?: string[] }): JsonObject => ({
      includeServicePrincipals: o.include,
      excludeServicePrincipals: o.exclude,
      servicePrincipalFilter: null,
      includeAgentIdServicePrincipals: o.agents ?? [],
      excludeAgentIdServicePrincipals: [],
      agentIdServicePrincipalFilter: null,
    });
    const conditions = (clientApplications: JsonObject | null, extra: JsonObject = {}): JsonObject => ({
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      servicePrincipalRiskLevels: [],
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] },
      users: clientApplications
        ? {
            includeUsers: ['None'],
            excludeUsers: [],
            includeGroups: [],
            excludeGroups: [],
            includeRoles: [],
            excludeRoles: [],
          }
        : {
            includeUsers: [],
            excludeUsers: [],
            includeGroups: [],
            excludeGroups: [],
            includeRoles: ['62e90394-69f5-4237-9190-012177145e10'],
            excludeRoles: [],
          },
      clientApplications,
      ...extra,
    });
    return [
      {
        ...base('Block high-risk workload identities', 'enabled'),
        conditions: conditions(
          workload({ include: ['ServicePrincipalsInMyTenant'], exclude: ownSp ? [String(ownSp.id)] : [] }),
          {
            servicePrincipalRiskLevels: ['high'],
          },
        ),
        grantControls: {
          operator: 'OR',
          builtInControls: ['block'],
          customAuthenticationFactors: [],
          termsOfUse: [],
        },
      },
      {
        ...base('Agents only from the corporate network (report only)', 'enabledForReportingButNotEnforced'),
        conditions: conditions(
          workload({ include: [], exclude: [], agents: agent ? [String(agent.id)] : [] }),
          {
            locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
          },
        ),
        grantControls: {
          operator: 'OR',
          builtInControls: ['block'],
          customAuthenticationFactors: [],
          termsOfUse: [],
        },
      },
      {
        ...base('Require MFA for Global Administrators', 'enabled'),
        conditions: conditions(null),
        grantControls: {
          operator: 'OR',
          builtInControls: ['mfa'],
          customAuthenticationFactors: [],
          termsOfUse: [],
        },
      },
    ];
  }
}
