/**
 * What only a live scan reads: access keys listed one user at a time (users the credential report
 * does not list yet), existing IAM Access Analyzer unused-access findings, and service
 * last-accessed data (granted versus used services). Pure.
 */
import { toIsoUtc } from '../../model/dates';
import { stableId, type JsonValue } from '../../model/inventory';
import { attrs, type InventoryBuilder } from './inventory-builder';
import type { RawAccessKey, RawServicesLastAccessed, RawUnusedAccessFinding } from './raw-schemas';

function keyStatus(status: RawAccessKey['Status']): 'active' | 'inactive' | 'expired' {
  return status === 'Active' ? 'active' : status === 'Expired' ? 'expired' : 'inactive';
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'N/A' ? undefined : value;
}

/**
 * Access keys from ListAccessKeys + GetAccessKeyLastUsed. Users with a credential report row are
 * skipped (the report already holds their keys). Returns keys whose user is not in the inventory.
 */
export function addListedAccessKeys(
  b: InventoryBuilder,
  keys: readonly RawAccessKey[],
  userArns: ReadonlyMap<string, string>,
  reportedUserArns: ReadonlySet<string>,
): RawAccessKey[] {
  const orphans: RawAccessKey[] = [];
  const latest = new Map<string, { at: string; via: string }>();
  for (const key of keys) {
    const userArn = userArns.get(key.UserName);
    if (!userArn) {
      orphans.push(key);
      continue;
    }
    if (reportedUserArns.has(userArn)) continue;
    const identityId = stableId('aws', userArn);
    const credentialId = stableId('aws', `${userArn}#access-key:${key.AccessKeyId}`);
    const lastUsedAt = toIsoUtc(key.LastUsedDate);
    const service = present(key.LastUsedServiceName);
    const region = present(key.LastUsedRegion);
    b.addCredential({
      id: credentialId,
      identityId,
      provider: 'aws',
      kind: 'access-key',
      // An access key id is an identifier, not a secret.
      nativeId: key.AccessKeyId,
      name: `access key ${key.AccessKeyId}`,
      createdAt: toIsoUtc(key.CreateDate),
      lastUsedAt,
      status: keyStatus(key.Status),
      attributes: attrs({
        accessKeyId: key.AccessKeyId,
        lastUsedService: service,
        lastUsedRegion: region,
        listedBy: 'ListAccessKeys',
      }),
    });
    if (!lastUsedAt) continue;
    const via = `access-key:${key.AccessKeyId}`;
    b.addActivity({
      id: `${identityId}#activity:${via}`,
      identityId,
      credentialId,
      provider: 'aws',
      source: 'access-key-last-used',
      lastUsedAt,
      attributes: attrs({ via, service, region }),
    });
    const seen = latest.get(identityId);
    if (!seen || lastUsedAt > seen.at) latest.set(identityId, { at: lastUsedAt, via });
  }
  for (const [identityId, use] of latest) {
    b.addActivity({
      id: `${identityId}#activity:latest`,
      identityId,
      provider: 'aws',
      source: 'access-key-last-used',
      lastUsedAt: use.at,
      attributes: { via: use.via },
    });
  }
  return orphans;
}

/**
 * Active unused-access findings, kept on the identity they name (`unusedAccessFindings`).
 * Returns how many findings named no identity of this inventory.
 */
export function addUnusedAccessFindings(
  b: InventoryBuilder,
  findings: readonly RawUnusedAccessFinding[],
): number {
  let unmatched = 0;
  const byIdentity = new Map<string, JsonValue[]>();
  for (const f of findings) {
    const identity = f.resource ? b.identity(stableId('aws', f.resource)) : undefined;
    if (!identity) {
      unmatched += 1;
      continue;
    }
    const list = byIdentity.get(identity.id) ?? [];
    list.push(
      attrs({
        id: f.id,
        findingType: f.findingType,
        status: f.status,
        updatedAt: toIsoUtc(f.updatedAt),
        analyzerArn: f.analyzerArn,
      }),
    );
    byIdentity.set(identity.id, list);
  }
  for (const [id, list] of byIdentity) {
    const identity = b.identity(id);
    if (identity) identity.attributes.unusedAccessFindings = list;
  }
  return unmatched;
}

/**
 * Service last-accessed data: one activity per service used (source `service-last-accessed`) and,
 * on the identity, the services its policies allow but it never used in the tracking period.
 * Returns how many entries named no identity of this inventory.
 */
export function addServicesLastAccessed(
  b: InventoryBuilder,
  entries: readonly RawServicesLastAccessed[],
): number {
  let unmatched = 0;
  for (const entry of entries) {
    const identityId = stableId('aws', entry.Arn);
    const identity = b.identity(identityId);
    if (!identity) {
      unmatched += 1;
      continue;
    }
    const unused: string[] = [];
    for (const s of entry.ServicesLastAccessed) {
      const at = toIsoUtc(s.LastAuthenticated);
      if (!at) {
        unused.push(s.ServiceNamespace);
        continue;
      }
      b.addActivity({
        id: `${identityId}#activity:service-last-accessed:${s.ServiceNamespace}`,
        identityId,
        provider: 'aws',
        source: 'service-last-accessed',
        lastUsedAt: at,
        attributes: attrs({
          service: s.ServiceNamespace,
          region: s.LastAuthenticatedRegion,
          entity: s.LastAuthenticatedEntity,
        }),
      });
    }
    identity.attributes.servicesGranted = entry.ServicesLastAccessed.length;
    identity.attributes.servicesNotAccessed = unused;
  }
  return unmatched;
}
