/**
 * Sign-in activity reports -> activities. The service principal report is matched by appId (it
 * covers the app in every role: client, resource, app-only, delegated); the credential report by
 * keyId to the credential it names, whose `lastUsedAt` it also sets.
 */
import { stableId, type Activity, type Credential } from '../../model/inventory';
import { toIsoUtc } from '../../model/dates';
import type { AreaReport } from './area-report';
import { notExported } from './endpoints';
import type { TenantIndex } from './identities';
import type { ParsedTenant } from './parse-raw';
import { compact, sameText } from './values';

const PER_TYPE = [
  'applicationAuthenticationClientSignInActivity',
  'applicationAuthenticationResourceSignInActivity',
  'delegatedClientSignInActivity',
  'delegatedResourceSignInActivity',
] as const;

function latest(dates: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (d !== undefined && (best === undefined || d > best)) best = d;
  return best;
}

function servicePrincipalActivities(
  parsed: ParsedTenant,
  index: TenantIndex,
): { activities: Activity[]; report: AreaReport } {
  if (!parsed.present.has('servicePrincipalSignInActivities')) {
    return {
      activities: [],
      report: {
        area: 'servicePrincipalSignInActivities',
        status: 'skipped',
        itemCount: 0,
        message: notExported('servicePrincipalSignInActivities'),
      },
    };
  }
  const activities: Activity[] = [];
  let unmatched = 0;
  for (const row of parsed.servicePrincipalSignInActivities) {
    const sp = index.spByAppId.get(row.appId);
    const identity = sp ? index.identities.get(sp.id) : undefined;
    if (!identity) {
      unmatched++;
      continue;
    }
    const perType = Object.fromEntries(PER_TYPE.map((k) => [k, toIsoUtc(row[k]?.lastSignInDateTime)]));
    const lastUsedAt = toIsoUtc(row.lastSignInActivity?.lastSignInDateTime) ?? latest(Object.values(perType));
    if (!lastUsedAt) continue;
    activities.push({
      id: `${identity.id}#sp-sign-in-activity`,
      identityId: identity.id,
      provider: 'entra',
      source: 'sp-sign-in-activity',
      lastUsedAt,
      attributes: compact({
        appId: row.appId,
        ...perType,
        lastSignInRequestId: row.lastSignInActivity?.lastSignInRequestId ?? undefined,
      }),
    });
  }
  return {
    activities,
    report: {
      area: 'servicePrincipalSignInActivities',
      status: 'complete',
      itemCount: activities.length,
      ...(unmatched > 0
        ? { message: `${unmatched} report rows name apps with no service principal in the export` }
        : {}),
    },
  };
}

function credentialActivities(
  parsed: ParsedTenant,
  credentials: readonly Credential[],
): { activities: Activity[]; report: AreaReport } {
  if (!parsed.present.has('appCredentialSignInActivities')) {
    return {
      activities: [],
      report: {
        area: 'appCredentialSignInActivities',
        status: 'skipped',
        itemCount: 0,
        message: notExported('appCredentialSignInActivities'),
      },
    };
  }
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const byKeyId = new Map<string, Credential[]>();
  for (const c of credentials)
    byKeyId.set(c.nativeId.toLowerCase(), [...(byKeyId.get(c.nativeId.toLowerCase()) ?? []), c]);

  const activities = new Map<string, Activity>();
  let unmatched = 0;
  for (const row of parsed.appCredentialSignInActivities) {
    // credentialOrigin says which object holds the key; fall back to the keyId alone.
    const ownerId = sameText(row.credentialOrigin, 'servicePrincipal')
      ? row.servicePrincipalObjectId
      : row.appObjectId;
    const credential =
      (ownerId ? byId.get(`${stableId('entra', ownerId)}#${row.keyId}`) : undefined) ??
      (byKeyId.get(row.keyId.toLowerCase())?.length === 1
        ? byKeyId.get(row.keyId.toLowerCase())?.[0]
        : undefined);
    const lastUsedAt = toIsoUtc(row.signInActivity?.lastSignInDateTime);
    if (!credential) {
      unmatched++;
      continue;
    }
    if (!lastUsedAt) continue;
    const id = `${credential.id}#credential-sign-in`;
    const prior = activities.get(id);
    // One row per credential and resource; keep the latest use across resources.
    if (prior && prior.lastUsedAt >= lastUsedAt) continue;
    activities.set(id, {
      id,
      identityId: credential.identityId,
      credentialId: credential.id,
      provider: 'entra',
      source: 'credential-sign-in',
      lastUsedAt,
      attributes: compact({
        keyId: row.keyId,
        keyType: row.keyType ?? undefined,
        keyUsage: row.keyUsage ?? undefined,
        credentialOrigin: row.credentialOrigin ?? undefined,
        resourceId: row.resourceId ?? undefined,
        expirationDate: toIsoUtc(row.expirationDate),
      }),
    });
    if (!credential.lastUsedAt || credential.lastUsedAt < lastUsedAt) credential.lastUsedAt = lastUsedAt;
  }
  return {
    activities: [...activities.values()],
    report: {
      area: 'appCredentialSignInActivities',
      status: 'complete',
      itemCount: activities.size,
      ...(unmatched > 0 ? { message: `${unmatched} report rows name credentials not in the export` } : {}),
    },
  };
}

/** Activities from both reports; sets `lastUsedAt` on the credentials the credential report names. */
export function buildActivities(
  parsed: ParsedTenant,
  index: TenantIndex,
  credentials: readonly Credential[],
): { activities: Activity[]; reports: AreaReport[] } {
  const sp = servicePrincipalActivities(parsed, index);
  const cred = credentialActivities(parsed, credentials);
  return { activities: [...sp.activities, ...cred.activities], reports: [sp.report, cred.report] };
}
