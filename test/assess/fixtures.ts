/**
 * Builders for realistic inventory rows in the shapes the collectors produce (stable ids
 * `${provider}:${nativeId}`, credential report slots, Graph-derived Entra attributes).
 */
import type {
  Activity,
  AwsPolicyGrant,
  Credential,
  Grant,
  Identity,
  Inventory,
  PolicyStatement,
  Trust,
  Workload,
} from '../../model/inventory';
import { emptyInventory } from '../../model/inventory';

export const NOW = '2025-06-30T12:00:00.000Z';
export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '999988887777';
export const TENANT = 'c0ffee00-1111-4222-8333-444455556666';
export const VENDOR_TENANT = 'baddad00-1111-4222-8333-444455556666';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_SP = `entra:graph-sp-object-id`;

export function daysAgo(n: number): string {
  return new Date(Date.parse(NOW) - n * 86_400_000).toISOString();
}
export function daysAhead(n: number): string {
  return new Date(Date.parse(NOW) + n * 86_400_000).toISOString();
}

export function inventory(parts: Partial<Inventory>): Inventory {
  return { ...emptyInventory(), ...parts };
}

export function awsRole(name: string, extra: Partial<Identity> = {}): Identity {
  const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
  return {
    id: `aws:${arn}`,
    provider: 'aws',
    kind: 'aws-role',
    nativeId: arn,
    name,
    account: ACCOUNT,
    createdAt: daysAgo(400),
    enabled: true,
    tags: {},
    owners: [],
    attributes: { path: '/' },
    ...extra,
  };
}

export function awsUser(name: string, extra: Partial<Identity> = {}): Identity {
  const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
  return { ...awsRole(name), id: `aws:${arn}`, kind: 'aws-user', nativeId: arn, ...extra };
}

export function awsRoot(): Identity {
  const arn = `arn:aws:iam::${ACCOUNT}:root`;
  return { ...awsRole('<root_account>'), id: `aws:${arn}`, kind: 'aws-root', nativeId: arn, attributes: {} };
}

export function accessKey(identity: Identity, slot: 1 | 2, extra: Partial<Credential> = {}): Credential {
  return {
    id: `aws:${identity.nativeId}#access-key-${slot}`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'access-key',
    nativeId: `access-key-${slot}`,
    name: `access key ${slot}`,
    createdAt: daysAgo(10),
    lastUsedAt: daysAgo(1),
    status: 'active',
    attributes: { slot },
    ...extra,
  };
}

export function consolePassword(identity: Identity, extra: Partial<Credential> = {}): Credential {
  return {
    id: `aws:${identity.nativeId}#password`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'password',
    nativeId: 'password',
    name: 'console password',
    createdAt: daysAgo(30),
    status: 'active',
    attributes: {},
    ...extra,
  };
}

export function bedrockKey(identity: Identity, extra: Partial<Credential> = {}): Credential {
  return {
    id: `aws:${identity.nativeId}#service-specific:ACCAEXAMPLE1`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'service-specific',
    nativeId: 'ACCAEXAMPLE1',
    name: 'bedrock-key',
    createdAt: daysAgo(5),
    expiresAt: daysAhead(10),
    status: 'active',
    attributes: { serviceName: 'bedrock.amazonaws.com', userName: identity.name },
    ...extra,
  };
}

let statementCounter = 0;
export function statement(
  identity: Identity,
  st: PolicyStatement,
  extra: Partial<AwsPolicyGrant> = {},
): Grant {
  statementCounter++;
  return {
    id: `${identity.id}#policy:inline:app-policy:${statementCounter}`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'aws-policy-statement',
    policyType: 'inline',
    policyName: 'app-policy',
    statementIndex: 0,
    statement: st,
    resource: Array.isArray(st.Resource) ? st.Resource.join(', ') : (st.Resource ?? '*'),
    ...extra,
  } as Grant;
}

export function managedRef(identity: Identity, policyName: string, extra: Partial<Grant> = {}): Grant {
  return {
    id: `${identity.id}#managed:${policyName}`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'aws-managed-policy-ref',
    policyName,
    policyArn: `arn:aws:iam::aws:policy/${policyName}`,
    resource: '(policy document not in export)',
    ...extra,
  } as Grant;
}

let trustCounter = 0;
export function awsTrust(
  identity: Identity,
  principalType: string,
  principal: string,
  conditions: Trust['conditions'] = {},
  actions: string[] = ['sts:AssumeRole'],
): Trust {
  trustCounter++;
  return {
    id: `${identity.id}#trust:${trustCounter}:${principalType}:${principal}`,
    identityId: identity.id,
    provider: 'aws',
    kind: 'aws-trust-statement',
    principalType,
    principal,
    effect: 'Allow',
    actions,
    conditions,
    evidence: {
      Effect: 'Allow',
      Principal: { [principalType]: principal },
      Action: actions,
      Condition: conditions,
    },
  };
}

export function githubTrust(identity: Identity, conditions: Trust['conditions']): Trust {
  return awsTrust(
    identity,
    'Federated',
    `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    conditions,
    ['sts:AssumeRoleWithWebIdentity'],
  );
}

export function activity(identity: Identity, lastUsedAt: string, source = 'role-last-used'): Activity {
  return {
    id: `${identity.id}#activity:${source}`,
    identityId: identity.id,
    provider: identity.provider,
    source,
    lastUsedAt,
    attributes: {},
  };
}

export function workload(identity: Identity, kind: Workload['kind'], name: string): Workload {
  const nativeId =
    kind === 'bedrock-agent'
      ? `arn:aws:bedrock:eu-west-1:${ACCOUNT}:agent/${name.toUpperCase()}`
      : kind === 'agentcore-runtime'
        ? `arn:aws:bedrock-agentcore:eu-west-1:${ACCOUNT}:runtime/${name}`
        : `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;
  return {
    id: `aws:${nativeId}`,
    provider: 'aws',
    kind,
    nativeId,
    name,
    account: ACCOUNT,
    region: 'eu-west-1',
    identityId: identity.id,
    roleArn: identity.nativeId,
    attributes: {},
  };
}

// ---- Entra ----

export function entraSp(
  name: string,
  objectId: string,
  extra: Partial<Identity> = {},
  attrs: Identity['attributes'] = {},
): Identity {
  return {
    id: `entra:${objectId}`,
    provider: 'entra',
    kind: 'entra-service-principal',
    nativeId: objectId,
    name,
    displayName: name,
    account: TENANT,
    createdAt: daysAgo(300),
    enabled: true,
    tags: {},
    owners: [],
    attributes: {
      objectType: 'servicePrincipal',
      appId: `app-${objectId}`,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: TENANT,
      firstParty: false,
      multiTenant: false,
      ...attrs,
    },
    ...extra,
  };
}

export function entraApp(
  name: string,
  objectId: string,
  sp: Identity | undefined,
  extra: Partial<Identity> = {},
): Identity {
  return {
    id: `entra:${objectId}`,
    provider: 'entra',
    kind: 'entra-application',
    nativeId: objectId,
    name,
    displayName: name,
    account: TENANT,
    createdAt: daysAgo(300),
    enabled: true,
    tags: {},
    owners: [],
    attributes: {
      objectType: 'application',
      appId: sp ? String(sp.attributes['appId']) : `app-${objectId}`,
      signInAudience: 'AzureADMyOrg',
      multiTenant: false,
      ...(sp ? { linkedServicePrincipalId: sp.id } : {}),
    },
    ...extra,
  };
}

export const owner = (upn: string, enabled = true, relation: 'owner' | 'sponsor' = 'owner') => ({
  id: `entra:user-${upn}`,
  nativeId: `user-${upn}`,
  displayName: upn.split('@')[0],
  type: 'user',
  principalName: upn,
  enabled,
  relation,
});

export function appRole(sp: Identity, permission: string, resourceName = 'Microsoft Graph'): Grant {
  return {
    id: `${sp.id}#approle:${permission}`,
    identityId: sp.id,
    provider: 'entra',
    kind: 'entra-app-role',
    resourceId: GRAPH_SP,
    resourceName,
    ...(resourceName === 'Microsoft Graph' ? { resourceAppId: GRAPH_APP_ID } : {}),
    permissionId: `perm-${permission}`,
    permission,
    createdAt: daysAgo(100),
    resource: resourceName,
  };
}

export function delegated(
  sp: Identity,
  permission: string,
  consentType: 'AllPrincipals' | 'Principal' = 'AllPrincipals',
): Grant {
  return {
    id: `${sp.id}#oauth2:${permission}:${consentType}`,
    identityId: sp.id,
    provider: 'entra',
    kind: 'entra-delegated-scope',
    resourceId: GRAPH_SP,
    resourceName: 'Microsoft Graph',
    permission,
    consentType,
    ...(consentType === 'Principal' ? { principalId: 'user-1' } : {}),
    resource: 'Microsoft Graph',
  };
}

export function directoryRole(
  sp: Identity,
  roleDefinitionId: string,
  roleName: string,
  isPrivileged = true,
): Grant {
  return {
    id: `${sp.id}#role:${roleDefinitionId}`,
    identityId: sp.id,
    provider: 'entra',
    kind: 'entra-directory-role',
    roleDefinitionId,
    roleName,
    isPrivileged,
    isBuiltIn: true,
    directoryScopeId: '/',
    assignment: 'active',
    resource: '/',
  };
}

export function clientSecret(identity: Identity, keyId: string, extra: Partial<Credential> = {}): Credential {
  return {
    id: `${identity.id}#${keyId}`,
    identityId: identity.id,
    provider: 'entra',
    kind: 'client-secret',
    nativeId: keyId,
    name: 'prod secret',
    createdAt: daysAgo(30),
    expiresAt: daysAhead(150),
    status: 'active',
    attributes: {
      credentialOrigin: identity.kind === 'entra-application' ? 'application' : 'servicePrincipal',
    },
    ...extra,
  };
}

export function certificate(identity: Identity, keyId: string, extra: Partial<Credential> = {}): Credential {
  return {
    ...clientSecret(identity, keyId),
    kind: 'certificate',
    name: 'cert',
    attributes: { type: 'AsymmetricX509Cert', usage: 'Verify' },
    ...extra,
  };
}

export function fic(app: Identity, id: string, issuer: string, conditions: Trust['conditions']): Trust {
  return {
    id: `${app.id}#fic:${id}`,
    identityId: app.id,
    provider: 'entra',
    kind: 'entra-federated-credential',
    principalType: 'oidc-subject',
    principal: issuer,
    effect: 'Allow',
    actions: ['federatedTokenExchange'],
    conditions: { audiences: ['api://AzureADTokenExchange'], ...conditions },
    evidence: { id, issuer, ...conditions },
  };
}
