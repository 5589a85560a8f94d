/**
 * Owners and sponsors -> `identity.owners` and trust rows.
 *
 * An owner of an application or service principal can add a secret or certificate to it and then
 * sign in as it, so owners are also trusts (kind `owner`): a path to the identity's permissions.
 * A sponsor answers for an agent identity or blueprint and manages its lifecycle but cannot add
 * credentials; sponsors are trusts of kind `sponsor` so reports can show who is accountable.
 */
import type { Identity, Owner, Trust } from '../../model/inventory';
import type { AreaReport } from './area-report';
import { notExported } from './endpoints';
import type { TenantIndex } from './identities';
import type { ParsedTenant } from './parse-raw';
import type { RawDirectoryObject } from './raw-schemas';
import { compact, odataTypeName } from './values';

const OWNER_ACTIONS = ['addPassword', 'addKey', 'update'];
const SPONSOR_ACTIONS = ['manageLifecycle'];

const TYPE_NAMES: Record<string, string> = {
  user: 'user',
  group: 'group',
  serviceprincipal: 'servicePrincipal',
  agentidentity: 'agentIdentity',
  agentidentityblueprintprincipal: 'agentIdentityBlueprintPrincipal',
  agentuser: 'agentUser',
  application: 'application',
};

function principalType(obj: RawDirectoryObject, index: TenantIndex): string {
  const name = odataTypeName(obj['@odata.type']);
  if (name && name !== 'directoryobject') return TYPE_NAMES[name] ?? name;
  // Shortened responses carry no @odata.type; an id we know is a service principal still is one.
  if (index.servicePrincipals.has(obj.id)) return 'servicePrincipal';
  if (index.applications.has(obj.id)) return 'application';
  if (obj.userPrincipalName) return 'user';
  return 'directoryObject';
}

function ownerRef(obj: RawDirectoryObject, relation: Owner['relation'], index: TenantIndex): Owner {
  const known = index.identities.get(obj.id);
  const principalName = obj.userPrincipalName ?? obj.mail ?? undefined;
  return {
    ...(known ? { id: known.id } : {}),
    nativeId: obj.id,
    ...(obj.displayName ? { displayName: obj.displayName } : {}),
    type: principalType(obj, index),
    ...(principalName ? { principalName } : {}),
    ...(typeof obj.accountEnabled === 'boolean' ? { enabled: obj.accountEnabled } : {}),
    relation,
  };
}

function trustFor(identity: Identity, owner: Owner, source: string): Trust {
  return {
    id: `${identity.id}#${owner.relation}:${owner.nativeId}`,
    identityId: identity.id,
    provider: 'entra',
    kind: owner.relation,
    principalType: owner.type,
    principal: owner.nativeId,
    ...(owner.id ? { principalId: owner.id } : {}),
    effect: 'Allow',
    actions: owner.relation === 'owner' ? OWNER_ACTIONS : SPONSOR_ACTIONS,
    conditions: {},
    evidence: compact({
      source,
      id: owner.nativeId,
      type: owner.type,
      displayName: owner.displayName,
      principalName: owner.principalName,
      enabled: owner.enabled,
    }),
  };
}

export interface OwnerResult {
  trusts: Trust[];
  reports: AreaReport[];
}

/** Fill `owners` of the identities in the index and return the owner/sponsor trusts. */
export function attachOwners(parsed: ParsedTenant, index: TenantIndex): OwnerResult {
  const trusts: Trust[] = [];
  const seen = new Set<string>();
  let unmatched = 0;

  const add = (
    objectId: string,
    objects: readonly RawDirectoryObject[],
    relation: Owner['relation'],
    source: string,
  ) => {
    const identity = index.identities.get(objectId);
    if (!identity) {
      unmatched++;
      return;
    }
    for (const obj of objects) {
      const owner = ownerRef(obj, relation, index);
      const trust = trustFor(identity, owner, source);
      if (seen.has(trust.id)) continue;
      seen.add(trust.id);
      identity.owners.push(owner);
      trusts.push(trust);
    }
  };

  for (const [id, objs] of parsed.applicationOwners) add(id, objs, 'owner', 'v1.0/applications/{id}/owners');
  for (const [id, objs] of parsed.servicePrincipalOwners)
    add(id, objs, 'owner', 'v1.0/servicePrincipals/{id}/owners');
  for (const [id, objs] of parsed.sponsors) add(id, objs, 'sponsor', 'sponsors');
  // Lists read with `$expand=sponsors` carry sponsors inline.
  const sponsorsKnown = new Set(parsed.sponsors.keys());
  for (const obj of [...index.servicePrincipals.values(), ...index.applications.values()]) {
    if (!obj.sponsors) continue;
    sponsorsKnown.add(obj.id);
    add(obj.id, obj.sponsors, 'sponsor', '$expand=sponsors');
  }

  return {
    trusts,
    reports: [ownerReport(parsed, index, unmatched), sponsorReport(parsed, index, sponsorsKnown)],
  };
}

function ownerReport(parsed: ParsedTenant, index: TenantIndex, unmatched: number): AreaReport {
  const ownerCount = [...index.identities.values()].reduce(
    (n, i) => n + i.owners.filter((o) => o.relation === 'owner').length,
    0,
  );
  if (!parsed.present.has('applicationOwners') && !parsed.present.has('servicePrincipalOwners')) {
    return {
      area: 'owners',
      status: 'skipped',
      itemCount: 0,
      message: notExported('applicationOwners').replace(
        'v1.0/applications/{id}/owners',
        'v1.0/applications/{id}/owners and v1.0/servicePrincipals/{id}/owners',
      ),
    };
  }
  // Owners are expected for every application and for every service principal that is not
  // Microsoft's own (the export script skips those).
  let expected = 0;
  let missing = 0;
  for (const app of index.applications.values()) {
    expected++;
    if (!parsed.applicationOwners.has(app.id)) missing++;
  }
  for (const sp of index.servicePrincipals.values()) {
    if (index.identities.get(sp.id)?.attributes.firstParty === true) continue;
    expected++;
    if (!parsed.servicePrincipalOwners.has(sp.id)) missing++;
  }
  const notes: string[] = [];
  if (missing > 0)
    notes.push(`owners not in the export for ${missing} of ${expected} applications and service principals`);
  if (unmatched > 0) notes.push(`${unmatched} owner lists name objects that are not in the export`);
  return {
    area: 'owners',
    status: missing > 0 ? 'partial' : 'complete',
    itemCount: ownerCount,
    ...(notes.length ? { message: notes.join('; ') } : {}),
  };
}

function sponsorReport(parsed: ParsedTenant, index: TenantIndex, known: ReadonlySet<string>): AreaReport {
  const agentKinds = new Set([
    'entra-agent-identity',
    'entra-agent-blueprint',
    'entra-agent-blueprint-principal',
  ]);
  const agents = [...index.identities.values()].filter((i) => agentKinds.has(i.kind));
  const sponsorCount = agents.reduce(
    (n, i) => n + i.owners.filter((o) => o.relation === 'sponsor').length,
    0,
  );
  const missing = agents.filter((i) => !known.has(i.nativeId)).length;
  if (agents.length > 0 && missing === agents.length) {
    return {
      area: 'sponsors',
      status: 'skipped',
      itemCount: 0,
      message:
        'sponsors of agent identities and blueprints not in the export: nobody is shown as accountable for them (beta .../sponsors needs AgentIdentity.ReadWrite.All for agent identities, Application.Read.All for blueprints)',
    };
  }
  return {
    area: 'sponsors',
    status: missing > 0 ? 'partial' : 'complete',
    itemCount: sponsorCount,
    ...(missing > 0
      ? { message: `sponsors not in the export for ${missing} of ${agents.length} agent objects` }
      : {}),
  };
}
