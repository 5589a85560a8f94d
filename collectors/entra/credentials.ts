/**
 * Password credentials, key credentials and federated identity credentials -> credentials, and
 * each federated credential also as a trust (an external OIDC subject can act as the app).
 *
 * Credentials belong to the object they are on: application credentials to the application
 * identity, service principal credentials to the service principal (`credentialOrigin` says
 * which). Only metadata is kept; the schemas never declare `secretText`, `hint` or `key`.
 */
import type { Credential, Identity, Trust } from '../../model/inventory';
import { toIsoUtc } from '../../model/dates';
import type { AreaReport } from './area-report';
import { notExported } from './endpoints';
import type { TenantIndex } from './identities';
import type { ParsedTenant } from './parse-raw';
import type { RawFederatedIdentityCredential, RawKeyCredential, RawPasswordCredential } from './raw-schemas';
import { compact, sameText } from './values';

type Origin = 'application' | 'servicePrincipal';

function status(
  createdAt: string | undefined,
  expiresAt: string | undefined,
  collectedAt: string,
): Credential['status'] {
  if (expiresAt !== undefined && expiresAt < collectedAt) return 'expired';
  if (createdAt !== undefined && createdAt > collectedAt) return 'inactive';
  return 'active';
}

function passwordCredential(
  identity: Identity,
  origin: Origin,
  pc: RawPasswordCredential,
  collectedAt: string,
): Credential {
  const createdAt = toIsoUtc(pc.startDateTime);
  const expiresAt = toIsoUtc(pc.endDateTime);
  return {
    id: `${identity.id}#${pc.keyId}`,
    identityId: identity.id,
    provider: 'entra',
    kind: 'client-secret',
    nativeId: pc.keyId,
    ...(pc.displayName ? { name: pc.displayName } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    status: status(createdAt, expiresAt, collectedAt),
    attributes: compact({ credentialOrigin: origin }),
  };
}

/** Certificates that authenticate the app; token-signing keys (SAML) are not sign-in credentials. */
function isAuthenticationKey(kc: RawKeyCredential): boolean {
  return sameText(kc.usage, 'Verify') || sameText(kc.type, 'AsymmetricX509Cert');
}

function keyCredential(
  identity: Identity,
  origin: Origin,
  kc: RawKeyCredential,
  collectedAt: string,
): Credential {
  const createdAt = toIsoUtc(kc.startDateTime);
  const expiresAt = toIsoUtc(kc.endDateTime);
  return {
    id: `${identity.id}#${kc.keyId}`,
    identityId: identity.id,
    provider: 'entra',
    kind: 'certificate',
    nativeId: kc.keyId,
    ...(kc.displayName ? { name: kc.displayName } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    status: status(createdAt, expiresAt, collectedAt),
    attributes: compact({
      credentialOrigin: origin,
      type: kc.type ?? undefined,
      usage: kc.usage ?? undefined,
      customKeyIdentifier: kc.customKeyIdentifier ?? undefined,
    }),
  };
}

function ficDetails(fic: RawFederatedIdentityCredential) {
  return compact({
    issuer: fic.issuer,
    subject: fic.subject ?? undefined,
    audiences: [...fic.audiences],
    claimsMatchingExpression: fic.claimsMatchingExpression?.value ?? undefined,
  });
}

function federatedCredential(identity: Identity, fic: RawFederatedIdentityCredential): Credential {
  return {
    id: `${identity.id}#${fic.id}`,
    identityId: identity.id,
    provider: 'entra',
    kind: 'federated-credential',
    nativeId: fic.id,
    ...(fic.name ? { name: fic.name } : {}),
    status: 'active',
    attributes: compact({
      credentialOrigin: 'application',
      ...ficDetails(fic),
      description: fic.description ?? undefined,
    }),
  };
}

/**
 * The inventory identity a federated credential trusts, when it is one of this tenant's own:
 * a blueprint or app trusting a managed identity names the tenant's issuer and the identity's
 * object id as subject.
 */
function trustedIdentity(fic: RawFederatedIdentityCredential, index: TenantIndex): string | undefined {
  const issuer = fic.issuer.toLowerCase().replace(/\/+$/, '');
  const tenant = index.tenantId.toLowerCase();
  const ownIssuer =
    issuer === `https://login.microsoftonline.com/${tenant}/v2.0` ||
    issuer === `https://sts.windows.net/${tenant}`;
  if (!ownIssuer || !fic.subject) return undefined;
  return index.identities.get(fic.subject)?.id;
}

function federatedTrust(identity: Identity, fic: RawFederatedIdentityCredential, index: TenantIndex): Trust {
  const details = ficDetails(fic);
  const { issuer: _issuer, ...conditions } = details;
  const principalId = trustedIdentity(fic, index);
  return {
    id: `${identity.id}#fic:${fic.id}`,
    identityId: identity.id,
    provider: 'entra',
    kind: 'entra-federated-credential',
    principalType: 'oidc-subject',
    principal: fic.issuer,
    ...(principalId ? { principalId } : {}),
    effect: 'Allow',
    actions: ['federatedTokenExchange'],
    conditions,
    evidence: compact({
      id: fic.id,
      name: fic.name ?? undefined,
      description: fic.description ?? undefined,
      ...details,
    }),
  };
}

export interface CredentialResult {
  credentials: Credential[];
  trusts: Trust[];
  reports: AreaReport[];
}

export function buildCredentials(
  parsed: ParsedTenant,
  index: TenantIndex,
  collectedAt: string,
): CredentialResult {
  const credentials: Credential[] = [];
  const trusts: Trust[] = [];
  const seen = new Set<string>();
  let signingKeys = 0;
  const push = (c: Credential) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    credentials.push(c);
  };

  const fromObject = (
    objectId: string,
    origin: Origin,
    passwords: readonly RawPasswordCredential[] | null | undefined,
    keys: readonly RawKeyCredential[] | null | undefined,
  ) => {
    const identity = index.identities.get(objectId);
    if (!identity) return;
    for (const pc of passwords ?? []) push(passwordCredential(identity, origin, pc, collectedAt));
    for (const kc of keys ?? []) {
      if (isAuthenticationKey(kc)) push(keyCredential(identity, origin, kc, collectedAt));
      else signingKeys++;
    }
  };
  for (const app of index.applications.values())
    fromObject(app.id, 'application', app.passwordCredentials, app.keyCredentials);
  for (const sp of index.servicePrincipals.values()) {
    fromObject(sp.id, 'servicePrincipal', sp.passwordCredentials, sp.keyCredentials);
  }

  let ficCount = 0;
  let ficOrphans = 0;
  for (const [appObjectId, fics] of parsed.federatedIdentityCredentials) {
    const identity = index.identities.get(appObjectId);
    if (!identity) {
      ficOrphans++;
      continue;
    }
    for (const fic of fics) {
      const credential = federatedCredential(identity, fic);
      if (seen.has(credential.id)) continue;
      push(credential);
      trusts.push(federatedTrust(identity, fic, index));
      ficCount++;
    }
  }

  const reports: AreaReport[] = [
    {
      area: 'credentials',
      status: 'complete',
      itemCount: credentials.length - ficCount,
      ...(signingKeys > 0
        ? {
            message: `${signingKeys} key credentials that are neither usage Verify nor AsymmetricX509Cert hold token-signing key material, not sign-in credentials; not listed`,
          }
        : {}),
    },
    ficReport(parsed, index, ficCount, ficOrphans),
  ];
  return { credentials, trusts, reports };
}

function ficReport(parsed: ParsedTenant, index: TenantIndex, count: number, orphans: number): AreaReport {
  if (!parsed.present.has('federatedIdentityCredentials')) {
    return {
      area: 'federatedIdentityCredentials',
      status: 'skipped',
      itemCount: 0,
      message: notExported('federatedIdentityCredentials'),
    };
  }
  const apps = [...index.applications.keys()];
  const missing = apps.filter((id) => !parsed.federatedIdentityCredentials.has(id)).length;
  const notes: string[] = [];
  if (missing > 0)
    notes.push(`federated credentials not in the export for ${missing} of ${apps.length} applications`);
  if (orphans > 0)
    notes.push(`${orphans} federated credential lists belong to applications not in the export`);
  return {
    area: 'federatedIdentityCredentials',
    status: missing > 0 ? 'partial' : 'complete',
    itemCount: count,
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}
